import KontorKafka
import KontorModel
import KontorStore

/// The tracking stage (step 4): matches carrier scans (``KontorTopics/shipmentTracking``, keyed by tracking number)
/// to the shipments they belong to and publishes each as ``OrderTracked`` on ``KontorTopics/orderTracked``.
///
/// - A pick task registers its shipment (with its promised date and carrier) before it ships, for delay detection.
/// - An ``OrderShipped`` registers the shipment's parcels by tracking number. Scans that came before it (carriers are
///   often faster than the warehouse's confirmation) were kept and are matched now, in the carrier's scan order.
/// - A scan older than the parcel's latest is still published (it belongs on the timeline) but does not move the
///   parcel's status backwards.
/// - `delivered` is true when every parcel of the order is delivered and one of its shipments completed the order.
///
/// Output ids derive from the scan's event id, so a redelivered scan (or a kept one matched later) yields the same
/// event.
public struct TrackingHandler: StageHandler {
    /// `tracking`.
    public static let stageName = "tracking"

    /// The topics the stage consumes.
    public static let inputTopics = [KontorTopics.pickTask, KontorTopics.orderShipped, KontorTopics.shipmentTracking]

    /// `/kontor/workers/tracking`.
    public static let source = EventSource.worker(stageName)

    public var stage: String { Self.stageName }
    private let store: any TrackingStore
    private let now: @Sendable () -> Timestamp

    /// A handler keeping its state in `store`; `now` stamps kept scans.
    public init(store: any TrackingStore, now: @escaping @Sendable () -> Timestamp = { .now() }) {
        self.store = store
        self.now = now
    }

    public func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        let header = try TrackingInput.header(message)
        switch header.type {
        case FulfillmentEventType.pickTask:
            try await register(try TrackingInput.decode(PickTask.self, message))
            return []
        case FulfillmentEventType.pickTaskCancellation:
            // Nothing to track: a cancelled task ships no parcels.
            return []
        case OrderEventType.shipped:
            return try await register(try TrackingInput.decode(OrderShipped.self, message))
        case ShipmentEventType.tracking:
            let event = try TrackingInput.decode(TrackingEvent.self, message)
            guard let parcel = try await store.parcel(trackingNumber: event.data.trackingNumber) else {
                try await store.savePendingScan(
                    PendingScan(
                        trackingNumber: event.data.trackingNumber,
                        eventID: event.id.rawValue,
                        value: message.value,
                        receivedAt: now()
                    )
                )
                return []
            }
            return [try await match(event, to: parcel)]
        default:
            throw StageError.schemaViolation(
                "unexpected event type \(header.type) on \(message.topic) (expected pick-task, shipped or tracking)"
            )
        }
    }

    /// A pick task: the shipment to expect, unless it is known already.
    private func register(_ event: PickTaskEvent) async throws {
        let task = event.data
        guard try await store.shipment(taskID: task.taskId) == nil else { return }
        try await store.saveShipment(
            TrackedShipment(
                taskID: task.taskId,
                orderID: task.orderId,
                correlationID: event.correlationID.rawValue,
                carrier: task.carrier,
                carrierService: task.carrierService,
                promisedDate: task.promisedDate,
                createdAt: task.createdAt
            )
        )
    }

    /// A shipment left: its parcels become known, and the scans kept for them are matched.
    private func register(_ event: OrderShippedEvent) async throws -> [KafkaProducerMessage] {
        let shipped = event.data
        let known = try await store.shipment(taskID: shipped.taskId)
        try await store.saveShipment(
            TrackedShipment(
                taskID: shipped.taskId,
                orderID: shipped.orderId,
                correlationID: known?.correlationID ?? event.correlationID.rawValue,
                carrier: shipped.carrier,
                carrierService: shipped.carrierService ?? known?.carrierService,
                promisedDate: shipped.promisedDate ?? known?.promisedDate,
                createdAt: known?.createdAt ?? shipped.shippedAt,
                shippedAt: shipped.shippedAt,
                completesOrder: shipped.complete,
                settled: known?.settled ?? false
            )
        )
        var messages: [KafkaProducerMessage] = []
        for trackingNumber in shipped.parcels.compactMap(\.trackingNumber) {
            var parcel =
                try await store.parcel(trackingNumber: trackingNumber)
                ?? TrackedParcel(
                    trackingNumber: trackingNumber,
                    taskID: shipped.taskId,
                    orderID: shipped.orderId,
                    carrier: shipped.carrier
                )
            try await store.saveParcel(parcel)
            let pending = try await store.pendingScans(trackingNumber: trackingNumber).map {
                try TrackingInput.decode(TrackingEvent.self, value: $0.value)
            }
            for scan in pending.sorted(by: { $0.data.occurredAt < $1.data.occurredAt }) {
                messages.append(try await match(scan, to: parcel))
                parcel = try await store.parcel(trackingNumber: trackingNumber) ?? parcel
            }
            try await store.deletePendingScans(trackingNumber: trackingNumber)
        }
        return messages
    }

    /// Publishes `scan` for its parcel's order; the parcel takes its status unless it is older than the latest.
    private func match(_ scan: TrackingEventEnvelope, to parcel: TrackedParcel) async throws -> KafkaProducerMessage {
        var parcel = parcel
        if parcel.lastScan.map({ scan.data.occurredAt >= $0.occurredAt }) ?? true {
            parcel.lastScan = scan.data
            try await store.saveParcel(parcel)
        }
        let parcels = try await store.parcels(orderID: parcel.orderID)
        let shipments = try await store.shipments(orderID: parcel.orderID)
        let delivered =
            shipments.contains(where: \.completesOrder) && !parcels.isEmpty
            && parcels.allSatisfy { $0.status == .delivered }
        if var shipment = shipments.first(where: { $0.taskID == parcel.taskID }), !shipment.settled {
            let own = parcels.filter { $0.taskID == shipment.taskID }
            if own.allSatisfy({ $0.status == .delivered || $0.status == .returnedToSender }) {
                shipment.settled = true
                try await store.saveShipment(shipment)
            }
        }
        let output = scan.followUp(
            stage: stage,
            source: Self.source,
            data: OrderTracked(
                orderId: parcel.orderID,
                taskId: parcel.taskID,
                tracking: scan.data,
                delivered: delivered
            ),
            subject: parcel.orderID.rawValue,
            // The scan's time, not the clock: a redelivered scan yields the same bytes.
            time: scan.time
        )
        return try EventMessage.make(output, topic: KontorTopics.orderTracked)
    }
}

/// Decoding of the tracking stage's inputs, with permanent errors for what can never be processed.
enum TrackingInput {
    static func header(_ message: KafkaConsumerMessage) throws -> EventHeader {
        do {
            return try CanonicalJSON.decodeEventHeader(from: message.value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not a Kontor event: \(error)")
        }
    }

    static func decode<Payload: KontorEventPayload>(
        _ payload: Payload.Type,
        _ message: KafkaConsumerMessage
    ) throws -> EventEnvelope<Payload> {
        try decode(payload, value: message.value)
    }

    static func decode<Payload: KontorEventPayload>(
        _ payload: Payload.Type,
        value: [UInt8]
    ) throws -> EventEnvelope<Payload> {
        do {
            return try CanonicalJSON.decodeEvent(Payload.self, from: value)
        } catch {
            throw StageError.schemaViolation("not a valid \(Payload.eventType) event: \(error)")
        }
    }
}
