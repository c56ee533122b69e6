/// A payload type that knows its CloudEvents `type`, so envelopes can fill it in.
public protocol KontorEventPayload: Codable, Sendable, Hashable {
    /// The `type` of events carrying this payload.
    static var eventType: EventType { get }
}

/// Payload of ``OrderEventType/received``: an order that passed structural decoding. JSON: `{order}`.
public struct OrderReceived: KontorEventPayload {
    /// `com.kontor.order.received.v1`.
    public static let eventType = OrderEventType.received

    /// The order, with its Kontor id assigned.
    public var order: CanonicalOrder

    /// Creates the payload.
    public init(order: CanonicalOrder) {
        self.order = order
    }
}

/// Payload of ``OrderEventType/validated``: an order that passed business validation. JSON: `{order, warnings}`;
/// `warnings` is left out when `nil`.
public struct OrderValidated: KontorEventPayload {
    /// `com.kontor.order.validated.v1`.
    public static let eventType = OrderEventType.validated

    /// The order.
    public var order: CanonicalOrder

    /// Findings that did not block the order (see ``BasicOrderValidator/warnings(for:)``).
    public var warnings: [ValidationReason]?

    /// Creates the payload.
    public init(order: CanonicalOrder, warnings: [ValidationReason]? = nil) {
        self.order = order
        self.warnings = warnings
    }
}

/// Payload of ``OrderEventType/rejected``: an order that failed business validation. JSON: `{order, reasons}`.
public struct OrderRejected: KontorEventPayload {
    /// `com.kontor.order.rejected.v1`.
    public static let eventType = OrderEventType.rejected

    /// The order.
    public var order: CanonicalOrder

    /// Why it was rejected; never empty.
    public var reasons: [ValidationReason]

    /// Creates the payload.
    public init(order: CanonicalOrder, reasons: [ValidationReason]) {
        self.order = order
        self.reasons = reasons
    }
}

/// An ``OrderReceived`` event.
public typealias OrderReceivedEvent = EventEnvelope<OrderReceived>

/// An ``OrderValidated`` event.
public typealias OrderValidatedEvent = EventEnvelope<OrderValidated>

/// An ``OrderRejected`` event.
public typealias OrderRejectedEvent = EventEnvelope<OrderRejected>
