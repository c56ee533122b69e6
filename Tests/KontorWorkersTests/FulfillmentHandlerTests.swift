import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The fulfillment stage with the real allocation stage and an SQLite store: messages are handed from one handler to
/// the next as the runtime would (no broker needed for what is tested here).
@Suite("Fulfillment: pick tasks per location, shipments and short picks")
struct FulfillmentHandlerTests {
    typealias Support = AllocationTestSupport

    static let drill = Product(sku: "DRILL-18V", gtin: GTIN("4059952566474"), description: "Cordless drill 18 V")

    static func allocate(_ allocation: AllocationHandler, _ input: KafkaConsumerMessage) async throws
        -> KafkaConsumerMessage
    {
        let outputs = try await allocation.handle(input)
        #expect(outputs.count == 1)
        #expect(outputs.first?.topic == KontorTopics.orderAllocated)
        return Support.consumed(try #require(outputs.first))
    }

    static func tasks(_ outputs: [KafkaProducerMessage]) throws -> [PickTask] {
        #expect(outputs.allSatisfy { $0.topic == KontorTopics.pickTask })
        return try outputs.map { try CanonicalJSON.decodeEvent(PickTask.self, from: $0.value).data }
    }

    static func confirm(
        _ id: String,
        _ task: PickTask,
        _ kind: WarehouseConfirmationKind,
        lines: [ConfirmedLine] = [],
        shortLines: [ConfirmedLine] = [],
        tracking: String? = nil
    ) throws -> KafkaConsumerMessage {
        let event = WarehouseConfirmationEvent(
            id: EventID("wms-\(id)"),
            source: .ingest("wms"),
            type: FulfillmentEventType.warehouseConfirmation,
            subject: task.orderId.rawValue,
            time: Timestamp(microsecondsSinceEpoch: 5_000_000),
            correlationID: CorrelationID("wms-\(id)"),
            data: WarehouseConfirmation(
                confirmationId: id,
                taskId: task.taskId,
                orderId: task.orderId,
                kind: kind,
                lines: lines,
                shortLines: shortLines,
                parcels: tracking.map { [Parcel(parcelId: "P-\(id)", trackingNumber: $0, weightGrams: 800)] } ?? [],
                carrier: tracking == nil ? nil : "dhl",
                occurredAt: Timestamp(microsecondsSinceEpoch: 5_000_000)
            )
        )
        return Support.consumed(try EventMessage.make(event, topic: KontorTopics.warehouseConfirmation))
    }

    static func tasksOrEmpty(_ outputs: [KafkaProducerMessage]) -> [PickTask] {
        outputs.compactMap { try? CanonicalJSON.decodeEvent(PickTask.self, from: $0.value).data }
    }

    static func shipped(_ outputs: [KafkaProducerMessage]) throws -> OrderShipped {
        let message = try #require(outputs.first { $0.topic == KontorTopics.orderShipped })
        return try CanonicalJSON.decodeEvent(OrderShipped.self, from: message.value).data
    }

    @Test("One task per location with the catalog's GTIN and description; a redelivery yields the same bytes")
    func tasksPerLocation() async throws {
        let store = try await Support.store(stock: [
            StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 3),
            StockCount(sku: "SAW-CIRC", locationID: "WH-NL-VEN", onHand: 2),
        ])
        try await store.upsertProducts([Self.drill])
        let order = try Support.order("F-1", lines: [("DRILL-18V", "3"), ("SAW-CIRC", "2")], serviceLevel: "express")
        let allocated = try await Self.allocate(Support.handler(store), try Support.validated(order, id: "v-1"))
        let fulfillment = FulfillmentHandler(store: store)
        let outputs = try await fulfillment.handle(allocated)
        let tasks = try Self.tasks(outputs)
        let orderID = try #require(order.id)
        #expect(tasks.map(\.taskId) == ["\(orderID)-WH-DE-LEJ-1", "\(orderID)-WH-NL-VEN-1"])
        #expect(tasks.map(\.locationId) == ["WH-DE-LEJ", "WH-NL-VEN"])
        #expect(
            tasks[0].lines == [
                PickTaskLine(
                    lineNumber: "1",
                    sku: "DRILL-18V",
                    gtin: "4059952566474",
                    description: "Cordless drill 18 V",
                    quantity: 3
                )
            ]
        )
        #expect(tasks[1].lines == [PickTaskLine(lineNumber: "2", sku: "SAW-CIRC", quantity: 2)])
        #expect(tasks.allSatisfy { $0.serviceLevel == .express && $0.method == "ship" && $0.orderNumber == "F-1" })
        #expect(tasks[0].shipTo == order.shipTo)

