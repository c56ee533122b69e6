import Foundation
import KontorStore
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    static let allMigrations = [
        "v1-processed-events", "v2-connector-state", "v3-sequences", "v4-catalog-locations-inventory",
        "v5-customers-idempotency", "v6-order-read-model", "v7-order-progress", "v8-allocation",
        "v9-read-model-allocation", "v10-dead-letters", "v11-fulfillment", "v12-tracking", "v13-notifications",
        "v15-returns", "v14-shipping", "v16-notification-intents", "v17-pickups", "v18-fulfillment-cancellations",
        "v19-timeline-by-type", "v20-dashboard-sessions",
    ]

    @Test("Migrations run when the store opens and again harmlessly on reopen", arguments: StoreBackend.allCases)
    func reopen(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            #expect(try await store.appliedMigrationNames() == Self.allMigrations)
            try await store.upsertProducts([Product(sku: "KEEP-1", description: "Kept across reopening")])
            let reopened = try await database.open()
            #expect(try await reopened.appliedMigrationNames() == Self.allMigrations)
            #expect(try await reopened.product(sku: "KEEP-1")?.description == "Kept across reopening")
            await reopened.close()
        }
    }

    @Test("Several processes opening a new database at once migrate it once", arguments: StoreBackend.allCases)
    func concurrentOpeners(backend: StoreBackend) async throws {
        let database = try TestDatabase(backend)
        let stores = try await withThrowingTaskGroup(of: (any KontorStoreBackend).self) { group in
            for _ in 0..<4 { group.addTask { try await database.open() } }
            return try await group.reduce(into: [any KontorStoreBackend]()) { $0.append($1) }
        }
        for store in stores {
            #expect(try await store.appliedMigrationNames() == Self.allMigrations)
        }
        #expect(try await stores[0].nextSequenceNumber("after-migration") == 1)
        for store in stores { await store.close() }
        try await database.drop()
    }

    @Test("The SQLite store keeps its synchronous API for existing callers")
    func sqliteSynchronousAPI() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-store-\(UUID().uuidString)/kontor.sqlite").path
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations() == Self.allMigrations)
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }
}
