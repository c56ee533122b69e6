/// A Kafka topic Kontor uses, with the partition count it is created with by default.
public struct TopicSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The topic name, e.g. `kontor.order.received.v1`.
    public var name: String

    /// The default number of partitions.
    public var partitions: Int

    /// What flows through the topic.
    public var summary: String

    /// Creates a topic description.
    public init(name: String, partitions: Int, summary: String) {
        self.name = name
        self.partitions = partitions
        self.summary = summary
    }

    /// `"kontor.order.received.v1 (6 partitions)"`.
    public var description: String { "\(name) (\(partitions) partitions)" }
}

/// Every Kafka topic name Kontor uses, in one place. Scheme: `kontor.<domain>.<event>.v<major>`.
///
/// Order topics are keyed by order id so that all events of one order stay in one partition, in order.
public struct KontorTopics: Sendable {
    private init() {}

    /// Default partition count of order topics: 6.
    public static let orderTopicPartitions = 6

    /// Default partition count of quarantine and dead-letter topics: 3.
    public static let auxiliaryTopicPartitions = 3

    /// `kontor.order.received.v1`: ``OrderReceivedEvent``s from the ingest edges.
    public static let orderReceived = "kontor.order.received.v1"

    /// `kontor.order.validated.v1`: ``OrderValidatedEvent``s.
    public static let orderValidated = "kontor.order.validated.v1"

    /// `kontor.order.rejected.v1`: ``OrderRejectedEvent``s.
    public static let orderRejected = "kontor.order.rejected.v1"

    /// `kontor.order.held.v1`: ``OrderHeldEvent``s.
    public static let orderHeld = "kontor.order.held.v1"

    /// `kontor.order.released.v1`: ``OrderReleasedEvent``s.
    public static let orderReleased = "kontor.order.released.v1"

    /// `kontor.order.cancelled.v1`: ``OrderCancelledEvent``s.
    public static let orderCancelled = "kontor.order.cancelled.v1"

    /// `kontor.order.allocated.v1`: allocated and partially allocated orders.
    public static let orderAllocated = "kontor.order.allocated.v1"

    /// `kontor.order.backordered.v1`: orders of which nothing could be allocated.
    public static let orderBackordered = "kontor.order.backordered.v1"

    /// `kontor.inventory.stock-changed.v1`: ``StockChangedEvent``s, keyed by SKU.
    public static let stockChanged = "kontor.inventory.stock-changed.v1"

    /// `kontor.order.shipped.v1`: ``OrderShippedEvent``s, one per shipment.
    public static let orderShipped = "kontor.order.shipped.v1"

    /// `kontor.order.short-picked.v1`: ``OrderShortPickedEvent``s; allocation re-plans the missing pieces.
    public static let orderShortPicked = "kontor.order.short-picked.v1"

    /// `kontor.order.tracked.v1`: ``OrderTrackedEvent``s, carrier scans matched to their order.
    public static let orderTracked = "kontor.order.tracked.v1"

    /// `kontor.order.delayed.v1`: ``OrderDelayedEvent``s.
    public static let orderDelayed = "kontor.order.delayed.v1"

    /// `kontor.order.cancel-requested.v1`: cancellations of orders whose pick tasks are out, keyed by order id.
    public static let orderCancelRequested = "kontor.order.cancel-requested.v1"

    /// `kontor.fulfillment.pick-task.v1`: ``PickTaskEvent``s, keyed by order id: the topic a WMS consumes.
    public static let pickTask = "kontor.fulfillment.pick-task.v1"

    /// `kontor.fulfillment.warehouse-confirmation.v1`: ``WarehouseConfirmationEvent``s from WMSs, keyed by order id.
    public static let warehouseConfirmation = "kontor.fulfillment.warehouse-confirmation.v1"

    /// `kontor.shipment.tracking.v1`: ``TrackingEventEnvelope``s from carriers, keyed by tracking number.
    public static let shipmentTracking = "kontor.shipment.tracking.v1"

    /// `kontor.shipment.pickup-scheduled.v1`: ``PickupScheduledEvent``s, keyed by location id.
    public static let pickupScheduled = "kontor.shipment.pickup-scheduled.v1"

