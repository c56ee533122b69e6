/// Payload of ``OrderEventType/cancelRequested`` on ``KontorTopics/orderCancelRequested``: an order whose pick tasks
/// are out was cancelled. The fulfillment stage asks each location with open pieces to stop
/// (``PickTaskCancellation``) and cancels the order once the warehouses confirmed. JSON: `{orderId, reason,
/// requestedBy}`.
public struct OrderCancelRequested: KontorEventPayload {
    /// `com.kontor.order.cancel-requested.v1`.
    public static let eventType = OrderEventType.cancelRequested

    /// The order.
    public var orderId: OrderID

    /// Why, in words.
    public var reason: String

    /// Who asked: the operator, or the channel.
    public var requestedBy: String

    /// Creates the payload.
    public init(orderId: OrderID, reason: String, requestedBy: String) {
        self.orderId = orderId
        self.reason = reason
        self.requestedBy = requestedBy
    }
}

/// Payload of ``FulfillmentEventType/pickTaskCancellation`` on ``KontorTopics/pickTask`` (after the task, same key):
/// a location must stop picking a task and put its open pieces back. The WMS answers with a ``WarehouseConfirmation``
/// of kind ``WarehouseConfirmationKind/cancelled`` (or `shipped`, when the parcels had left already). JSON: `{taskId,
/// orderId, locationId, lines, reason, requestedBy, requestedAt}`.
public struct PickTaskCancellation: KontorEventPayload {
    /// `com.kontor.fulfillment.pick-task-cancellation.v1`.
    public static let eventType = FulfillmentEventType.pickTaskCancellation

    /// The task to stop.
    public var taskId: String

    /// The order.
    public var orderId: OrderID

    /// The location that picks it.
    public var locationId: String

    /// The pieces still open on the task (neither shipped nor short), per line.
    public var lines: [ConfirmedLine]

    /// Why, in words.
    public var reason: String

    /// Who asked.
    public var requestedBy: String

    /// When the cancellation was requested.
    public var requestedAt: Timestamp

    /// Creates the payload.
    public init(
        taskId: String,
        orderId: OrderID,
        locationId: String,
        lines: [ConfirmedLine],
        reason: String,
        requestedBy: String,
        requestedAt: Timestamp
    ) {
        self.taskId = taskId
        self.orderId = orderId
        self.locationId = locationId
        self.lines = lines
        self.reason = reason
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
    }
}

/// An ``OrderCancelRequested`` event.
public typealias OrderCancelRequestedEvent = EventEnvelope<OrderCancelRequested>

/// A ``PickTaskCancellation`` event.
public typealias PickTaskCancellationEvent = EventEnvelope<PickTaskCancellation>
