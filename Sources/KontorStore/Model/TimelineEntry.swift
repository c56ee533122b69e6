import KontorModel

/// One step in an order's history, shown on the order's page: which stage handled which event, with what result.
public struct TimelineEntry: Sendable, Hashable, Codable {
    /// The order.
    public var orderID: OrderID

    /// The entry's position in the order's timeline (1, 2, ...), assigned by the store when appended.
    public var sequence: Int

    /// When the step happened.
    public var at: Timestamp

    /// The pipeline stage, e.g. `validation`.
    public var stage: String

    /// The event type, e.g. `order.validated`.
    public var eventType: String

    /// The order's status after the step.
    public var status: String

    /// Reasons as JSON (e.g. validation reasons), when there are any.
    public var reasonsJSON: String?

    /// The event's id; an order's timeline holds each event id once, so replayed events add nothing.
    public var eventID: String

    /// Creates an entry; ``sequence`` is assigned by the store.
    public init(
        orderID: OrderID,
        sequence: Int = 0,
        at: Timestamp,
        stage: String,
        eventType: String,
        status: String,
        reasonsJSON: String? = nil,
        eventID: String
    ) {
        self.orderID = orderID
        self.sequence = sequence
        self.at = at
        self.stage = stage
        self.eventType = eventType
        self.status = status
        self.reasonsJSON = reasonsJSON
        self.eventID = eventID
    }
}
