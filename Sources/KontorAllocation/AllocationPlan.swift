import KontorModel

/// The outcome of routing one order: what ships (or is reserved for pickup) from where, what is backordered, and
/// why.
///
/// Goes on the allocation event as it is: encode it with `CanonicalJSON.encode` (sorted keys) for stable bytes.
/// Shipments are in the order they were chosen, backorders in line order, candidates by location id.
public struct AllocationPlan: Sendable, Hashable, Codable {
    /// The order routed.
    public var orderID: OrderID

    /// Whether everything, part or nothing was allocated.
    public var status: AllocationStatus

    /// Shipments and pickup reservations, in the order chosen.
    public var shipments: [PlannedShipment]

    /// What could not be allocated now, in line order.
    public var backorders: [BackorderLine]

    /// Why: every candidate with its score components and outcome.
    public var decision: RoutingDecision

    /// A plan.
    public init(
        orderID: OrderID,
        status: AllocationStatus,
        shipments: [PlannedShipment],
        backorders: [BackorderLine],
        decision: RoutingDecision
    ) {
        self.orderID = orderID
        self.status = status
        self.shipments = shipments
        self.backorders = backorders
        self.decision = decision
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case status
        case shipments
        case backorders
        case decision
    }
}

/// How much of an order was allocated.
public enum AllocationStatus: String, Sendable, Hashable, Codable {
    /// Every unit is allocated.
    case allocated
    /// Some units are allocated, the rest backordered.
    case partiallyAllocated
    /// Nothing is allocated; every line is backordered.
    case backordered
}

/// What one location sends or holds for pickup.
public struct PlannedShipment: Sendable, Hashable, Codable {
    /// The location.
    public var locationID: String

    /// Shipped to the destination, or reserved for pickup in the store.
    public var method: FulfilmentMethod

    /// The units per order line, in line order.
    public var lines: [AllocatedLine]

    /// A shipment.
    public init(locationID: String, method: FulfilmentMethod, lines: [AllocatedLine]) {
        self.locationID = locationID
        self.method = method
        self.lines = lines
    }

    enum CodingKeys: String, CodingKey {
        case locationID = "locationId"
        case method
        case lines
    }
}

/// How a ``PlannedShipment`` reaches the customer.
public enum FulfilmentMethod: String, Sendable, Hashable, Codable {
    /// Parcel to the destination.
    case ship
    /// Held in the store for the customer to collect (BOPIS).
    case pickup
}

/// Units of one order line allocated at one location (the same shape as a line's demand).
public typealias AllocatedLine = LineDemand

/// Units of one order line that could not be allocated now.
public struct BackorderLine: Sendable, Hashable, Codable {
    /// The order line's number.
    public var lineNumber: String

    /// The SKU.
    public var sku: String

    /// Units backordered.
    public var quantity: Int

    /// The earliest inbound date by which enough stock arrives at a location that may serve the order; `nil` when
    /// inbound supply does not cover it.
    public var expectedDate: KontorDate?

    /// Whether ``expectedDate`` is on or before the request's requested date; `nil` when either is unknown.
    public var meetsRequestedDate: Bool?

    /// A backorder line.
    public init(
        lineNumber: String,
        sku: String,
        quantity: Int,
        expectedDate: KontorDate? = nil,
        meetsRequestedDate: Bool? = nil
    ) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.expectedDate = expectedDate
        self.meetsRequestedDate = meetsRequestedDate
    }
}