        let again = try await fulfillment.handle(allocated)
        #expect(again.map(\.value) == outputs.map(\.value))
        #expect(again.map(\.key) == outputs.map(\.key))
        #expect(try await store.pickTasks(orderID: orderID).count == 2)
    }

    @Test("A re-allocation after stock arrives makes a task for the new units only")
    func deltaTaskAfterStockArrives() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 3)])
        let allocation = Support.handler(store)
        let fulfillment = FulfillmentHandler(store: store)
        let order = try Support.order("F-2", lines: [("DRILL-18V", "5")])
        let first = try Self.tasks(
            try await fulfillment.handle(try await Self.allocate(allocation, try Support.validated(order, id: "v-2")))
        )
        #expect(first.map(\.lines.first?.quantity) == [3])

        try await store.adjustOnHand(sku: "DRILL-18V", locationID: "WH-DE-LEJ", by: 4)
        let reallocated = try await Self.allocate(allocation, try Support.stockChanged("DRILL-18V", id: "sc-1"))
        let second = try Self.tasks(try await fulfillment.handle(reallocated))
        let orderID = try #require(order.id)
        #expect(second.map(\.taskId) == ["\(orderID)-WH-DE-LEJ-2"])
        #expect(second.map(\.lines.first?.quantity) == [2])
        // The same re-allocation again (a redelivery) makes no further task.
        let redelivered = try await fulfillment.handle(reallocated)
        let again = try await fulfillment.handle(reallocated)
        #expect(redelivered.map(\.value) == again.map(\.value))
        #expect(Self.tasksOrEmpty(redelivered).map(\.taskId) == second.map(\.taskId))
        #expect(try await store.pickTasks(orderID: orderID).count == 2)
    }

    @Test("Shipping one of two tasks is a partial shipment; the second completes the order")
    func partialThenComplete() async throws {
        let store = try await Support.store(stock: [
            StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 3),
            StockCount(sku: "SAW-CIRC", locationID: "WH-NL-VEN", onHand: 2),
        ])
        let order = try Support.order("F-3", lines: [("DRILL-18V", "3"), ("SAW-CIRC", "2")])
        let fulfillment = FulfillmentHandler(store: store)
        let tasks = try Self.tasks(
            try await fulfillment.handle(
                try await Self.allocate(Support.handler(store), try Support.validated(order, id: "v-3"))
            )
        )
        let firstOutputs = try await fulfillment.handle(
            try Self.confirm("s-1", tasks[0], .shipped, tracking: "JJD0001")
        )
        let first = try Self.shipped(firstOutputs)
        #expect(first.complete == false)
        #expect(first.taskId == tasks[0].taskId)
        #expect(first.carrier == "dhl")
        #expect(first.trackingNumbers == ["JJD0001"])
        #expect(first.lines == [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 3)])
        #expect(try await store.stockLevels(skus: ["DRILL-18V"], locationIDs: nil).first?.onHand == 0)

        let second = try Self.shipped(
            try await fulfillment.handle(try Self.confirm("s-2", tasks[1], .shipped, tracking: "JJD0002"))
        )
        #expect(second.complete)
        // The same confirmation again: the same event, byte for byte.
        #expect(
            try await fulfillment.handle(try Self.confirm("s-1", tasks[0], .shipped, tracking: "JJD0001")).map(\.value)
                == firstOutputs.map(\.value)
        )
    }

    @Test("A short pick is allocated again from another location, which gets a task of its own")
    func shortPickReallocates() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 2)])
        let allocation = Support.handler(store)
        let fulfillment = FulfillmentHandler(store: store)
        let order = try Support.order("F-4", lines: [("DRILL-18V", "2")])
        let orderID = try #require(order.id)
        let tasks = try Self.tasks(
            try await fulfillment.handle(try await Self.allocate(allocation, try Support.validated(order, id: "v-4")))
        )
        #expect(tasks.map(\.taskId) == ["\(orderID)-WH-DE-LEJ-1"])
        try await store.setStock([StockCount(sku: "DRILL-18V", locationID: "WH-NL-VEN", onHand: 5)])

        let missing = [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 1)]
        let shortOutputs = try await fulfillment.handle(
            try Self.confirm("sp-1", tasks[0], .shortPicked, shortLines: missing)
        )
        #expect(shortOutputs.map(\.topic) == [KontorTopics.orderShortPicked])
        let shortPicked = try CanonicalJSON.decodeEvent(OrderShortPicked.self, from: shortOutputs[0].value).data
        #expect(shortPicked.lines == missing)
        #expect(shortPicked.locationId == "WH-DE-LEJ")
        // Written off at Leipzig: 2 − 1 on hand, 1 still reserved for the order.
        #expect(
            try await store.stockLevels(skus: ["DRILL-18V"], locationIDs: ["WH-DE-LEJ"]).first
                == StockLevel(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 1, reserved: 1)
        )

        let reallocated = try await Self.allocate(allocation, Support.consumed(shortOutputs[0]))
        let plan = try CanonicalJSON.decodeEvent(OrderAllocated.self, from: reallocated.value).data.plan
        #expect(plan.backorders.isEmpty)
        let newTasks = try Self.tasks(try await fulfillment.handle(reallocated))
        #expect(newTasks.map(\.taskId) == ["\(orderID)-WH-NL-VEN-1"])
        #expect(newTasks.first?.lines.map(\.quantity) == [1])

        let fromLeipzig = try Self.shipped(
            try await fulfillment.handle(try Self.confirm("s-4a", tasks[0], .shipped, tracking: "A1"))
        )
        #expect(fromLeipzig.lines == [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 1)])
        #expect(fromLeipzig.complete == false)
        let fromVenlo = try Self.shipped(
            try await fulfillment.handle(try Self.confirm("s-4b", newTasks[0], .shipped, tracking: "B1"))
        )
        #expect(fromVenlo.complete)
    }

    @Test("A short pick with no stock elsewhere backorders the missing pieces")
    func shortPickBackorders() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 2)])
        let allocation = Support.handler(store)
        let fulfillment = FulfillmentHandler(store: store)
        let order = try Support.order("F-5", lines: [("DRILL-18V", "2")])
        let tasks = try Self.tasks(
            try await fulfillment.handle(try await Self.allocate(allocation, try Support.validated(order, id: "v-5")))
        )
        let shortOutputs = try await fulfillment.handle(
            try Self.confirm(
                "sp-5",
                tasks[0],
                .shortPicked,
                shortLines: [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 2)]
            )
        )
        let backordered = try #require(try await allocation.handle(Support.consumed(shortOutputs[0])).first)
        #expect(backordered.topic == KontorTopics.orderBackordered)
        #expect(try Support.decode(backordered).data.plan.backorders.map(\.quantity) == [2])
        let orderID = try #require(order.id)
        #expect(try await store.allocation(orderID: orderID)?.wantedSKUs == ["DRILL-18V"])

        // Stock arrives at Venlo: the backorder is allocated there and gets a task of its own.
        try await store.setStock([StockCount(sku: "DRILL-18V", locationID: "WH-NL-VEN", onHand: 4)])
        let allocated = try await Self.allocate(allocation, try Support.stockChanged("DRILL-18V", id: "sc-5"))
        let newTasks = try Self.tasks(try await fulfillment.handle(allocated))
        #expect(newTasks.map(\.taskId) == ["\(orderID)-WH-NL-VEN-1"])
        #expect(newTasks.first?.lines.map(\.quantity) == [2])
    }

    @Test("An unknown task or more pieces than the task has are permanent errors naming the field")
    func refusals() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 2)])
        let fulfillment = FulfillmentHandler(store: store)
        let order = try Support.order("F-6", lines: [("DRILL-18V", "2")])
        let tasks = try Self.tasks(
            try await fulfillment.handle(
                try await Self.allocate(Support.handler(store), try Support.validated(order, id: "v-6"))
            )
        )
        var ghost = tasks[0]
        ghost.taskId = "ghost"
        do {
            _ = try await fulfillment.handle(try Self.confirm("x-1", ghost, .shipped))
            Issue.record("a confirmation of an unknown task was accepted")
        } catch let error as StageError {
            #expect(!error.isRetriable)
            #expect(error.message.contains("no pick task \"ghost\""))
        }
        do {
            _ = try await fulfillment.handle(
                try Self.confirm(
                    "x-2",
                    tasks[0],
                    .shipped,
                    lines: [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 3)]
                )
            )
            Issue.record("shipping 3 of a 2-piece task was accepted")
        } catch let error as StageError {
            #expect(!error.isRetriable)
            #expect(error.message.contains("lines[lineNumber=1].quantity"))
        }
    }
}
