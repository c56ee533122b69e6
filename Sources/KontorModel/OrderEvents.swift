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

/// Payload of ``OrderEventType/held``: an order stopped for a person to look at. JSON: `{order, reasons, heldBy}`.
public struct OrderHeld: KontorEventPayload {
    /// `com.kontor.order.held.v1`.
    public static let eventType = OrderEventType.held

    /// The order.
    public var order: CanonicalOrder

    /// Why it is held (review rules' findings, or the operator's reason as code `held-by-operator`); never empty.
    public var reasons: [ValidationReason]

    /// Who held it: `review-rules`, or the operator.
    public var heldBy: String

    /// Creates the payload.
    public init(order: CanonicalOrder, reasons: [ValidationReason], heldBy: String) {
        self.order = order
        self.reasons = reasons
        self.heldBy = heldBy
    }
}

/// Payload of ``OrderEventType/released``: a held order let go by a person; it goes on to allocation.
/// JSON: `{order, releasedBy, note}`; `note` is left out when `nil`.
public struct OrderReleased: KontorEventPayload {
    /// `com.kontor.order.released.v1`.
    public static let eventType = OrderEventType.released

    /// The order.
    public var order: CanonicalOrder

    /// Who released it.
    public var releasedBy: String

    /// Why, in the operator's words.
    public var note: String?

    /// Creates the payload.
    public init(order: CanonicalOrder, releasedBy: String, note: String? = nil) {
        self.order = order
        self.releasedBy = releasedBy
        self.note = note
    }
}

/// Payload of ``OrderEventType/cancelled``: the order will not be fulfilled; its reservations are released.
/// JSON: `{orderId, reason, cancelledBy}`.
public struct OrderCancelled: KontorEventPayload {
    /// `com.kontor.order.cancelled.v1`.
    public static let eventType = OrderEventType.cancelled

    /// The order.
    public var orderId: OrderID

    /// Why, in words.
    public var reason: String

    /// Who cancelled it: the operator, or the channel.
    public var cancelledBy: String

    /// Creates the payload.
    public init(orderId: OrderID, reason: String, cancelledBy: String) {
        self.orderId = orderId
        self.reason = reason
        self.cancelledBy = cancelledBy
    }
}

/// Payload of ``InventoryEventType/stockChanged``: stock of one SKU changed somewhere. JSON: `{sku, locationIds,
/// change, sequence}`. Keyed by SKU; the allocation worker allocates backordered orders of the SKU again.
public struct StockChanged: KontorEventPayload {
    /// `com.kontor.inventory.stock-changed.v1`.
    public static let eventType = InventoryEventType.stockChanged

    /// The SKU.
    public var sku: String

    /// The locations whose stock changed.
    public var locationIds: [String]

    /// What changed: `count` (stock import), `receipt`, `adjustment`, `inbound` or `released`.
    public var change: String

    /// The store's stock journal sequence number of the change (unique, rising).
    public var sequence: Int

    /// Creates the payload.
    public init(sku: String, locationIds: [String], change: String, sequence: Int) {
        self.sku = sku
        self.locationIds = locationIds
        self.change = change
        self.sequence = sequence
    }
}

/// An ``OrderHeld`` event.
public typealias OrderHeldEvent = EventEnvelope<OrderHeld>

/// An ``OrderReleased`` event.
public typealias OrderReleasedEvent = EventEnvelope<OrderReleased>

/// An ``OrderCancelled`` event.
public typealias OrderCancelledEvent = EventEnvelope<OrderCancelled>

/// A ``StockChanged`` event.
public typealias StockChangedEvent = EventEnvelope<StockChanged>
