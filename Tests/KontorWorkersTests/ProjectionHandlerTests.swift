import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The projection stage against a real SQLite store: messages are handed to the handler as the runtime would.
@Suite("Read-model projection")
struct ProjectionHandlerTests {
    /// Events of one order, with times one second apart from a fixed start, as the pipeline would publish them.
    struct Script {
        let order: CanonicalOrder
        let start = Timestamp(rfc3339: "2026-11-28T09:00:00Z")!
        var orderID: OrderID { order.id! }

        func time(_ second: Int64) -> Timestamp {
            Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + second * 1_000_000)
        }

        func message<Payload: KontorEventPayload>(
            _ data: Payload,
            type: EventType? = nil,
            at second: Int64,
            source: EventSource = .validationWorker,
            id: EventID = .random()
        ) throws -> KafkaConsumerMessage {
            let event = EventEnvelope(
                id: id,
                source: source,
                type: type ?? Payload.eventType,
                subject: orderID.rawValue,
                time: time(second),
                correlationID: CorrelationID(id),
                data: data
            )
            let topic = KontorTopics.topic(for: event.type)!
            let produced = try EventMessage.make(event, topic: topic)
            return KafkaConsumerMessage(
                topic: topic,
                partition: 0,
                offset: 0,
                key: produced.key,
                value: produced.value,
                headers: produced.headers
            )
        }

        func received(at second: Int64, id: EventID = .random()) throws -> KafkaConsumerMessage {
            try message(OrderReceived(order: order), at: second, source: .ingestHTTP, id: id)
        }

        func validated(at second: Int64) throws -> KafkaConsumerMessage {
            let warning = ValidationReason(code: .missingField, field: "shipTo.phone", message: "no phone number")
            return try message(OrderValidated(order: order, warnings: [warning]), at: second)
        }

        func rejected(at second: Int64) throws -> KafkaConsumerMessage {
            let reason = ValidationReason(code: .unknownCountry, field: "shipTo.country", message: "unknown country")
            return try message(OrderRejected(order: order, reasons: [reason]), at: second)
        }

        func held(at second: Int64) throws -> KafkaConsumerMessage {
            let reason = ValidationReason(code: .init(rawValue: "high-value"), field: "totals", message: "review")
            return try message(OrderHeld(order: order, reasons: [reason], heldBy: "review-rules"), at: second)
        }

        func released(at second: Int64) throws -> KafkaConsumerMessage {
            try message(
                OrderReleased(order: order, releasedBy: "ops", note: "checked"),
                at: second,
                source: .orderAPI
            )
        }

        func cancelled(at second: Int64) throws -> KafkaConsumerMessage {
            try message(
                OrderCancelled(orderId: orderID, reason: "customer called", cancelledBy: "ops"),
                at: second,
                source: .orderAPI
            )
        }

