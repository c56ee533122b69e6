import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The allocation handler against a real SQLite store (no broker: the handler never sees one).
@Suite("Allocation handler")
struct AllocationHandlerTests {
    typealias Support = AllocationTestSupport

    @Test("An order to Munich is allocated from Leipzig, with every candidate's score and the reservation")
    func allocatedFromExpectedLocation() async throws {
        let store = try await Support.store(stock: [
            StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 10),
            StockCount(sku: "SKU-A", locationID: "WH-NL-VEN", onHand: 10),
            StockCount(sku: "SKU-A", locationID: "ST-DE-BER", onHand: 10),
        ])
        let order = try Support.order("H-1", lines: [("SKU-A", "2")])
        let outputs = try await Support.handler(store).handle(try Support.validated(order, id: "v-1"))
        let output = try #require(outputs.first)
        #expect(outputs.count == 1)
        #expect(output.topic == KontorTopics.orderAllocated)
        let event = try Support.decode(output)
        #expect(event.type == OrderEventType.allocated)
        #expect(event.id == EventID.derived(from: EventID("v-1"), stage: "allocation"))
        #expect(event.causationID == EventID("v-1"))
        #expect(event.correlationID == CorrelationID("corr-v-1"))
        #expect(event.source == .allocationWorker)
        #expect(event.data.plan.status == .allocated)
        #expect(event.data.plan.shipments.map(\.locationID) == ["WH-DE-LEJ"])
        #expect(event.data.plan.decision.candidates.map(\.locationID) == ["ST-DE-BER", "WH-DE-LEJ", "WH-NL-VEN"])
        #expect(
            event.data.reservations == [
                ReservedUnits(lineNumber: "1", sku: "SKU-A", locationId: "WH-DE-LEJ", quantity: 2)
            ]
        )
        #expect(try await store.availableToPromise(sku: "SKU-A", locationID: "WH-DE-LEJ") == 8)
        #expect(try await store.capacityUsage(locationID: "WH-DE-LEJ", date: Support.day) == 1)
        #expect(try await store.allocation(orderID: order.id!)?.isBackordered == false)
    }

    @Test("An order no single location can serve is split over two")
    func split() async throws {
        let store = try await Support.store(stock: [
            StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 3),
            StockCount(sku: "SKU-A", locationID: "WH-NL-VEN", onHand: 3),
        ])
        let order = try Support.order("H-2", lines: [("SKU-A", "5")])
        let event = try Support.decode(
            try #require(try await Support.handler(store).handle(try Support.validated(order, id: "v-2")).first)
        )
        #expect(event.data.plan.status == .allocated)
        #expect(event.data.plan.decision.strategy == .split)
        #expect(Set(event.data.plan.shipments.map(\.locationID)) == ["WH-DE-LEJ", "WH-NL-VEN"])
        #expect(event.data.reservations.reduce(0) { $0 + $1.quantity } == 5)
        #expect(try await store.availableToPromise(sku: "SKU-A", locationID: "WH-DE-LEJ") == 0)
    }

    @Test("A pickup order is held at the chosen store")
    func pickup() async throws {
        let store = try await Support.store(stock: [
            StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 50),
            StockCount(sku: "SKU-A", locationID: "ST-DE-BER", onHand: 5),
        ])
        let order = try Support.order("H-3", lines: [("SKU-A", "1")], postalCode: "10115", pickupAt: "ST-DE-BER")
        let event = try Support.decode(
            try #require(try await Support.handler(store).handle(try Support.validated(order, id: "v-3")).first)
        )
        #expect(event.data.plan.decision.strategy == .pickup)
        #expect(
            event.data.plan.shipments == [
                PlannedShipment(
                    locationID: "ST-DE-BER",
                    method: .pickup,
                    lines: [AllocatedLine(lineNumber: "1", sku: "SKU-A", quantity: 1)]
                )
            ]
        )
        #expect(try await store.availableToPromise(sku: "SKU-A", locationID: "ST-DE-BER") == 4)
    }

    @Test("What is missing is backordered, dated by inbound stock, and the order waits for the SKU")
    func partialWithBackorder() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 2)])
        try await store.upsertInbound([
            InboundStock(
                reference: "PO-1",
                sku: "SKU-A",
                locationID: "WH-DE-LEJ",
                quantity: 10,
                eta: KontorDate("2026-12-05")!
            )
        ])
        let order = try Support.order("H-4", lines: [("SKU-A", "5")])
        let output = try #require(
            try await Support.handler(store).handle(try Support.validated(order, id: "v-4")).first
        )
        let event = try Support.decode(output)
        #expect(output.topic == KontorTopics.orderAllocated)
        #expect(event.data.plan.status == .partiallyAllocated)
        #expect(event.data.plan.backorders.map(\.quantity) == [3])
        #expect(event.data.plan.backorders.first?.expectedDate == KontorDate("2026-12-05"))
        #expect(event.data.reservations.map(\.quantity) == [2])
        #expect(try await store.backorders(wanting: "SKU-A").map(\.orderID) == [order.id!])
    }

    @Test("A backordered order is allocated when stock arrives; nothing new means no event")
    func backorderThenStock() async throws {
        let store = try await Support.store()
        let handler = Support.handler(store)
        let order = try Support.order("H-5", lines: [("SKU-A", "2"), ("SKU-B", "1")])
        try await store.setStock([StockCount(sku: "SKU-B", locationID: "WH-DE-LEJ", onHand: 1)])
        let first = try #require(try await handler.handle(try Support.validated(order, id: "v-5")).first)
        #expect(try Support.decode(first).data.plan.status == .partiallyAllocated)
        #expect(try await store.backorders(wanting: "SKU-A").count == 1)

        // Nothing arrived yet: no output.
        #expect(try await handler.handle(try Support.stockChanged("SKU-A", id: "s-0")).isEmpty)

        try await store.adjustOnHand(sku: "SKU-A", locationID: "WH-DE-LEJ", by: 5)
        let outputs = try await handler.handle(try Support.stockChanged("SKU-A", id: "s-1"))
        let output = try #require(outputs.first)
        #expect(outputs.count == 1)
        let event = try Support.decode(output)
        #expect(event.type == OrderEventType.allocated)
        #expect(event.id == EventID.derived(from: EventID("s-1"), stage: "allocation/\(order.id!.rawValue)"))
        #expect(event.correlationID == CorrelationID("corr-v-5"))
        #expect(event.causationID == EventID("s-1"))
        #expect(event.data.plan.status == .allocated)
        #expect(event.data.plan.backorders.isEmpty)
        // The whole state: the earlier line and the new one, all reservations the order holds.
        #expect(Set(event.data.reservations.map(\.sku)) == ["SKU-A", "SKU-B"])
        #expect(event.data.plan.shipments.flatMap(\.lines).reduce(0) { $0 + $1.quantity } == 3)
        #expect(try await store.backorders(wanting: "SKU-A").isEmpty)
        #expect(try await store.reservations(orderID: order.id!).filter { $0.status == .active }.count == 2)
    }

    @Test("Stock for one of two waiting orders goes by priority, then by age")
    func priorityThenAge() async throws {
        let store = try await Support.store()
        let handler = Support.handler(store)
        let older = try Support.order("P-1", lines: [("SKU-C", "2")])
        let express = try Support.order("P-2", lines: [("SKU-C", "2")], serviceLevel: "express")
        let newer = try Support.order("P-3", lines: [("SKU-C", "2")])
        for (index, order) in [older, express, newer].enumerated() {
            let output = try #require(
                try await handler.handle(
                    try Support.validated(order, id: "p-\(index)", at: Int64(index + 1) * 1_000_000)
                ).first
            )
            #expect(output.topic == KontorTopics.orderBackordered)
        }
        try await store.adjustOnHand(sku: "SKU-C", locationID: "WH-DE-LEJ", by: 4)
        let outputs = try await handler.handle(try Support.stockChanged("SKU-C", id: "s-2"))
        #expect(try outputs.map { try Support.decode($0).data.order.orderNumber } == ["P-2", "P-1"])
        #expect(try await store.backorders(wanting: "SKU-C").map(\.orderID) == [newer.id!])
    }

    @Test("Cancelling releases the reservations and forgets the order")
    func cancelReleases() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 3)])
        let handler = Support.handler(store)
        let order = try Support.order("H-6", lines: [("SKU-A", "5")])
        _ = try await handler.handle(try Support.validated(order, id: "v-6"))
        #expect(try await store.availableToPromise(sku: "SKU-A", locationID: "WH-DE-LEJ") == 0)
        let journalBefore = try await store.stockJournal(after: 0, limit: 100).count

        #expect(try await handler.handle(try Support.cancelled(order.id!, id: "c-6")).isEmpty)
        #expect(try await store.availableToPromise(sku: "SKU-A", locationID: "WH-DE-LEJ") == 3)
        #expect(try await store.reservations(orderID: order.id!).allSatisfy { $0.status == .released })
        #expect(try await store.allocation(orderID: order.id!) == nil)
        #expect(try await store.backorders(wanting: "SKU-A").isEmpty)
        let journal = try await store.stockJournal(after: 0, limit: 100)
        #expect(journal.count == journalBefore + 1)
        #expect(journal.last?.change == .released)
        #expect(try await store.capacityUsage(locationID: "WH-DE-LEJ", date: Support.day) == 0)
    }

    @Test("A redelivered input yields the identical output and reserves nothing twice")
    func redelivery() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 3)])
        let handler = Support.handler(store)
        let order = try Support.order("H-7", lines: [("SKU-A", "5")])
        let input = try Support.validated(order, id: "v-7")
        let first = try await handler.handle(input)
        let second = try await handler.handle(input)
        #expect(first.map(\.value) == second.map(\.value))
        #expect(first.map(\.topic) == second.map(\.topic))
        #expect(try await store.reservations(orderID: order.id!).count == 1)
        #expect(try await store.stockLevels(skus: ["SKU-A"], locationIDs: ["WH-DE-LEJ"]).first?.reserved == 3)

        try await store.adjustOnHand(sku: "SKU-A", locationID: "WH-DE-LEJ", by: 2)
        let stock = try Support.stockChanged("SKU-A", id: "s-7")
        let again = try await handler.handle(stock)
        #expect(again.count == 1)
        // Earlier and new units of the line at the same location make one shipment line.
        #expect(
            try Support.decode(again[0]).data.plan.shipments == [
                PlannedShipment(
                    locationID: "WH-DE-LEJ",
                    method: .ship,
                    lines: [AllocatedLine(lineNumber: "1", sku: "SKU-A", quantity: 5)]
                )
            ]
        )
        #expect(try await handler.handle(stock).map(\.value) == again.map(\.value))
        #expect(try await store.stockLevels(skus: ["SKU-A"], locationIDs: ["WH-DE-LEJ"]).first?.reserved == 5)
    }

    @Test("A validated order held in the read model is not allocated; its release is")
    func heldThenReleased() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 3)])
        let handler = Support.handler(store)
        let order = try Support.order("H-9", lines: [("SKU-A", "1")])
        _ = try await store.saveOrder(
            OrderRecord(
                orderID: order.id!,
                orderNumber: order.orderNumber,
                channel: order.channel,
                status: OrderStatus.onHold.rawValue,
                createdAt: .now(),
                updatedAt: .now(),
                orderJSON: CanonicalJSON.encodeOrder(order)
            ),
            expectedVersion: nil
        )
        #expect(try await handler.handle(try Support.validated(order, id: "v-9")).isEmpty)
        #expect(try await store.reservations(orderID: order.id!).isEmpty)

        let released = OrderReleasedEvent(
            id: EventID("r-9"),
            source: .orderAPI,
            subject: order.id!.rawValue,
            correlationID: CorrelationID("corr-v-9"),
            data: OrderReleased(order: order, releasedBy: "ops")
        )
        let outputs = try await handler.handle(
            Support.consumed(try EventMessage.make(released, topic: KontorTopics.orderReleased))
        )
        let event = try Support.decode(try #require(outputs.first))
        #expect(event.causationID == EventID("r-9"))
        #expect(event.data.plan.status == .allocated)
        #expect(try await store.availableToPromise(sku: "SKU-A", locationID: "WH-DE-LEJ") == 2)
    }

    @Test("A line ordered by the dozen reserves twelve pieces per dozen")
    func dozens() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 30)])
        var order = try Support.order("H-9", lines: [("SKU-A", "2")])
        order.lines[0].unitOfMeasure = UnitOfMeasure("DZN")!
        let outputs = try await Support.handler(store).handle(try Support.validated(order, id: "v-9"))
        #expect(try Support.decode(outputs[0]).data.reservations.map(\.quantity) == [24])
        #expect(try await store.availableToPromise(sku: "SKU-A", locationID: "WH-DE-LEJ") == 6)
    }

    @Test("Cancelling an on-account order also gives its credit back, once")
    func cancelRefundsCredit() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "SKU-A", locationID: "WH-DE-LEJ", onHand: 3)])
        try await store.upsertProducts([Product(sku: "SKU-A", description: "Widget")])
        try await store.upsertCustomers([
            Customer(id: "C-1", name: "Erika", creditLimit: 100, currency: CurrencyCode("EUR"), openBalance: 0)
        ])
        var order = try Support.order("H-10", lines: [("SKU-A", "1")])
        order.payment = Payment(method: .invoice, status: .onAccount)
        // Validation charges the order and the read model holds it, as in the pipeline.
        let received = try WorkerTestSupport.receivedMessage(order)
        _ = try await ValidationHandler(store: store).handle(Support.consumed(received))
        #expect(try await store.customer(id: "C-1")?.openBalance == 10)
        let json = try CanonicalJSON.encode(order)
        _ = try await store.saveOrder(
            OrderRecord(
                orderID: order.id!,
                orderNumber: order.orderNumber,
                channel: order.channel,
                status: "cancelled",
                createdAt: .now(),
                updatedAt: .now(),
                orderJSON: json
            ),
            expectedVersion: nil
        )
        let handler = Support.handler(store)
        #expect(try await handler.handle(try Support.cancelled(order.id!, id: "c-10")).isEmpty)
        #expect(try await handler.handle(try Support.cancelled(order.id!, id: "c-10b")).isEmpty)
        #expect(try await store.customer(id: "C-1")?.openBalance == 0)
    }

    @Test("A quantity that is not a whole number of units is a schema violation naming the line")
    func fractionalQuantity() async throws {
        let store = try await Support.store()
        let order = try Support.order("H-8", lines: [("SKU-A", "1.5")])
        await #expect {
            _ = try await Support.handler(store).handle(try Support.validated(order, id: "v-8"))
        } throws: { error in
            let error = error as? StageError
            return error?.errorClass == .schemaViolation && error?.message.contains("order.lines[0].quantity") == true
        }
    }
}
