/// A value bound to a statement built at run time, converted to each backend's own binding type.
enum SQLValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
}

/// What differs between the two backends' SQL in statements built at run time.
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The placeholder of the `number`th (1-based) bound value.
    func placeholder(_ number: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(number)"
        }
    }

    /// The case-insensitive pattern match (SQLite's LIKE ignores ASCII case already).
    var caseInsensitiveLike: String {
        switch self {
        case .sqlite: "LIKE"
        case .postgres: "ILIKE"
        }
    }
}