    /// `kontor.return.authorized.v1`: RMAs created, keyed by order id.
    public static let returnAuthorized = "kontor.return.authorized.v1"

    /// `kontor.return.received.v1`: returns received at a warehouse, keyed by order id.
    public static let returnReceived = "kontor.return.received.v1"

    /// `kontor.return.refund-issued.v1`: refunds, keyed by order id.
    public static let returnRefundIssued = "kontor.return.refund-issued.v1"

    /// `kontor.return.exchange-created.v1`: replacement orders of exchanges, keyed by the original order's id.
    public static let returnExchangeCreated = "kontor.return.exchange-created.v1"

    /// `kontor.notification.sent.v1`: notifications sent to customers, keyed by order id.
    public static let notificationSent = "kontor.notification.sent.v1"

    /// Every topic that carries order events (keyed by order id), in pipeline order.
    public static let orderEventTopics = [
        orderReceived, orderValidated, orderRejected, orderHeld, orderReleased, orderCancelled, orderAllocated,
        orderBackordered,
    ]

    /// `kontor.ingest.quarantine.v1`: raw payloads the HTTP edge could not decode, as received, with
    /// `kontor-quarantine-*` headers saying why (see ``KontorHeaders``).
    public static let ingestQuarantine = "kontor.ingest.quarantine.v1"

    /// `kontor.dlq.<stage>.v1`: messages a stage gave up on, unchanged, with `kontor-dlq-*` headers. `stage` is a
    /// lowercase name such as `validation`.
    public static func deadLetter(stage: String) -> String {
        "kontor.dlq.\(stage).v1"
    }

    /// `kontor.dlq.validation.v1`: messages the validation worker gave up on.
    public static let validationDeadLetter = deadLetter(stage: "validation")

    /// `kontor.dlq.allocation.v1`: messages the allocation worker gave up on.
    public static let allocationDeadLetter = deadLetter(stage: "allocation")

    /// `kontor.dlq.projection.v1`: messages the read-model projection gave up on.
    public static let projectionDeadLetter = deadLetter(stage: "projection")

    /// The stages after allocation, each with its dead-letter topic (`kontor.dlq.<stage>.v1`) in ``all``.
    public static let afterAllocationStages = ["fulfillment", "wms-push", "tracking", "notification", "returns"]

