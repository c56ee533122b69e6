import KontorStore
import Testing

@Suite("Choosing and addressing the store")
struct StoreConfigurationTests {
    @Test("A postgres URL selects PostgreSQL with its parts; anything else is an SQLite path")
    func parsing() throws {
        let postgres = try StoreConfiguration(
            parsing: "postgres://kontor:s%40cret@db.internal:6543/kontor?schema=tenant_a"
        )
        #expect(
            postgres
                == .postgres(
                    PostgresLocation(
                        host: "db.internal",
                        port: 6543,
                        username: "kontor",
                        password: "s@cret",
                        database: "kontor",
                        schema: "tenant_a"
                    )
                )
        )
        #expect(
            try StoreConfiguration(parsing: "postgresql://k@localhost/db")
                == .postgres(PostgresLocation(host: "localhost", username: "k", password: nil, database: "db"))
        )
        #expect(try StoreConfiguration(parsing: ".kontor/kontor.sqlite") == .sqlite(path: ".kontor/kontor.sqlite"))
    }

    @Test(
        "Bad PostgreSQL URLs name what is wrong and hide the password",
        arguments: [
            ("postgres://kontor:secret@localhost", "PostgreSQL URL postgres://kontor:***@localhost: database missing"),
            ("postgres://localhost/db", "PostgreSQL URL postgres://localhost/db: user missing"),
            (
                "postgres://k@h/db?schema=Bad-Name",
                "PostgreSQL URL postgres://k@h/db?schema=Bad-Name: schema \"Bad-Name\" must be letters, digits and underscores"
            ),
            (
                "postgres://k@h/db?pool=3",
                "PostgreSQL URL postgres://k@h/db?pool=3: unknown parameter \"pool\" (known: schema, sslmode)"
            ),
        ]
    )
    func badURLs(url: String, message: String) throws {
        #expect(throws: StoreError.invalidConfiguration(message)) { try StoreConfiguration(parsing: url) }
    }

    @Test("The PostgreSQL test server is configured (make test sets KONTOR_TEST_POSTGRES_URL)")
    func testServerConfigured() throws {
        // Fails, rather than skipping the PostgreSQL half of the suite, when the variable is missing.
        _ = try LocalPostgres.serverLocation()
    }
}
