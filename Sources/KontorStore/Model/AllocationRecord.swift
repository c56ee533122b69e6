import KontorModel

/// What the allocation stage remembers of one order it allocated: enough to answer a redelivered event with the
/// same output, and, while lines are backordered, to allocate the order again when stock arrives.
public struct AllocationRecord: Sendable, Hashable, Codable {
    /// The order.
    public var orderID: OrderID

    /// The order's own correlation id (re-allocations caused by stock changes carry it on).
    public var correlationID: String

    /// Lower is served first when stock covers only some waiting orders (see the allocation worker's README).
    public var priority: Int

    /// When the order first reached allocation; among orders of equal priority the older is served first.
    public var receivedAt: Timestamp

    /// SKUs of the order's backordered lines; empty when the order is fully allocated (it then waits for nothing).
    public var wantedSKUs: [String]

    /// The id of the last allocation event emitted for the order.
    public var lastEventID: String

    /// The id of the event that caused ``lastEventID`` (a redelivery of it is answered with ``lastEvent``).
    public var lastCauseID: String

    /// The last allocation event emitted for the order, as CloudEvents JSON; it carries the order and its plan.
    public var lastEvent: [UInt8]

    /// Creates a record.
    public init(
        orderID: OrderID,
        correlationID: String,
        priority: Int,
        receivedAt: Timestamp,
        wantedSKUs: [String],
        lastEventID: String,
        lastCauseID: String,
        lastEvent: [UInt8]
    ) {
        self.orderID = orderID
        self.correlationID = correlationID
        self.priority = priority
        self.receivedAt = receivedAt
        self.wantedSKUs = wantedSKUs
        self.lastEventID = lastEventID
        self.lastCauseID = lastCauseID
        self.lastEvent = lastEvent
    }

    /// `true` while some of the order's lines wait for stock.
    public var isBackordered: Bool { !wantedSKUs.isEmpty }
}
