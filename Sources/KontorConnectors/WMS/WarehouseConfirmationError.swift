/// Why a warehouse confirmation could not be read, naming the field (a JSON path of the body as sent).
public struct WarehouseConfirmationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// The body is not JSON.
        case malformed
        /// JSON that breaks the contract or the mapping (missing field, wrong type, bad value).
        case invalid
        /// The `format` names no known confirmation mapping.
        case unknownFormat
    }

    /// What went wrong.
    public var kind: Kind

    /// The path of the offending field, e.g. `lines[0].quantity`; empty for the whole body.
    public var field: String

    /// What is wrong with it.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, field: String, _ message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
