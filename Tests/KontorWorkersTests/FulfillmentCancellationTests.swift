import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// Cancelling orders whose pick tasks are out: the fulfillment stage with the real allocation stage and an SQLite
/// store, messages handed from one handler to the next as the runtime would.
@Suite("Fulfillment: cancelling an order while it is picked")
struct FulfillmentCancellationTests {
    typealias Support = AllocationTestSupport
    typealias Tasks = FulfillmentHandlerTests

    static func cancelRequested(_ orderID: OrderID, id: String, by person: String = "ops@example.com") throws
        -> KafkaConsumerMessage
    {
        let event = OrderCancelRequestedEvent(
            id: EventID(id),
            source: .orderAPI,
            subject: orderID.rawValue,
            time: Timestamp(microsecondsSinceEpoch: 4_000_000),
            correlationID: CorrelationID(id),
            data: OrderCancelRequested(orderId: orderID, reason: "customer changed their mind", requestedBy: person)
        )
        return Support.consumed(try EventMessage.make(event, topic: KontorTopics.orderCancelRequested))
    }

    static func cancellations(_ outputs: [KafkaProducerMessage]) throws -> [PickTaskCancellation] {
        try outputs.filter { $0.topic == KontorTopics.pickTask }.map {
            try CanonicalJSON.decodeEvent(PickTaskCancellation.self, from: $0.value).data
        }
    }

    static func cancelled(_ outputs: [KafkaProducerMessage]) throws -> OrderCancelledEvent? {
        try outputs.first { $0.topic == KontorTopics.orderCancelled }.map {
            try CanonicalJSON.decodeEvent(OrderCancelled.self, from: $0.value)
        }
    }

    /// An order over two locations, allocated, with its two tasks out.
    static func twoTasks(_ number: String) async throws -> (SQLiteStore, OrderID, [PickTask], AllocationHandler) {
        let store = try await Support.store(stock: [
            StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 3),
            StockCount(sku: "SAW-CIRC", locationID: "WH-NL-VEN", onHand: 2),
        ])
        let allocation = Support.handler(store)
        let order = try Support.order(number, lines: [("DRILL-18V", "3"), ("SAW-CIRC", "2")])
        let allocated = try await Tasks.allocate(allocation, try Support.validated(order, id: "v-\(number)"))
        let tasks = try Tasks.tasks(try await FulfillmentHandler(store: store).handle(allocated))
        #expect(tasks.count == 2)
        return (store, try #require(order.id), tasks, allocation)
    }

