import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// Pick tasks and short picks in the read model, against a real SQLite store.
@Suite("Read-model projection of pick tasks and short picks")
struct FulfillmentProjectionTests {
    typealias Script = ProjectionHandlerTests.Script

    func pickTask(_ script: Script, at second: Int64) throws -> KafkaConsumerMessage {
        try script.message(
            PickTask(
                taskId: "\(script.orderID)-WH-1-1",
                orderId: script.orderID,
                orderNumber: script.order.orderNumber,
                channel: script.order.channel,
                locationId: "WH-1",
                method: "ship",
                lines: [PickTaskLine(lineNumber: "1", sku: "SKU-1", quantity: 2)],
                shipTo: script.order.shipTo,
                createdAt: script.time(second)
            ),
            at: second,
            source: .worker("fulfillment")
        )
    }

    @Test("A pick task moves an allocated order to picking; a short pick is on the timeline and keeps the status")
    func pickingAndShortPick() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let handler = ProjectionHandler(store: store)
        let script = Script(order: try WorkerTestSupport.order(number: "PRJ-F-1"))
        #expect(ProjectionHandler.inputTopics.contains(KontorTopics.pickTask))
        #expect(ProjectionHandler.inputTopics.contains(KontorTopics.orderShortPicked))
        _ = try await handler.handle(try script.received(at: 0))
        _ = try await handler.handle(try script.validated(at: 1))
        _ = try await handler.handle(try script.allocated(.allocated, at: 2))
        _ = try await handler.handle(try pickTask(script, at: 3))
        #expect(try await store.order(id: script.orderID)?.status == OrderStatus.picking.rawValue)

        let short = OrderShortPicked(
            orderId: script.orderID,
            taskId: "\(script.orderID)-WH-1-1",
            locationId: "WH-1",
            lines: [ConfirmedLine(lineNumber: "1", sku: "SKU-1", quantity: 1)],
            occurredAt: script.time(4)
        )
        _ = try await handler.handle(try script.message(short, at: 4, source: .worker("fulfillment")))
        #expect(try await store.order(id: script.orderID)?.status == OrderStatus.picking.rawValue)

        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(timeline.map(\.eventType).suffix(2) == ["fulfillment.pick-task", "order.short-picked"])
        #expect(timeline.suffix(2).map(\.stage) == ["fulfillment", "fulfillment"])
        #expect(timeline.suffix(2).map(\.status) == ["picking", "picking"])
        let details = try #require(timeline.last?.reasonsJSON)
        #expect(details.contains("\"taskId\":\"\(script.orderID)-WH-1-1\""))
        #expect(details.contains("\"locationId\":\"WH-1\""))
        #expect(!details.contains("lifecycle"))
    }
}
