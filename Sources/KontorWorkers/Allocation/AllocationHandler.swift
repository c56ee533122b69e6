import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore

/// The allocation stage: routes validated and released orders to locations with the configured ``RoutingPolicy``,
/// reserves the stock atomically and publishes them as allocated or backordered; allocates backordered orders again
/// when stock of a SKU they wait for changes; releases a cancelled order's reservations.
///
/// Every output is answered again unchanged for a redelivered input: the stage remembers the last event it emitted
/// per order with the input that caused it (see ``AllocationRecord``).
public struct AllocationHandler: StageHandler {
    public static let stageName = "allocation"

    /// The topics the stage consumes.
    public static let inputTopics = [
        KontorTopics.orderValidated, KontorTopics.orderReleased, KontorTopics.orderCancelled,
        KontorTopics.stockChanged, KontorTopics.orderShortPicked,
    ]

    /// The store the stage works with.
    public typealias Store = InventoryStore & LocationStore & AllocationStore & OrderReadModelStore & CustomerStore
        & IdempotencyStore

    public var stage: String { Self.stageName }
    private let store: any Store
    private let allocator: OrderAllocator
    private let today: @Sendable () -> KontorDate

    /// Creates the handler.
    /// - Parameters:
    ///   - store: Inventory, locations, allocation records and the read model (for cancelled or held orders).
    ///   - policy: How locations are scored and chosen.
    ///   - maxAttempts: How often to plan again when a reservation is refused because stock went elsewhere.
    ///   - today: The day whose capacity new reservations take (default: today in UTC).
    public init(
        store: any Store,
        policy: RoutingPolicy = RoutingPolicy(),
        maxAttempts: Int = 8,
        today: @escaping @Sendable () -> KontorDate = { KontorDate.utcDay(of: .now()) }
    ) {
        self.store = store
        self.allocator = OrderAllocator(store: store, policy: policy, maxAttempts: max(1, maxAttempts))
        self.today = today
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
        case OrderEventType.validated:
            let event = try Self.decode(OrderValidated.self, message)
            let orderID = try Self.orderID(of: event.data.order)
            if let record = try await store.order(id: orderID),
                record.status == OrderStatus.cancelled.rawValue || record.status == OrderStatus.onHold.rawValue
            {
                return []
            }
            return try await allocateArrived(event.data.order, orderID: orderID, cause: event.header)
        case OrderEventType.released:
            let event = try Self.decode(OrderReleased.self, message)
            return try await allocateArrived(
                event.data.order,
                orderID: try Self.orderID(of: event.data.order),
                cause: event.header
            )
        case OrderEventType.cancelled:
            let event = try Self.decode(OrderCancelled.self, message)
            // Releasing writes the stock journal, so backorders of the freed SKUs are allocated again.
            try await store.releaseReservations(orderID: event.data.orderId)
            try await store.deleteAllocation(orderID: event.data.orderId)
            // An on-account order gives its credit back (once); the read model has the order that was charged.
            if let record = try await store.order(id: event.data.orderId),
                let order = try? CanonicalJSON.decodeOrder(from: record.orderJSON)
            {
                try await CreditRefund(accounts: store).refund(order)
            }
            return []
        case InventoryEventType.stockChanged:
            let event = try Self.decode(StockChanged.self, message)
            return try await reallocate(wanting: event.data.sku, cause: event.header)
        case OrderEventType.shortPicked:
            let event = try Self.decode(OrderShortPicked.self, message)
            return try await reallocateShortPicked(event.data.orderId, cause: event.header)
        default:
            throw StageError.schemaViolation(
                "unexpected event type \(header.type) on \(message.topic) (expected validated, released, cancelled, "
                    + "stock-changed or short-picked)"
            )
        }
    }

    /// A validated or released order: allocated (again, keeping what it holds) unless this very event was handled.
    private func allocateArrived(
        _ order: CanonicalOrder,
        orderID: OrderID,
        cause: EventHeader
    ) async throws -> [KafkaProducerMessage] {
        let record = try await store.allocation(orderID: orderID)
        if let record, record.lastCauseID == cause.id.rawValue {
            return [try Self.message(replaying: record)]
        }
        let result = try await allocator.allocate(order, orderID: orderID, day: today())
        return [
            try await emit(
                order,
                result,
                id: EventID.derived(from: cause.id, stage: stage),
                correlationID: cause.correlationID,
                cause: cause,
                receivedAt: record?.receivedAt ?? cause.time
            )
        ]
    }

    /// Backordered orders waiting for `sku`, served in priority and age order; one event per order that got more.
    private func reallocate(wanting sku: String, cause: EventHeader) async throws -> [KafkaProducerMessage] {
        // A redelivered event: what it caused before is answered again; orders it did not reach yet continue.
        let replayed = try await store.allocations(lastCausedBy: cause.id.rawValue)
        var messages = try replayed.map(Self.message(replaying:))
        let done = Set(replayed.map(\.orderID))
        for record in try await store.backorders(wanting: sku) where !done.contains(record.orderID) {
            let previous = try CanonicalJSON.decodeEvent(OrderAllocated.self, from: record.lastEvent)
            let result = try await allocator.allocate(previous.data.order, orderID: record.orderID, day: today())
            guard result.reservedMore else { continue }
            messages.append(
                try await emit(
                    previous.data.order,
                    result,
                    id: EventID.derived(from: cause.id, stage: "\(stage)/\(record.orderID.rawValue)"),
                    correlationID: CorrelationID(rawValue: record.correlationID),
                    cause: cause,
                    receivedAt: record.receivedAt
                )
            )
        }
        return messages
    }

    /// A short pick released some of the order's units: the missing pieces are planned again like a backorder (from
    /// other locations, else backordered until stock arrives), keeping what the order holds.
    private func reallocateShortPicked(_ orderID: OrderID, cause: EventHeader) async throws -> [KafkaProducerMessage] {
        guard let record = try await store.allocation(orderID: orderID) else { return [] }
        if record.lastCauseID == cause.id.rawValue { return [try Self.message(replaying: record)] }
        let previous = try CanonicalJSON.decodeEvent(OrderAllocated.self, from: record.lastEvent)
        let result = try await allocator.allocate(previous.data.order, orderID: orderID, day: today())
        return [
            try await emit(
                previous.data.order,
                result,
                id: EventID.derived(from: cause.id, stage: stage),
                correlationID: CorrelationID(rawValue: record.correlationID),
                cause: cause,
                receivedAt: record.receivedAt
            )
        ]
    }

    /// Builds the allocated or backordered event and remembers it (with its cause) for the order.
    private func emit(
        _ order: CanonicalOrder,
        _ result: OrderAllocator.Result,
        id: EventID,
        correlationID: CorrelationID,
        cause: EventHeader,
        receivedAt: Timestamp
    ) async throws -> KafkaProducerMessage {
        let demand = try OrderDemandLines(order)
        let type = OrderAllocated.eventType(for: result.plan.status)
        let event = EventEnvelope(
            id: id,
            source: .allocationWorker,
            type: type,
            subject: result.plan.orderID.rawValue,
            // The cause's time, not the clock: a redelivered input yields the same bytes.
            time: cause.time,
            correlationID: correlationID,
            causationID: cause.id,
            schemaVersion: cause.schemaVersion,
            data: OrderAllocated(
                order: order,
                plan: result.plan,
                reservations: result.reservations.map {
                    ReservedUnits(
                        lineNumber: demand.lineNumber(ofReservationLine: $0.lineNumber),
                        sku: $0.sku,
                        locationId: $0.locationID,
                        quantity: $0.quantity
                    )
                }
            )
        )
        let message = try EventMessage.make(event, topic: Self.topic(for: type))
        try await store.saveAllocation(
            AllocationRecord(
                orderID: result.plan.orderID,
                correlationID: correlationID.rawValue,
                priority: BackorderPriority.of(order),
                receivedAt: receivedAt,
                wantedSKUs: result.plan.backorders.map(\.sku),
                lastEventID: id.rawValue,
                lastCauseID: cause.id.rawValue,
                lastEvent: message.value
            )
        )
        return message
    }

    private static func message(replaying record: AllocationRecord) throws -> KafkaProducerMessage {
        let event = try CanonicalJSON.decodeEvent(OrderAllocated.self, from: record.lastEvent)
        return try EventMessage.make(event, topic: topic(for: event.type))
    }

    private static func topic(for type: EventType) -> String {
        type == OrderEventType.backordered ? KontorTopics.orderBackordered : KontorTopics.orderAllocated
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

    private static func orderID(of order: CanonicalOrder) throws -> OrderID {
        guard let id = order.id else { throw StageError.schemaViolation("order.id: missing; the edge assigns it") }
        return id
    }
}