    @Test("Each open task gets a cancellation; the order is cancelled once both warehouses put the pieces back")
    func bothWarehousesCancel() async throws {
        let (store, orderID, tasks, allocation) = try await Self.twoTasks("C-1")
        let fulfillment = FulfillmentHandler(store: store)
        let request = try Self.cancelRequested(orderID, id: "cr-1")
        let outputs = try await fulfillment.handle(request)
        let cancellations = try Self.cancellations(outputs)
        #expect(cancellations.map(\.taskId) == tasks.map(\.taskId))
        #expect(cancellations[0].lines == [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 3)])
        #expect(cancellations.allSatisfy { $0.requestedBy == "ops@example.com" })
        #expect(try Self.cancelled(outputs) == nil)
        // Keyed by order like the tasks, so a WMS reads a cancellation after its task.
        #expect(outputs.allSatisfy { $0.key == Array(orderID.rawValue.utf8) })
        // A redelivered (or repeated) request sends the same cancellations, byte for byte.
        #expect(try await fulfillment.handle(request).map(\.value) == outputs.map(\.value))

        let first = try await fulfillment.handle(try Tasks.confirm("c-1a", tasks[0], .cancelled))
        #expect(first.isEmpty)
        #expect(try await store.pickTask(id: tasks[0].taskId)?.status == .cancelled)
        // Back on the shelf at Leipzig: reservation released, nothing written off.
        #expect(
            try await store.stockLevels(skus: ["DRILL-18V"], locationIDs: ["WH-DE-LEJ"]).first
                == StockLevel(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 3, reserved: 0)
        )
        let last = try await fulfillment.handle(try Tasks.confirm("c-1b", tasks[1], .cancelled))
        let event = try #require(try Self.cancelled(last))
        #expect(
            event.data
                == OrderCancelled(
                    orderId: orderID,
                    reason: "customer changed their mind",
                    cancelledBy: "ops@example.com"
                )
        )
        // Whichever confirmation closes the last task, the cancellation has the same id.
        #expect(
            try Self.cancelled(try await fulfillment.handle(try Tasks.confirm("c-1b", tasks[1], .cancelled)))?.id
                == event.id
        )

        // Allocation then releases what is left (nothing) and forgets the order.
        _ = try await allocation.handle(Support.consumed(last[0]))
        #expect(try await store.allocation(orderID: orderID) == nil)
        let levels = try await store.stockLevels(skus: ["DRILL-18V", "SAW-CIRC"], locationIDs: nil)
        #expect(levels.map(\.reserved) == [0, 0])
        #expect(levels.map(\.onHand) == [3, 2])
    }

    @Test("A warehouse that shipped already: no cancellation of the order, the shipment stands")
    func tooLateAtOneWarehouse() async throws {
        let (store, orderID, tasks, _) = try await Self.twoTasks("C-2")
        let fulfillment = FulfillmentHandler(store: store)
        _ = try await fulfillment.handle(try Self.cancelRequested(orderID, id: "cr-2"))
        let shipped = try await fulfillment.handle(try Tasks.confirm("s-2a", tasks[0], .shipped, tracking: "JJD2"))
        #expect(shipped.map(\.topic) == [KontorTopics.orderShipped])
        let cancelled = try await fulfillment.handle(try Tasks.confirm("c-2b", tasks[1], .cancelled))
        #expect(try Self.cancelled(cancelled) == nil)
        #expect(try await store.pickTasks(orderID: orderID).map(\.status) == [.shipped, .cancelled])
    }

    @Test("No task open any more: the order is cancelled at once; a shipped order is not")
    func nothingOpen() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 2)])
        let fulfillment = FulfillmentHandler(store: store)
        let order = try Support.order("C-3", lines: [("DRILL-18V", "2")])
        let orderID = try #require(order.id)
        let tasks = try Tasks.tasks(
            try await fulfillment.handle(
                try await Tasks.allocate(Support.handler(store), try Support.validated(order, id: "v-C-3"))
            )
        )
        // Every piece short: the task is closed, and the request to cancel finds nothing to stop.
        _ = try await fulfillment.handle(
            try Tasks.confirm(
                "sp-3",
                tasks[0],
                .shortPicked,
                shortLines: [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 2)]
            )
        )
        let outputs = try await fulfillment.handle(try Self.cancelRequested(orderID, id: "cr-3"))
        #expect(outputs.map(\.topic) == [KontorTopics.orderCancelled])
    }

    @Test("While a cancellation stands: no new tasks, short pieces are not allocated again")
    func noNewWork() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 3)])
        let allocation = Support.handler(store)
        let fulfillment = FulfillmentHandler(store: store)
        let order = try Support.order("C-4", lines: [("DRILL-18V", "5")])
        let orderID = try #require(order.id)
        let tasks = try Tasks.tasks(
            try await fulfillment.handle(
                try await Tasks.allocate(allocation, try Support.validated(order, id: "v-C-4"))
            )
        )
        _ = try await fulfillment.handle(try Self.cancelRequested(orderID, id: "cr-4"))
        // Stock arrives and allocation fills the backorder, but the order being cancelled gets no task for it.
        try await store.adjustOnHand(sku: "DRILL-18V", locationID: "WH-DE-LEJ", by: 4)
        let reallocated = try await Tasks.allocate(allocation, try Support.stockChanged("DRILL-18V", id: "sc-4"))
        #expect(try await fulfillment.handle(reallocated).isEmpty)
        #expect(try await store.pickTasks(orderID: orderID).count == 1)
        // The warehouse found only 2 of 3 and put those back: the missing piece is written off, not planned again.
        let outputs = try await fulfillment.handle(
            try Tasks.confirm(
                "c-4",
                tasks[0],
                .cancelled,
                lines: [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 2)],
                shortLines: [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 1)]
            )
        )
        #expect(outputs.map(\.topic) == [KontorTopics.orderCancelled])
        // Allocation's release of the cancelled order gives back the later reservation too.
        _ = try await allocation.handle(Support.consumed(outputs[0]))
        #expect(
            try await store.stockLevels(skus: ["DRILL-18V"], locationIDs: ["WH-DE-LEJ"]).first
                == StockLevel(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 6, reserved: 0)
        )
    }

    @Test("A cancelled confirmation without a request is refused, naming the order")
    func cancelledWithoutRequest() async throws {
        let (store, orderID, tasks, _) = try await Self.twoTasks("C-5")
        do {
            _ = try await FulfillmentHandler(store: store).handle(try Tasks.confirm("c-5", tasks[0], .cancelled))
            Issue.record("a cancelled confirmation without a cancellation request was accepted")
        } catch let error as StageError {
            #expect(!error.isRetriable)
            #expect(error.message.contains("order \(orderID) has no cancellation requested"))
        }
        #expect(try await store.pickTask(id: tasks[0].taskId)?.status == .open)
    }
}