        func allocated(_ status: AllocationStatus, at second: Int64) throws -> KafkaConsumerMessage {
            let shipments =
                status == .backordered
                ? []
                : [
                    PlannedShipment(
                        locationID: "WH-1",
                        method: .ship,
                        lines: [.init(lineNumber: "1", sku: "SKU-1", quantity: 1)]
                    )
                ]
            let backorders =
                status == .allocated
                ? [] : [BackorderLine(lineNumber: "1", sku: "SKU-1", quantity: status == .backordered ? 2 : 1)]
            let plan = AllocationPlan(
                orderID: orderID,
                status: status,
                shipments: shipments,
                backorders: backorders,
                decision: RoutingDecision(
                    strategy: status == .backordered ? .nothingAvailable : .singleLocation,
                    summary: "ship from WH-1",
                    totalScore: 1,
                    candidates: []
                )
            )
            let reservations =
                shipments.isEmpty ? [] : [ReservedUnits(lineNumber: "1", sku: "SKU-1", locationId: "WH-1", quantity: 1)]
            return try message(
                OrderAllocated(order: order, plan: plan, reservations: reservations),
                type: OrderAllocated.eventType(for: status),
                at: second,
                source: .allocationWorker
            )
        }
    }

    static func setup(_ number: String = "P-\(UUID().uuidString.prefix(8))") throws -> (
        ProjectionHandler, SQLiteStore, Script
    ) {
        let store = try WorkerTestSupport.temporaryStore()
        return (ProjectionHandler(store: store), store, Script(order: try WorkerTestSupport.order(number: number)))
    }

    static func project(_ handler: ProjectionHandler, _ messages: [KafkaConsumerMessage]) async throws {
        for message in messages {
            #expect(try await handler.handle(message).isEmpty)
        }
    }

    static func details(_ entry: TimelineEntry) throws -> TimelineDetails {
        try JSONDecoder().decode(TimelineDetails.self, from: Data(try #require(entry.reasonsJSON).utf8))
    }

    @Test("received → validated → allocated: status, order data, timeline and allocation")
    func happyPath() async throws {
        let (handler, store, script) = try Self.setup()
        try await Self.project(
            handler,
            [try script.received(at: 0), try script.validated(at: 1), try script.allocated(.allocated, at: 2)]
        )
        let record = try #require(try await store.order(id: script.orderID))
        #expect(record.status == "allocated")
        #expect(record.orderNumber == script.order.orderNumber)
        #expect(record.channel == .web)
        #expect(record.customerID == "C-1")
        #expect(record.customerName == "Erika Mustermann")
        #expect(record.totalAmount?.description == "19.90")
        #expect(record.currency == .eur)
        #expect(record.version == 3)
        #expect(record.updatedAt == script.time(2))
        let order = try CanonicalJSON.decodeOrder(from: record.orderJSON)
        #expect(order.id == script.orderID)
        let allocation = try JSONDecoder().decode(
            ProjectedAllocation.self,
            from: try #require(record.allocationJSON)
        )
        #expect(allocation.status == .allocated)
        #expect(allocation.shipments.map(\.locationID) == ["WH-1"])
        #expect(
            allocation.reservations == [ReservedUnits(lineNumber: "1", sku: "SKU-1", locationId: "WH-1", quantity: 1)]
        )

        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(timeline.map(\.eventType) == ["order.received", "order.validated", "order.allocated"])
        #expect(timeline.map(\.status) == ["received", "validated", "allocated"])
        #expect(timeline.map(\.stage) == ["ingest", "validation", "allocation"])
        #expect(timeline[0].reasonsJSON == nil)
        #expect(try Self.details(timeline[1]).warnings?.map(\.field) == ["shipTo.phone"])
        #expect(try Self.details(timeline[2]).summary == "ship from WH-1")
        #expect(try Self.details(timeline[2]).lifecycle == nil)
    }

    @Test("Partial allocation and backorder: statuses and backorder lines in the timeline")
    func partialAndBackorder() async throws {
        let (handler, store, script) = try Self.setup()
        try await Self.project(
            handler,
            [try script.received(at: 0), try script.validated(at: 1), try script.allocated(.backordered, at: 2)]
        )
        #expect(try await store.order(id: script.orderID)?.status == "backordered")
        try await Self.project(handler, [try script.allocated(.partiallyAllocated, at: 3)])
        let record = try #require(try await store.order(id: script.orderID))
        #expect(record.status == "partially-allocated")
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(timeline.map(\.eventType).suffix(2) == ["order.backordered", "order.allocated"])
        #expect(try Self.details(timeline[2]).backorders?.map(\.quantity) == [2])
        #expect(try Self.details(timeline[3]).backorders?.map(\.quantity) == [1])
    }

    @Test("held → released: on hold with its reasons, then validated again")
    func holdAndRelease() async throws {
        let (handler, store, script) = try Self.setup()
        try await Self.project(handler, [try script.received(at: 0), try script.held(at: 1)])
        #expect(try await store.order(id: script.orderID)?.status == "on-hold")
        try await Self.project(handler, [try script.released(at: 2)])
        #expect(try await store.order(id: script.orderID)?.status == "validated")
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(timeline.map(\.status) == ["received", "on-hold", "validated"])
        let held = try Self.details(timeline[1])
        #expect(held.heldBy == "review-rules")
        #expect(held.reasons?.map(\.code.rawValue) == ["high-value"])
        let released = try Self.details(timeline[2])
        #expect(released.releasedBy == "ops")
        #expect(released.note == "checked")
        #expect(timeline[2].stage == "api")
    }

    @Test("Cancelled: final; a later allocation is recorded with a note but does not revive the order")
    func cancelled() async throws {
        let (handler, store, script) = try Self.setup()
        try await Self.project(
            handler,
            [try script.received(at: 0), try script.validated(at: 1), try script.cancelled(at: 2)]
        )
        #expect(try await store.order(id: script.orderID)?.status == "cancelled")
        try await Self.project(handler, [try script.allocated(.allocated, at: 3)])
        let record = try #require(try await store.order(id: script.orderID))
        #expect(record.status == "cancelled")
        #expect(record.allocationJSON == nil)
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(timeline.map(\.status) == ["received", "validated", "cancelled", "cancelled"])
        #expect(try Self.details(timeline[2]).reason == "customer called")
        let note = try #require(try Self.details(timeline[3]).lifecycle)
        #expect(note.contains("cannot allocate an order that is cancelled"))
        #expect(note.contains("status kept"))
    }

    @Test("A missed validated event: the allocation still moves the order forward, with a note")
    func missedEvent() async throws {
        let (handler, store, script) = try Self.setup()
        try await Self.project(handler, [try script.received(at: 0), try script.allocated(.allocated, at: 2)])
        #expect(try await store.order(id: script.orderID)?.status == "allocated")
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(try Self.details(timeline[1]).lifecycle?.contains("moves the order forward") == true)
    }

    @Test("Out of order across topics: a late received or validated event changes nothing but the timeline")
    func outOfOrder() async throws {
        let (handler, store, script) = try Self.setup()
        let received = try script.received(at: 0)
        let validated = try script.validated(at: 1)
        try await Self.project(handler, [validated])
        let first = try #require(try await store.order(id: script.orderID))
        #expect(first.status == "validated")
        #expect(first.orderNumber == script.order.orderNumber)
        try await Self.project(handler, [try script.allocated(.allocated, at: 3), received])
        let record = try #require(try await store.order(id: script.orderID))
        #expect(record.status == "allocated")
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(timeline.map(\.eventType) == ["order.validated", "order.allocated", "order.received"])
        #expect(timeline.map(\.status) == ["validated", "allocated", "allocated"])
        #expect(try Self.details(timeline[2]).lifecycle?.contains("arrived after a later change") == true)
    }

    @Test("A cancellation seen before the order: kept, and the order's data fills in when it arrives")
    func cancellationFirst() async throws {
        let (handler, store, script) = try Self.setup()
        try await Self.project(handler, [try script.cancelled(at: 2)])
        let placeholder = try #require(try await store.order(id: script.orderID))
        #expect(placeholder.status == "cancelled")
        #expect(placeholder.orderJSON.isEmpty)
        try await Self.project(handler, [try script.received(at: 0)])
        let record = try #require(try await store.order(id: script.orderID))
        #expect(record.status == "cancelled")
        #expect(record.orderNumber == script.order.orderNumber)
        #expect(!record.orderJSON.isEmpty)
    }

    @Test("Rejected is final, except for a new received event (a fixed order sent again)")
    func rejectedThenReceivedAgain() async throws {
        let (handler, store, script) = try Self.setup()
        try await Self.project(handler, [try script.received(at: 0), try script.rejected(at: 1)])
        #expect(try await store.order(id: script.orderID)?.status == "rejected")
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(try Self.details(timeline[1]).reasons?.map(\.code) == [.unknownCountry])
        try await Self.project(handler, [try script.held(at: 2)])
        #expect(try await store.order(id: script.orderID)?.status == "rejected")
        try await Self.project(handler, [try script.received(at: 3), try script.validated(at: 4)])
        #expect(try await store.order(id: script.orderID)?.status == "validated")
    }

    @Test("Redelivery adds nothing: same record version, same timeline")
    func redelivery() async throws {
        let (handler, store, script) = try Self.setup()
        let messages = [try script.received(at: 0), try script.validated(at: 1), try script.held(at: 2)]
        try await Self.project(handler, messages)
        let record = try await store.order(id: script.orderID)
        let timeline = try await store.timeline(orderID: script.orderID)
        try await Self.project(handler, messages + messages)
        #expect(try await store.order(id: script.orderID) == record)
        #expect(try await store.timeline(orderID: script.orderID) == timeline)
    }

    @Test("Concurrent projectors of one order: every event lands once, no save is lost")
    func concurrentWriters() async throws {
        let (_, store, script) = try Self.setup()
        let second = try SQLiteStore(path: store.path)
        try await ProjectionHandler(store: store).handle(try script.received(at: 0))
        let messages = try (1...20).map { try script.held(at: Int64($0)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, message) in messages.enumerated() {
                let handler = ProjectionHandler(store: index.isMultiple(of: 2) ? store : second)
                group.addTask { _ = try await handler.handle(message) }
            }
            try await group.waitForAll()
        }
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(timeline.count == 21)
        #expect(Set(timeline.map(\.sequence)) == Set(1...21))
        #expect(try await store.order(id: script.orderID)?.status == "on-hold")
    }

    @Test("Not an order event: a permanent error, so the runtime dead-letters it")
    func unknownEvent() async throws {
        let (handler, _, _) = try Self.setup()
        let garbage = KafkaConsumerMessage(
            topic: KontorTopics.orderReceived,
            partition: 0,
            offset: 0,
            value: Array("{".utf8)
        )
        await #expect(throws: StageError.self) { try await handler.handle(garbage) }
        let stock = StockChangedEvent(
            source: .inventory,
            correlationID: .random(),
            data: StockChanged(sku: "SKU-1", locationIds: ["WH-1"], change: "receipt", sequence: 1)
        )
        let produced = try EventMessage.make(stock, topic: KontorTopics.stockChanged)
        let message = KafkaConsumerMessage(
            topic: KontorTopics.stockChanged,
            partition: 0,
            offset: 0,
            value: produced.value
        )
        do {
            _ = try await handler.handle(message)
            Issue.record("a stock event was projected")
        } catch let error as StageError {
            #expect(!error.isRetriable)
            #expect(error.message.contains("stock-changed"))
        }
    }
}
