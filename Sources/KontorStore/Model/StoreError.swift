import KontorModel

/// A store operation refused: the message names the record and field concerned.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An order record was saved with a version other than the stored one.
    case versionConflict(orderID: OrderID, expected: Int?, actual: Int?)

    /// An idempotency key came back with a different request than the one first sent with it.
    case idempotencyConflict(scope: String, key: String)

    /// The order already holds active reservations that differ from the ones requested.
    case conflictingReservation(orderID: OrderID)

    /// A value the store cannot keep, e.g. a negative quantity.
    case invalidValue(field: String, value: String, reason: String)

    /// A record that must exist does not.
    case notFound(kind: String, id: String)

    /// An order search cursor that this store did not hand out.
    case invalidCursor(String)

    /// A store location (a path or URL) that cannot be opened.
    case invalidConfiguration(String)

    /// Explains the error.
    public var description: String {
        switch self {
        case .versionConflict(let orderID, let expected, let actual):
            "order \(orderID): expected version \(expected.map(String.init) ?? "none (new order)"), "
                + "stored version is \(actual.map(String.init) ?? "none (no such order)")"
        case .idempotencyConflict(let scope, let key):
            "idempotency key \"\(key)\" (\(scope)) was already used with a different request"
        case .conflictingReservation(let orderID):
            "order \(orderID) already holds active reservations that differ from the requested ones; release them first"
        case .invalidValue(let field, let value, let reason):
            "\(field): \"\(value)\" \(reason)"
        case .notFound(let kind, let id):
            "no \(kind) \"\(id)\""
        case .invalidCursor(let cursor):
            "order search cursor \"\(cursor)\" is not one this store handed out"
        case .invalidConfiguration(let message):
            message
        }
    }
}
