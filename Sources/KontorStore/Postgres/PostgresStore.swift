import Logging
import NIOSSL
import PostgresNIO

/// Kontor's store in a PostgreSQL database, for many worker processes sharing one state (same schema and guarantees
/// as ``SQLiteStore``). Open it with ``open(_:maximumConnections:logger:)``; schema migrations run then, serialized
/// between processes by an advisory lock.
///
/// Atomic operations lock the rows they change (`UPDATE ... WHERE <condition>` or `SELECT ... FOR UPDATE`) in a
/// fixed order (sorted keys), so that concurrent transactions wait for each other instead of deadlocking.
public final class PostgresStore: Sendable {
    /// Where the database is.
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>

    private init(location: PostgresLocation, maximumConnections: Int, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password,
            database: location.database,
            tls: Self.tls(location.tlsMode)
        )
        configuration.options.maximumConnections = maximumConnections
        if let schema = location.schema {
            // A run-time parameter in the startup message: every pooled connection starts in the schema.
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.location = location
        self.logger = logger
        // The client serves connections only while `run()` runs; `close()` cancels it.
        self.runner = Task { await client.run() }
    }

    /// Connects to the database, creates the `schema` of `location` if missing, and migrates it.
    public static func open(
        _ location: PostgresLocation,
        maximumConnections: Int = 10,
        logger: Logger = Logger(label: "kontor.store.postgres")
    ) async throws -> PostgresStore {
        let store = PostgresStore(location: location, maximumConnections: maximumConnections, logger: logger)
        do {
            try await PostgresSchema.migrate(store)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Closes every connection; the store must not be used afterwards.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    private static func tls(_ mode: String) -> PostgresClient.Configuration.TLS {
        switch mode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
    }

    // MARK: Running statements.

    /// Runs `query` on a pooled connection and decodes every row.
    func fetch<T: Sendable>(
        _ query: PostgresQuery,
        _ decode: @Sendable (PostgresRandomAccessRow) throws -> T
    ) async throws -> [T] {
        try await client.withConnection { connection in
            try await connection.fetch(query, logger: logger, decode)
        }
    }

    /// Runs `query` on a pooled connection, ignoring rows.
    func execute(_ query: PostgresQuery) async throws {
        try await client.withConnection { connection in
            try await connection.execute(query, logger: logger)
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws
    /// (its error is rethrown as it is). Retried up to 3 times when PostgreSQL reports a deadlock or a
    /// serialization failure, so `body` must be safe to run again.
    func transaction<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    try await connection.execute("BEGIN", logger: logger)
                    do {
                        let result = try await body(connection)
                        try await connection.execute("COMMIT", logger: logger)
                        return result
                    } catch {
                        try? await connection.execute("ROLLBACK", logger: logger)
                        throw error
                    }
                }
            } catch let error as PSQLError where attempt < 3 && Self.isRetryable(error) {
                attempt += 1
            }
        }
    }

    private static func isRetryable(_ error: PSQLError) -> Bool {
        // 40001 serialization_failure, 40P01 deadlock_detected.
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }
}

extension PostgresConnection {
    /// Runs `query` and decodes every row.
    func fetch<T>(
        _ query: PostgresQuery,
        logger: Logger,
        _ decode: (PostgresRandomAccessRow) throws -> T
    ) async throws -> [T] {
        var results: [T] = []
        for try await row in try await self.query(query, logger: logger) {
            results.append(try decode(PostgresRandomAccessRow(row)))
        }
        return results
    }

    /// Runs `query`, reading and dropping any rows.
    func execute(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}

extension PostgresRandomAccessRow {
    /// The value of column `name`.
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }
}
