import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore

/// The fulfillment stage: turns allocations into pick tasks (one per location, for the units no earlier task covers)
/// and warehouse confirmations into shipments and short picks. Stock follows in the store: shipped units leave on
/// hand and consume their reservations; short units release theirs and are written off (see ``FulfillmentStore``).
///
/// Cancelling an order that is being picked (``OrderCancelRequested``) sends a ``PickTaskCancellation`` for every task
/// with open pieces, on the pick-task topic after the task. The warehouses answer with `cancelled` confirmations (the
/// pieces go back on the shelf: reservations released, on hand kept) or ship what had left already. While the
/// cancellation stands the order gets no new tasks and its short pieces are not allocated again; once every task is
/// closed and nothing shipped, the stage publishes the ``OrderCancelled`` (allocation then releases what is left).
///
/// A redelivered input yields the same outputs: tasks remember the event that made them, confirmations their outcome.
public struct FulfillmentHandler: StageHandler {
    public static let stageName = "fulfillment"

    /// The topics the stage consumes.
    public static let inputTopics = [
        KontorTopics.orderAllocated, KontorTopics.warehouseConfirmation, KontorTopics.orderCancelRequested,
    ]

    /// The store the stage works with.
    public typealias Store = FulfillmentStore & InventoryStore & CatalogStore & AllocationStore & ShipmentLabelStore

    public var stage: String { Self.stageName }
    private let store: any Store
    private let carriers: (any CarrierChoosing)?
    private let labels: (any ShipmentLabelBooking)?

    /// Creates the handler.
    /// - Parameters:
    ///   - store: Pick tasks, reservations, the catalog (GTINs, descriptions), allocation records (the order) and
    ///     booked labels.
    ///   - carriers: Chooses a carrier for each new task; nil leaves the choice to the warehouse.
    ///   - labels: Books labels when a task is packed (for services Kontor prints labels for); nil books none.
    public init(
        store: any Store,
        carriers: (any CarrierChoosing)? = nil,
        labels: (any ShipmentLabelBooking)? = nil
    ) {
        self.store = store
        self.carriers = carriers
        self.labels = labels
    }

    public func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        let header: EventHeader
        do {
            header = try CanonicalJSON.decodeEventHeader(from: message.value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not a Kontor event: \(error)")
        }
        switch header.type {
        case OrderEventType.allocated:
            return try await pickTasks(for: try Self.decode(OrderAllocated.self, message))
        case FulfillmentEventType.warehouseConfirmation:
            return try await apply(try Self.decode(WarehouseConfirmation.self, message))
        case OrderEventType.cancelRequested:
            return try await cancel(try Self.decode(OrderCancelRequested.self, message))
        default:
            throw StageError.schemaViolation(
                "unexpected event type \(header.type) on \(message.topic) (expected allocated, warehouse-confirmation "
                    + "or cancel-requested)"
            )
        }
    }

    // MARK: Allocations → pick tasks.

