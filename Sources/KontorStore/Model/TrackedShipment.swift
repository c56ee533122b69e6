import KontorModel

/// A shipment (pick task) the tracking stage follows: known from its pick task (not shipped yet) or from its
/// ``OrderShipped`` event.
public struct TrackedShipment: Sendable, Hashable, Codable {
    /// The pick task, which is the shipment's id.
    public var taskID: String

    /// The order.
    public var orderID: OrderID

    /// The order's correlation id, for the events published about it later (delays).
    public var correlationID: String

    /// The carrier, when chosen.
    public var carrier: String?

    /// The carrier's service, when chosen.
    public var carrierService: String?

    /// The date the customer was promised, if any.
    public var promisedDate: KontorDate?

    /// When the shipment became known (the pick task's creation, else the shipment).
    public var createdAt: Timestamp

    /// When it left the warehouse; nil while it is not shipped.
    public var shippedAt: Timestamp?

    /// True when, with this shipment, every piece of the order shipped.
    public var completesOrder: Bool

    /// True once every parcel is delivered or back with the sender: delay detection no longer looks at it.
    public var settled: Bool

    /// Creates a shipment record.
    public init(
        taskID: String,
        orderID: OrderID,
        correlationID: String,
        carrier: String? = nil,
        carrierService: String? = nil,
        promisedDate: KontorDate? = nil,
        createdAt: Timestamp,
        shippedAt: Timestamp? = nil,
        completesOrder: Bool = false,
        settled: Bool = false
    ) {
        self.taskID = taskID
        self.orderID = orderID
        self.correlationID = correlationID
        self.carrier = carrier
        self.carrierService = carrierService
        self.promisedDate = promisedDate
        self.createdAt = createdAt
        self.shippedAt = shippedAt
        self.completesOrder = completesOrder
        self.settled = settled
    }
}

/// One parcel of a shipped shipment, with the latest carrier scan seen for it.
public struct TrackedParcel: Sendable, Hashable, Codable {
    /// The carrier's tracking number (the key carriers' scans are matched by).
    public var trackingNumber: String

    /// The shipment (pick task).
    public var taskID: String

    /// The order.
    public var orderID: OrderID

    /// The carrier the shipment went with.
    public var carrier: String

    /// The latest scan (by the carrier's scan time); nil before the first.
    public var lastScan: TrackingEvent?

    /// Creates a parcel record.
    public init(
        trackingNumber: String,
        taskID: String,
        orderID: OrderID,
        carrier: String,
        lastScan: TrackingEvent? = nil
    ) {
        self.trackingNumber = trackingNumber
        self.taskID = taskID
        self.orderID = orderID
        self.carrier = carrier
        self.lastScan = lastScan
    }

    /// The parcel's status: the latest scan's, or nil before the first.
    public var status: TrackingStatus? { lastScan?.status }
}

/// A carrier scan that arrived before its shipment was known, kept (as the message received) until it is.
public struct PendingScan: Sendable, Hashable {
    /// The tracking number it is for.
    public var trackingNumber: String

    /// The tracking event's id.
    public var eventID: String

    /// The event message as received (CloudEvents JSON).
    public var value: [UInt8]

    /// When it was kept.
    public var receivedAt: Timestamp

    /// Creates a pending scan.
    public init(trackingNumber: String, eventID: String, value: [UInt8], receivedAt: Timestamp) {
        self.trackingNumber = trackingNumber
        self.eventID = eventID
        self.value = value
        self.receivedAt = receivedAt
    }
}

/// A flag the read model shows on an order (`exception`, `delayed`), with what it is about.
public struct OrderFlag: Sendable, Hashable, Codable {
    /// `exception` (the carrier reported a problem) and `delayed` (the promised date will be missed).
    public static let exception = "exception"
    public static let delayed = "delayed"

    public var orderID: OrderID

    /// The flag's name.
    public var flag: String

    /// What it is about, for ops: the carrier's words and place, or the delay with its new estimate.
    public var detail: String?

    /// When it was set.
    public var at: Timestamp

    /// Creates a flag.
    public init(orderID: OrderID, flag: String, detail: String? = nil, at: Timestamp) {
        self.orderID = orderID
        self.flag = flag
        self.detail = detail
        self.at = at
    }
}
