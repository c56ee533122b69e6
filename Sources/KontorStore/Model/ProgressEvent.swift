import KontorModel

/// The latest pipeline event of one submission of an order, kept byte for byte so that it can be published again
/// after the broker lost it (the embedded cluster is empty after a restart).
///
/// The store keeps one event per order and ``correlationID`` (each received event starts a correlation: a new or
/// changed submission of the order), and replaces it only with a later ``step``. So an ingest edge that records its
/// received event (step 0) after a stage already recorded that event's output (step 1) changes nothing, an exact
/// redelivery (same event) is a no-op, and submissions of one order never overwrite each other.
public struct ProgressEvent: Sendable, Hashable {
    /// One message header; a nil value is a header present without a value.
    public struct Header: Sendable, Hashable {
        public var key: String
        public var value: [UInt8]?

        public init(key: String, value: [UInt8]?) {
            self.key = key
            self.value = value
        }
    }

    /// The order the event belongs to (the message key of order topics).
    public var orderID: OrderID

    /// The event's id (`kontor-event-id`); unchanged when the event is published again.
    public var eventID: String

    /// The submission the event descends from (`kontor-correlation-id`): every event caused by one received event
    /// shares it.
    public var correlationID: String

    /// The event's position in the pipeline: 0 for a received event, the stage's place in the pipeline (1, 2, ...)
    /// for a stage's output.
    public var step: Int

    /// Who recorded the event: the ingest edge (`ingest-http`, a connector name) or the stage that produced it.
    public var stage: String

    /// The topic the event was published to.
    public var topic: String

    /// The message key, byte for byte.
    public var key: [UInt8]?

    /// The message value, byte for byte.
    public var value: [UInt8]

    /// The message headers, in order.
    public var headers: [Header]

    /// When the event was recorded.
    public var updatedAt: Timestamp

    public init(
        orderID: OrderID,
        eventID: String,
        correlationID: String,
        step: Int,
        stage: String,
        topic: String,
        key: [UInt8]?,
        value: [UInt8],
        headers: [Header],
        updatedAt: Timestamp = .now()
    ) {
        self.orderID = orderID
        self.eventID = eventID
        self.correlationID = correlationID
        self.step = step
        self.stage = stage
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
        self.updatedAt = updatedAt
    }
}
