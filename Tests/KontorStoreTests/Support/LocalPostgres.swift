import Foundation
import KontorStore
import Logging
import PostgresNIO

/// The PostgreSQL server the store tests use, named by `KONTOR_TEST_POSTGRES_URL`. Each test gets a schema of its
/// own (so tests run in parallel) and drops it afterwards. Without the variable the PostgreSQL tests fail: they
/// must not pass by skipping.
enum LocalPostgres {
    static let variable = "KONTOR_TEST_POSTGRES_URL"

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            """
            \(LocalPostgres.variable) is not set, so the store tests cannot reach PostgreSQL. `make test` starts a \
            local server and sets it; by hand: `make postgres` and \
            `export \(LocalPostgres.variable)=postgres://kontor:kontor@127.0.0.1:5432/kontor_test`
            """
        }
    }

    /// The server's location from the environment.
    static func serverLocation() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else { throw NotConfigured() }
        return try PostgresLocation(url: url)
    }

    /// A location in a new, unique schema (created by the store when it opens).
    static func freshSchemaLocation() throws -> PostgresLocation {
        var location = try serverLocation()
        location.schema = "kontor_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return location
    }

    /// Drops the test's schema and everything in it.
    static func dropSchema(of location: PostgresLocation) async throws {
        guard let schema = location.schema else { return }
        let client = PostgresClient(
            configuration: PostgresClient.Configuration(
                host: location.host,
                port: location.port,
                username: location.username,
                password: location.password,
                database: location.database,
                tls: .disable
            )
        )
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        // The schema name was made above from hex digits: safe to write into the statement.
        try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
    }
}