    private func pickTasks(for event: EventEnvelope<OrderAllocated>) async throws -> [KafkaProducerMessage] {
        let order = event.data.order
        let orderID = event.data.plan.orderID
        let existing = try await store.pickTasks(orderID: orderID)
        let made = existing.filter { $0.causeID == event.id.rawValue }
        if !made.isEmpty { return try made.map { try message(for: $0, cause: event) } }
        // An order being cancelled gets no new tasks (allocation releases its stock once it is cancelled).
        if try await store.cancellation(orderID: orderID) != nil { return [] }

        let demand = try OrderDemandLines(order)
        let uncovered = PickTaskPlanner.uncovered(
            demand: demand,
            reservations: try await store.reservations(orderID: orderID),
            tasks: existing
        )
        guard !uncovered.isEmpty else { return [] }
        let products = Dictionary(
            try await store.products(skus: demand.skus).map { ($0.sku, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        var records: [PickTaskRecord] = []
        for (locationID, newLines) in uncovered {
            let sequence = PickTaskPlanner.nextSequence(at: locationID, tasks: existing)
            let method = event.data.plan.shipments.first { $0.locationID == locationID }?.method ?? .ship
            var task = PickTask(
                taskId: "\(orderID.rawValue)-\(locationID)-\(sequence)",
                orderId: orderID,
                orderNumber: order.orderNumber,
                channel: order.channel,
                locationId: locationID,
                method: method.rawValue,
                lines: newLines.map { new in
                    let orderLine = order.lines[new.line.reservationLine - 1]
                    let product = products[new.line.sku]
                    return PickTaskLine(
                        lineNumber: new.line.lineNumber,
                        sku: new.line.sku,
                        gtin: product?.gtin?.rawValue ?? orderLine.gtin,
                        description: product?.description ?? orderLine.description,
                        quantity: new.quantity
                    )
                },
                shipTo: order.shipTo,
                serviceLevel: order.delivery?.serviceLevel,
                promisedDate: order.delivery?.promisedDate ?? order.delivery?.requestedDate,
                carrier: order.delivery?.carrier,
                // The allocation's time, not the clock: a redelivered input yields the same bytes.
                createdAt: event.time
            )
            if let choice = try await carriers?.chooseCarrier(for: task, of: order) {
                task.carrier = choice.carrier
                task.carrierService = choice.service
                task.carrierSelection = choice.selection
            }
            records.append(
                PickTaskRecord(
                    task: task,
                    sequence: sequence,
                    causeID: event.id.rawValue,
                    lines: newLines.map {
                        PickTaskRecord.Line(
                            lineNumber: $0.line.lineNumber,
                            reservationLine: $0.line.reservationLine,
                            sku: $0.line.sku,
                            quantity: $0.quantity
                        )
                    },
                    updatedAt: event.time
                )
            )
        }
        try await store.savePickTasks(records)
        return try records.map { try message(for: $0, cause: event) }
    }

    private func message(for record: PickTaskRecord, cause: EventEnvelope<OrderAllocated>) throws
        -> KafkaProducerMessage
    {
        let event = cause.followUp(
            stage: "\(stage)/\(record.taskID)",
            source: .worker(stage),
            data: record.task,
            subject: record.orderID.rawValue,
            time: cause.time
        )
        return try EventMessage.make(event, topic: KontorTopics.pickTask)
    }

    // MARK: Confirmations → shipments and short picks.

    private func apply(_ event: EventEnvelope<WarehouseConfirmation>) async throws -> [KafkaProducerMessage] {
        let cancellation = try await store.cancellation(orderID: event.data.orderId)
        if event.data.kind == .cancelled && cancellation == nil {
            throw StageError.schemaViolation(
                "warehouse confirmation \(event.data.confirmationId): order \(event.data.orderId) has no cancellation "
                    + "requested; report pieces the warehouse cannot ship as short-picked"
            )
        }
        let outcome: FulfillmentOutcome
        do {
            outcome = try await store.applyConfirmation(event.data)
        } catch let error as StoreError {
            switch error {
            case .notFound, .invalidValue:
                throw StageError.schemaViolation("warehouse confirmation \(event.data.confirmationId): \(error)")
            default:
                throw error
            }
        }
        var task = outcome.task
        if event.data.kind == .packed {
            task = try await bookLabels(for: task)
        }
        var messages: [KafkaProducerMessage] = []
        // Short pieces of an order being cancelled are written off, not allocated again.
        if !outcome.short.isEmpty && cancellation == nil {
            let shortPicked = event.followUp(
                stage: "\(stage)/short-picked",
                source: .worker(stage),
                data: OrderShortPicked(
                    orderId: task.orderID,
                    taskId: task.taskID,
                    locationId: task.locationID,
                    lines: outcome.short,
                    occurredAt: event.data.occurredAt
                ),
                subject: task.orderID.rawValue,
                time: event.time
            )
            messages.append(try EventMessage.make(shortPicked, topic: KontorTopics.orderShortPicked))
        }
        if !outcome.shipped.isEmpty {
            let shipped = event.followUp(
                stage: "\(stage)/shipped",
                source: .worker(stage),
                data: OrderShipped(
                    orderId: task.orderID,
                    taskId: task.taskID,
                    locationId: task.locationID,
                    carrier: task.carrier ?? "unknown",
                    carrierService: task.carrierService,
                    parcels: task.parcels,
                    lines: outcome.shipped,
                    shippedAt: event.data.occurredAt,
                    complete: try await isComplete(task.orderID, shipped: outcome.orderShipped),
                    promisedDate: task.task.promisedDate
                ),
                subject: task.orderID.rawValue,
                time: event.time
            )
            messages.append(try EventMessage.make(shipped, topic: KontorTopics.orderShipped))
        }
        if let cancellation, let cancelled = try await cancelledOrder(cancellation, cause: event) {
            messages.append(cancelled)
        }
        return messages
    }

    // MARK: Cancellations while picking.

    /// Keeps the cancellation and asks every location with open pieces to stop; cancels the order at once when no
    /// task has anything open and nothing shipped.
    private func cancel(_ event: EventEnvelope<OrderCancelRequested>) async throws -> [KafkaProducerMessage] {
        let kept = try await store.requestCancellation(
            FulfillmentCancellation(
                orderID: event.data.orderId,
                eventID: event.id.rawValue,
                reason: event.data.reason,
                requestedBy: event.data.requestedBy,
                requestedAt: event.time
            )
        )
        var messages: [KafkaProducerMessage] = []
        for task in try await store.pickTasks(orderID: event.data.orderId) {
            let open = task.lines.filter { $0.open > 0 }
            guard !open.isEmpty else { continue }
            var cancellation = event.followUp(
                stage: "\(stage)/cancel/\(task.taskID)",
                source: .worker(stage),
                data: PickTaskCancellation(
                    taskId: task.taskID,
                    orderId: task.orderID,
                    locationId: task.locationID,
                    lines: open.map { ConfirmedLine(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.open) },
                    reason: kept.reason,
                    requestedBy: kept.requestedBy,
                    requestedAt: kept.requestedAt
                ),
                subject: task.orderID.rawValue,
                time: event.time
            )
            // A repeated request sends the same cancellation (same id) as the first one did.
            cancellation.id = EventID.derived(from: EventID(kept.eventID), stage: "\(stage)/cancel/\(task.taskID)")
            messages.append(try EventMessage.make(cancellation, topic: KontorTopics.pickTask))
        }
        if messages.isEmpty, let cancelled = try await cancelledOrder(kept, cause: event) {
            messages.append(cancelled)
        }
        return messages
    }

    /// The ``OrderCancelled`` once every task of the cancelled order is closed and none shipped anything; nil
    /// before, or when something shipped (the order then stays shipped as far as it got). Its id derives from the
    /// request, so whichever input closes the last task yields the same event.
    private func cancelledOrder<Cause: KontorEventPayload>(
        _ cancellation: FulfillmentCancellation,
        cause: EventEnvelope<Cause>
    ) async throws -> KafkaProducerMessage? {
        let tasks = try await store.pickTasks(orderID: cancellation.orderID)
        let lines = tasks.flatMap(\.lines)
        guard lines.allSatisfy({ $0.open == 0 }), lines.allSatisfy({ $0.shipped == 0 }) else { return nil }
        var event = cause.followUp(
            stage: "\(stage)/cancelled",
            source: .worker(stage),
            data: OrderCancelled(
                orderId: cancellation.orderID,
                reason: cancellation.reason,
                cancelledBy: cancellation.requestedBy
            ),
            subject: cancellation.orderID.rawValue,
            time: cause.time
        )
        event.id = EventID.derived(from: EventID(cancellation.eventID), stage: "\(stage)/cancelled")
        return try EventMessage.make(event, topic: KontorTopics.orderCancelled)
    }

    /// Books labels for a packed task whose parcels have no tracking numbers, once: labels kept already (a
    /// redelivered confirmation, a retry after the booking) are not booked again. Returns the task with the tracking
    /// numbers.
    private func bookLabels(for task: PickTaskRecord) async throws -> PickTaskRecord {
        guard let labels, task.status == .packed,
            task.parcels.isEmpty || task.parcels.contains(where: { $0.trackingNumber == nil })
        else { return task }
        var current = try await store.pickTask(id: task.taskID) ?? task
        if current.status == .packed, try await store.shipmentLabels(taskID: task.taskID) == nil,
            current.parcels.isEmpty || current.parcels.contains(where: { $0.trackingNumber == nil }),
            let booked = try await labels.bookLabels(for: current)
        {
            let kept = try await store.saveShipmentLabels(booked)
            current.parcels = kept.applied(to: current.parcels)
        }
        return current
    }

    /// Whether every piece of the order has shipped: its lines (from the allocation record, which carries the
    /// order) against `shipped` per line.
    private func isComplete(_ orderID: OrderID, shipped: [String: Int]) async throws -> Bool {
        guard let record = try await store.allocation(orderID: orderID) else {
            throw StageError.schemaViolation("order \(orderID): no allocation record, so its lines are unknown")
        }
        let allocated = try CanonicalJSON.decodeEvent(OrderAllocated.self, from: record.lastEvent)
        return try OrderDemandLines(allocated.data.order).lines.allSatisfy { line in
            (shipped[line.lineNumber] ?? 0) >= line.quantity
        }
    }

    private static func decode<Payload: KontorEventPayload>(
        _ payload: Payload.Type,
        _ message: KafkaConsumerMessage
    ) throws -> EventEnvelope<Payload> {
        do {
            return try CanonicalJSON.decodeEvent(Payload.self, from: message.value)
        } catch {
            throw StageError.schemaViolation("not a valid \(Payload.eventType) event: \(error)")
        }
    }
}
