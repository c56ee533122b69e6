import KontorModel

/// Payload of ``OrderEventType/allocated`` (status `allocated` or `partiallyAllocated`) and
/// ``OrderEventType/backordered`` (status `backordered`): the routing plan and what the store reserved for it.
/// JSON: `{order, plan, reservations}`.
public struct OrderAllocated: KontorEventPayload {
    /// `com.kontor.order.allocated.v1`; backordered events set ``OrderEventType/backordered`` explicitly.
    public static let eventType = OrderEventType.allocated

    /// The order.
    public var order: CanonicalOrder

    /// Shipments, backorder lines and the routing decision with every candidate's score.
    public var plan: AllocationPlan

    /// Units reserved in the store per order line and location (all of the order's active reservations).
    public var reservations: [ReservedUnits]

    /// Creates the payload.
    public init(order: CanonicalOrder, plan: AllocationPlan, reservations: [ReservedUnits]) {
        self.order = order
        self.plan = plan
        self.reservations = reservations
    }

    /// The event type for `plan`'s status: backordered when nothing was allocated, else allocated.
    public static func eventType(for status: AllocationStatus) -> EventType {
        status == .backordered ? OrderEventType.backordered : OrderEventType.allocated
    }
}

/// Units of one order line reserved at one location. JSON: `{lineNumber, sku, locationId, quantity}`.
public struct ReservedUnits: Sendable, Hashable, Codable {
    /// The order line's number.
    public var lineNumber: String

    /// The SKU.
    public var sku: String

    /// The location holding the units.
    public var locationId: String

    /// Units held.
    public var quantity: Int

    /// Creates a record of reserved units.
    public init(lineNumber: String, sku: String, locationId: String, quantity: Int) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.locationId = locationId
        self.quantity = quantity
    }
}

/// An ``OrderAllocated`` event (allocated, partially allocated or backordered).
public typealias OrderAllocatedEvent = EventEnvelope<OrderAllocated>
