import Foundation
import KontorStore
import Logging
import Testing

/// The store backends every store test runs against.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// An empty database of one backend for one test: a temporary SQLite file or a fresh PostgreSQL schema.
struct TestDatabase: Sendable {
    let backend: StoreBackend
    let configuration: StoreConfiguration

    init(_ backend: StoreBackend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("kontor-store-\(UUID().uuidString)/kontor.sqlite").path
            configuration = .sqlite(path: path)
        case .postgres:
            configuration = .postgres(try LocalPostgres.freshSchemaLocation())
        }
    }

    /// Opens one more store on the database: a separate SQLite connection pool or PostgreSQL client, as another
    /// worker process would have.
    func open() async throws -> any KontorStoreBackend {
        switch configuration {
        case .sqlite:
            return try await openStore(configuration)
        case .postgres(let location):
            // Few connections per store: tests run in parallel against one server.
            return try await PostgresStore.open(location, maximumConnections: 4)
        }
    }

    /// Removes the database.
    func drop() async throws {
        switch configuration {
        case .sqlite(let path):
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
        case .postgres(let location):
            try await LocalPostgres.dropSchema(of: location)
        }
    }
}

/// Runs `body` with a store on a fresh database of `backend`, then closes the store and drops the database.
func withTestStore(
    _ backend: StoreBackend,
    _ body: (any KontorStoreBackend, TestDatabase) async throws -> Void
) async throws {
    let database = try TestDatabase(backend)
    let store = try await database.open()
    do {
        try await body(store, database)
    } catch {
        await store.close()
        try? await database.drop()
        throw error
    }
    await store.close()
    try await database.drop()
}
