/// What an API token or a dashboard session may do. `operate` implies `read`; `ingest` stands alone, so a shop
/// system that pushes orders cannot read them back.
public enum AccessScope: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// `GET` of orders, inventory, dead letters, the audit log, the OpenAPI document and metrics.
    case read
    /// Order actions (cancel, hold, release), goods receipts, dead-letter replay and purge.
    case operate
    /// `POST /v1/orders` and `POST /v1/documents`.
    case ingest

    /// Whether holding `self` allows what `needed` guards.
    public func grants(_ needed: AccessScope) -> Bool {
        self == needed || (self == .operate && needed == .read)
    }

    /// Scopes from a list such as `read,operate` (or `read+operate`).
    /// - Throws: ``AccessConfigurationError`` naming the unknown scope.
    public static func parseList(_ text: String, where location: String) throws(AccessConfigurationError)
        -> Set<AccessScope>
    {
        var scopes: Set<AccessScope> = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == "+" || $0 == " " }) where !part.isEmpty {
            guard let scope = AccessScope(rawValue: part.lowercased()) else {
                throw AccessConfigurationError(
                    "\(location): unknown scope '\(part)' (\(allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw AccessConfigurationError("\(location): no scope given") }
        return scopes
    }

    public static func < (lhs: AccessScope, rhs: AccessScope) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension Set where Element == AccessScope {
    /// Whether any scope in the set allows what `needed` guards.
    public func grants(_ needed: AccessScope) -> Bool {
        contains { $0.grants(needed) }
    }

    /// `read, operate`: sorted, for messages and files.
    public var listed: String { sorted().map(\.rawValue).joined(separator: ", ") }
}

/// A problem with tokens, the tokens file or the dashboard password, naming the file, entry or key.
public struct AccessConfigurationError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
