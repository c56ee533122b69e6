import KontorModel

/// A cancellation of an order whose pick tasks are out, as the fulfillment stage keeps it: while it stands, the order
/// gets no new pick tasks, and once every task is closed without shipping, the order is cancelled.
public struct FulfillmentCancellation: Sendable, Hashable {
    /// The order.
    public var orderID: OrderID

    /// The ``OrderCancelRequested`` event that asked.
    public var eventID: String

    /// Why, in words.
    public var reason: String

    /// Who asked.
    public var requestedBy: String

    /// When it was asked.
    public var requestedAt: Timestamp

    /// Creates a cancellation.
    public init(orderID: OrderID, eventID: String, reason: String, requestedBy: String, requestedAt: Timestamp) {
        self.orderID = orderID
        self.eventID = eventID
        self.reason = reason
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
    }
}
