/// A CloudEvents `type`, reverse-DNS and versioned: `com.kontor.<domain>.<event>.v<major>`.
public struct EventType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, OpenStringValue
{
    /// Wraps a literal, e.g. `"amazon"`.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The type string.
    public let rawValue: String

    /// Wraps a type string.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a type string.
    public init(_ rawValue: String) {
        self.init(rawValue: rawValue)
    }
}

/// The event types of the order pipeline, in one place.
public struct OrderEventType: Sendable {
    private init() {}

    /// `com.kontor.order.received.v1`: an order passed structural decoding at the edge (payload ``OrderReceived``).
    public static let received = EventType("com.kontor.order.received.v1")

    /// `com.kontor.order.validated.v1`: an order passed business validation (payload ``OrderValidated``).
    public static let validated = EventType("com.kontor.order.validated.v1")

    /// `com.kontor.order.rejected.v1`: an order failed business validation (payload ``OrderRejected``).
    public static let rejected = EventType("com.kontor.order.rejected.v1")

    /// All order event types.
    public static let all: [EventType] = [received, validated, rejected]
}

/// A CloudEvents `source`: a URI reference naming the producer, such as `/kontor/ingest/http`.
public struct EventSource: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, OpenStringValue
{
    /// Wraps a literal, e.g. `"amazon"`.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The URI reference.
    public let rawValue: String

    /// Wraps a URI reference.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a URI reference.
    public init(_ rawValue: String) {
        self.init(rawValue: rawValue)
    }

    /// `/kontor/ingest/<edge>`, e.g. `/kontor/ingest/http` or `/kontor/ingest/shopify`.
    public static func ingest(_ edge: String) -> EventSource {
        EventSource("/kontor/ingest/\(edge)")
    }

    /// `/kontor/workers/<worker>`, e.g. `/kontor/workers/validation`.
    public static func worker(_ worker: String) -> EventSource {
        EventSource("/kontor/workers/\(worker)")
    }

    /// `/kontor/ingest/http`: the HTTP order API.
    public static let ingestHTTP = ingest("http")

    /// `/kontor/workers/validation`: the validation worker.
    public static let validationWorker = worker("validation")
}
