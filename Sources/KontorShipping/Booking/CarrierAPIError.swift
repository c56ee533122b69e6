/// A label booking or pickup that failed, naming the carrier, the operation and the reference.
public struct CarrierAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The carrier refused the request (4xx): fix the request, retrying will not help.
        case rejected(status: Int)
        /// The carrier kept failing (5xx, 429) or could not be reached, after every attempt.
        case unavailable
        /// The carrier answered with something the adapter cannot read.
        case malformedResponse
        /// The request cannot be sent (no API configured, unknown adapter).
        case notConfigured
    }

    /// The kind.
    public var kind: Kind

    /// Carrier id.
    public var carrier: String

    /// `label booking` or `pickup`.
    public var operation: String

    /// The shipment's or pickup's reference.
    public var reference: String

    /// The carrier's message, or what was wrong.
    public var message: String

    /// An error.
    public init(kind: Kind, carrier: String, operation: String, reference: String, message: String) {
        self.kind = kind
        self.carrier = carrier
        self.operation = operation
        self.reference = reference
        self.message = message
    }

    /// True when retrying later may succeed.
    public var isTransient: Bool { kind == .unavailable }

    public var description: String {
        let what: String
        switch kind {
        case .rejected(let status): what = "refused (HTTP \(status))"
        case .unavailable: what = "failed, carrier unavailable"
        case .malformedResponse: what = "failed, unreadable answer"
        case .notConfigured: what = "not possible"
        }
        return "\(carrier) \(operation) for \(reference) \(what): \(message)"
    }
}