    /// Every topic Kontor creates at startup, with its default partition count.
    public static let all: [TopicSpec] =
        [
            TopicSpec(
                name: orderReceived,
                partitions: orderTopicPartitions,
                summary: "Orders that passed structural decoding at an ingest edge."
            ),
            TopicSpec(
                name: orderValidated,
                partitions: orderTopicPartitions,
                summary: "Orders that passed business validation."
            ),
            TopicSpec(
                name: orderRejected,
                partitions: orderTopicPartitions,
                summary: "Orders that failed business validation, with reasons."
            ),
            TopicSpec(name: orderHeld, partitions: orderTopicPartitions, summary: "Orders held for review."),
            TopicSpec(
                name: orderReleased,
                partitions: orderTopicPartitions,
                summary: "Held orders released by ops; they continue to allocation."
            ),
            TopicSpec(
                name: orderCancelled,
                partitions: orderTopicPartitions,
                summary: "Cancelled orders; their reservations are released."
            ),
            TopicSpec(
                name: orderAllocated,
                partitions: orderTopicPartitions,
                summary: "Orders with stock reserved (fully or partially), with the routing decision."
            ),
            TopicSpec(
                name: orderBackordered,
                partitions: orderTopicPartitions,
                summary: "Orders of which nothing could be allocated yet."
            ),
            TopicSpec(
                name: stockChanged,
                partitions: orderTopicPartitions,
                summary: "Stock changes per SKU; backordered orders are allocated again."
            ),
            TopicSpec(
                name: orderShipped,
                partitions: orderTopicPartitions,
                summary: "Shipments that left a warehouse."
            ),
            TopicSpec(
                name: orderShortPicked,
                partitions: orderTopicPartitions,
                summary: "Units a warehouse could not find; allocated again."
            ),
            TopicSpec(
                name: orderTracked,
                partitions: orderTopicPartitions,
                summary: "Carrier scans matched to their order and shipment."
            ),
            TopicSpec(
                name: orderDelayed,
                partitions: orderTopicPartitions,
                summary: "Orders that will miss their promised date, with a new estimate."
            ),
            TopicSpec(
                name: orderCancelRequested,
                partitions: orderTopicPartitions,
                summary: "Cancellations waiting for the warehouses to stop picking."
            ),
            TopicSpec(
                name: pickTask,
                partitions: orderTopicPartitions,
                summary: "Pick tasks (and their cancellations) for warehouses and stores; the topic a WMS consumes."
            ),
            TopicSpec(
                name: warehouseConfirmation,
                partitions: orderTopicPartitions,
                summary: "WMS confirmations: picked, packed, shipped, short-picked, cancelled."
            ),
            TopicSpec(
                name: shipmentTracking,
                partitions: orderTopicPartitions,
                summary: "Carrier tracking events, normalized, keyed by tracking number."
            ),
            TopicSpec(
                name: pickupScheduled,
                partitions: auxiliaryTopicPartitions,
                summary: "Carrier pickups booked per shipping location, carrier and day."
            ),
            TopicSpec(name: returnAuthorized, partitions: orderTopicPartitions, summary: "RMAs created."),
            TopicSpec(
                name: returnReceived,
                partitions: orderTopicPartitions,
                summary: "Returns received at a warehouse."
            ),
            TopicSpec(
                name: returnRefundIssued,
                partitions: orderTopicPartitions,
                summary: "Refunds issued for returns."
            ),
            TopicSpec(
                name: returnExchangeCreated,
                partitions: orderTopicPartitions,
                summary: "Replacement orders created for exchanges."
            ),
            TopicSpec(
                name: notificationSent,
                partitions: orderTopicPartitions,
                summary: "Notifications sent to customers (e-mail, webhook)."
            ),
            TopicSpec(
                name: ingestQuarantine,
                partitions: auxiliaryTopicPartitions,
                summary: "Raw payloads the HTTP edge could not decode."
            ),
            TopicSpec(
                name: validationDeadLetter,
                partitions: auxiliaryTopicPartitions,
                summary: "Messages the validation worker could not process."
            ),
            TopicSpec(
                name: allocationDeadLetter,
                partitions: auxiliaryTopicPartitions,
                summary: "Messages the allocation worker could not process."
            ),
            TopicSpec(
                name: projectionDeadLetter,
                partitions: auxiliaryTopicPartitions,
                summary: "Messages the read-model projection could not process."
            ),
        ]
        + afterAllocationStages.map {
            TopicSpec(
                name: deadLetter(stage: $0),
                partitions: auxiliaryTopicPartitions,
                summary: "Messages the \($0) worker could not process."
            )
        }

    /// The description of a topic in ``all``.
    public static func spec(named name: String) -> TopicSpec? {
        all.first { $0.name == name }
    }

    /// The topic that carries events of `type`, for the order event types.
    public static func topic(for type: EventType) -> String? {
        switch type {
        case OrderEventType.received: orderReceived
        case OrderEventType.validated: orderValidated
        case OrderEventType.rejected: orderRejected
        case OrderEventType.held: orderHeld
        case OrderEventType.released: orderReleased
        case OrderEventType.cancelled: orderCancelled
        case OrderEventType.allocated: orderAllocated
        case OrderEventType.backordered: orderBackordered
        case OrderEventType.shipped: orderShipped
        case OrderEventType.shortPicked: orderShortPicked
        case OrderEventType.tracked: orderTracked
        case OrderEventType.delayed: orderDelayed
        case OrderEventType.cancelRequested: orderCancelRequested
        case InventoryEventType.stockChanged: stockChanged
        case FulfillmentEventType.pickTask, FulfillmentEventType.pickTaskCancellation: pickTask
        case FulfillmentEventType.warehouseConfirmation: warehouseConfirmation
        case ShipmentEventType.tracking: shipmentTracking
        case ShipmentEventType.pickupScheduled: pickupScheduled
        case ReturnEventType.authorized: returnAuthorized
        case ReturnEventType.received: returnReceived
        case ReturnEventType.refundIssued: returnRefundIssued
        case ReturnEventType.exchangeCreated: returnExchangeCreated
        case NotificationEventType.sent: notificationSent
        default: nil
        }
    }
}
