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

    /// `com.kontor.order.held.v1`: an order stopped for a person to review, by a review rule or by ops (payload
    /// ``OrderHeld``).
    public static let held = EventType("com.kontor.order.held.v1")

    /// `com.kontor.order.released.v1`: ops released a held order; it continues to allocation (payload
    /// ``OrderReleased``).
    public static let released = EventType("com.kontor.order.released.v1")

    /// `com.kontor.order.cancelled.v1`: the order was cancelled; its reservations are given back (payload
    /// ``OrderCancelled``).
    public static let cancelled = EventType("com.kontor.order.cancelled.v1")

    /// `com.kontor.order.allocated.v1`: stock is reserved for all or part of the order; the rest is backordered
    /// (payload `OrderAllocated` of `KontorAllocation`).
    public static let allocated = EventType("com.kontor.order.allocated.v1")

    /// `com.kontor.order.backordered.v1`: nothing could be reserved; every line waits for stock (payload
    /// `OrderAllocated` of `KontorAllocation`).
    public static let backordered = EventType("com.kontor.order.backordered.v1")

    /// `com.kontor.order.shipped.v1`: a shipment left the warehouse (payload ``OrderShipped``).
    public static let shipped = EventType("com.kontor.order.shipped.v1")

    /// `com.kontor.order.short-picked.v1`: the warehouse could not find some units; they are allocated again
    /// (payload ``OrderShortPicked``).
    public static let shortPicked = EventType("com.kontor.order.short-picked.v1")

    /// `com.kontor.order.tracked.v1`: a carrier scan matched to the order (payload ``OrderTracked``).
    public static let tracked = EventType("com.kontor.order.tracked.v1")

    /// `com.kontor.order.delayed.v1`: the order will miss its promised date (payload ``OrderDelayed``).
    public static let delayed = EventType("com.kontor.order.delayed.v1")

    /// `com.kontor.order.cancel-requested.v1`: someone cancelled an order whose pick tasks are out; the warehouses are
    /// asked to stop (payload ``OrderCancelRequested``).
    public static let cancelRequested = EventType("com.kontor.order.cancel-requested.v1")

    /// All order event types.
    public static let all: [EventType] = [
        received, validated, rejected, held, released, cancelled, allocated, backordered, shipped, shortPicked,
        tracked, delayed, cancelRequested,
    ]
}

/// The event types between Kontor and the warehouses, in one place.
public struct FulfillmentEventType: Sendable {
    private init() {}

    /// `com.kontor.fulfillment.pick-task.v1`: what a location must pick and ship (payload ``PickTask``).
    public static let pickTask = EventType("com.kontor.fulfillment.pick-task.v1")

    /// `com.kontor.fulfillment.warehouse-confirmation.v1`: a WMS's report on a pick task (payload
    /// ``WarehouseConfirmation``).
    public static let warehouseConfirmation = EventType("com.kontor.fulfillment.warehouse-confirmation.v1")

    /// `com.kontor.fulfillment.pick-task-cancellation.v1`: a location must stop picking a task (payload
    /// ``PickTaskCancellation``), on the pick-task topic after the task it cancels.
    public static let pickTaskCancellation = EventType("com.kontor.fulfillment.pick-task-cancellation.v1")
}

/// The event types about parcels on their way, in one place.
public struct ShipmentEventType: Sendable {
    private init() {}

    /// `com.kontor.shipment.tracking.v1`: one carrier scan (payload ``TrackingEvent``).
    public static let tracking = EventType("com.kontor.shipment.tracking.v1")

    /// `com.kontor.shipment.pickup-scheduled.v1`: a carrier confirmed a location's daily pickup (payload
    /// ``PickupScheduled``).
    public static let pickupScheduled = EventType("com.kontor.shipment.pickup-scheduled.v1")
}

/// The event types of returns, in one place.
public struct ReturnEventType: Sendable {
    private init() {}

    /// `com.kontor.return.authorized.v1`: an RMA was created (payload ``ReturnAuthorized``).
    public static let authorized = EventType("com.kontor.return.authorized.v1")

    /// `com.kontor.return.received.v1`: the warehouse received a return (payload ``ReturnReceived``).
    public static let received = EventType("com.kontor.return.received.v1")

    /// `com.kontor.return.refund-issued.v1`: money went back to the customer (payload ``RefundIssued``).
    public static let refundIssued = EventType("com.kontor.return.refund-issued.v1")

    /// `com.kontor.return.exchange-created.v1`: a replacement order was created (payload ``ExchangeCreated``).
    public static let exchangeCreated = EventType("com.kontor.return.exchange-created.v1")

    /// All return event types.
    public static let all: [EventType] = [authorized, received, refundIssued, exchangeCreated]
}

/// The event types of customer notifications, in one place.
public struct NotificationEventType: Sendable {
    private init() {}

    /// `com.kontor.notification.sent.v1`: a customer was notified (payload ``NotificationSent``).
    public static let sent = EventType("com.kontor.notification.sent.v1")
}

/// The event types about stock, in one place.
public struct InventoryEventType: Sendable {
    private init() {}

    /// `com.kontor.inventory.stock-changed.v1`: on hand, safety stock or inbound stock of a SKU changed (payload
    /// ``StockChanged``); backordered orders waiting for it are allocated again.
    public static let stockChanged = EventType("com.kontor.inventory.stock-changed.v1")
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

    /// `/kontor/workers/allocation`: the allocation worker.
    public static let allocationWorker = worker("allocation")

    /// `/kontor/api/orders`: an order action through the REST API (cancel, hold, release).
    public static let orderAPI = EventSource("/kontor/api/orders")

    /// `/kontor/inventory`: the store's stock journal (imports, goods receipts, adjustments).
    public static let inventory = EventSource("/kontor/inventory")
}
