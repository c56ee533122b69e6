import Foundation

/// A PostgreSQL database to connect to, read from `postgres://user:password@host:port/database?schema=NAME`.
///
/// The port defaults to 5432. The optional `schema` query item puts Kontor's tables into that schema (it must exist)
/// instead of the user's default; tests use it to get a schema each. `sslmode=disable|prefer|require` picks TLS
/// (default `prefer`).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// Host name or address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// The role to log in as.
    public var username: String
    /// The role's password.
    public var password: String?
    /// The database.
    public var database: String
    /// The schema for Kontor's tables, `nil` for the default search path.
    public var schema: String?
    /// The TLS mode: `disable`, `prefer` or `require`.
    public var tlsMode: String

    /// Creates a location.
    public init(
        host: String,
        port: Int = 5432,
        username: String,
        password: String?,
        database: String,
        schema: String? = nil,
        tlsMode: String = "prefer"
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.schema = schema
        self.tlsMode = tlsMode
    }

    /// Parses a `postgres://` (or `postgresql://`) URL; the error names the part that is wrong.
    public init(url string: String) throws {
        guard let components = URLComponents(string: string),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw StoreError.invalidConfiguration(
                "PostgreSQL URL: expected postgres://user:password@host:port/database, got \"\(Self.redacted(string))\""
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.invalidConfiguration("PostgreSQL URL \(Self.redacted(string)): host missing")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.invalidConfiguration("PostgreSQL URL \(Self.redacted(string)): user missing")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw StoreError.invalidConfiguration("PostgreSQL URL \(Self.redacted(string)): database missing")
        }
        var schema: String?
        var tlsMode = "prefer"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                schema = item.value
            case "sslmode":
                guard let value = item.value, ["disable", "prefer", "require"].contains(value) else {
                    throw StoreError.invalidConfiguration(
                        "PostgreSQL URL \(Self.redacted(string)): sslmode must be disable, prefer or require"
                    )
                }
                tlsMode = value
            default:
                throw StoreError.invalidConfiguration(
                    "PostgreSQL URL \(Self.redacted(string)): unknown parameter \"\(item.name)\" (known: schema, sslmode)"
                )
            }
        }
        if let schema, !Self.isPlainIdentifier(schema) {
            throw StoreError.invalidConfiguration(
                "PostgreSQL URL \(Self.redacted(string)): schema \"\(schema)\" must be letters, digits and underscores"
            )
        }
        self.init(
            host: host,
            port: components.port ?? 5432,
            username: components.percentEncodedUser?.removingPercentEncoding ?? user,
            password: components.percentEncodedPassword?.removingPercentEncoding,
            database: database,
            schema: schema,
            tlsMode: tlsMode
        )
    }

    /// The URL without the password.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }

    /// `true` for a lowercase-safe SQL identifier that needs no quoting: a letter or underscore, then letters,
    /// digits and underscores.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    private static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
