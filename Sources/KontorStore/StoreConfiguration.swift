import Logging

/// Where the store lives: an SQLite file (the embedded default) or a PostgreSQL database (for many worker processes).
public enum StoreConfiguration: Sendable, Hashable {
    /// An SQLite file at this path, created when missing.
    case sqlite(path: String)

    /// A PostgreSQL database, `postgres://user:password@host:port/database` (see ``PostgresLocation``).
    case postgres(PostgresLocation)

    /// Reads a setting: a `postgres://` or `postgresql://` URL selects PostgreSQL, anything else is an SQLite path.
    public init(parsing setting: String) throws {
        if setting.hasPrefix("postgres://") || setting.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: setting))
        } else if setting.isEmpty {
            throw StoreError.invalidConfiguration(
                "store: empty setting; expected an SQLite file path or a postgres:// URL"
            )
        } else {
            self = .sqlite(path: setting)
        }
    }
}

/// Opens the store the configuration names and migrates its schema to the current version.
public func openStore(
    _ configuration: StoreConfiguration,
    logger: Logger = Logger(label: "kontor.store")
) async throws -> any KontorStoreBackend {
    switch configuration {
    case .sqlite(let path):
        return try SQLiteStore(path: path)
    case .postgres(let location):
        return try await PostgresStore.open(location, logger: logger)
    }
}
