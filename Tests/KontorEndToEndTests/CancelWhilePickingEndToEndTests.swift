import Foundation
import Testing

/// `kontor run` on the seeded data: an order whose pick task is out is cancelled through the API. The warehouse (kcat
/// standing in for a WMS consuming the topic) reads the task's cancellation after the task, confirms over HTTP that it
/// put the pieces back, and the order ends cancelled with its stock free again.
@Suite("End to end: cancelling an order while it is picked", .serialized, .timeLimit(.minutes(5)))
struct CancelWhilePickingEndToEndTests {
    @Test("Picking → cancel → task cancellation on Kafka → cancelled confirmation → order cancelled, stock free")
    func cancelWhilePicking() async throws {
        let kontor = try KontorProcess(arguments: [
            "--set", "validation.review.orderValueOver=", "--set", "validation.review.priceDeviationPercent=0",
        ])
        try await kontor.start()
        let base = kontor.httpAddress

        let accepted = try await HTTPClient.postOrder(
            base,
            AllocationEndToEndTests.order(number: "CANCEL-E2E-1", sku: "PT-DRL-18V-055", quantity: 2)
        )
        #expect(accepted.status == 202)
        let orderID = try #require(accepted.json["orderId"] as? String)
        let picking = try await FulfillmentEndToEndTests.waitForOrder(base, orderID) {
            $0["status"] as? String == "picking"
        }
        #expect((picking["actions"] as? [String: Bool])?["cancel"] == true)
        let taskID = "\(orderID)-WH-DE-LEJ-1"

        let reply = try await HTTPClient.request(
            "POST",
            "\(base)/v1/orders/\(orderID)/cancel",
            body: Data(#"{"reason":"customer called"}"#.utf8)
        )
        #expect(reply.status == 202, "\(reply.text)")
        #expect(reply.json["cancellation"] as? String == "requested")
        #expect(reply.json["status"] as? String == "picking")

        // The WMS's view: the task, then its cancellation, on the one topic it consumes.
        let records = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.fulfillment.pick-task.v1") {
            $0.contains { $0.json["type"] as? String == "com.kontor.fulfillment.pick-task-cancellation.v1" }
        }
        let ofOrder = records.filter { $0.key == orderID }
        #expect(
            ofOrder.map { $0.json["type"] as? String } == [
                "com.kontor.fulfillment.pick-task.v1", "com.kontor.fulfillment.pick-task-cancellation.v1",
            ]
        )
        let cancellation = try #require(ofOrder.last?.json["data"] as? [String: Any])
        #expect(cancellation["taskId"] as? String == taskID)
        #expect((cancellation["lines"] as? [[String: Any]])?.first?["quantity"] as? Int == 2)
        #expect(cancellation["reason"] as? String == "customer called")

        let confirmation = """
            {"confirmationId":"WMS-CANCEL-1","taskId":"\(taskID)","orderId":"\(orderID)","kind":"cancelled",
             "occurredAt":"2026-11-30T09:15:00Z"}
            """
        let posted = try await HTTPClient.request(
            "POST",
            "\(base)/v1/wms/confirmations",
            body: Data(confirmation.utf8)
        )
        #expect(posted.status == 202, "\(posted.text)")

        let cancelled = try await FulfillmentEndToEndTests.waitForOrder(base, orderID) {
            $0["status"] as? String == "cancelled"
        }
        #expect(cancelled["status"] as? String == "cancelled")
        let shipments = cancelled["shipments"] as? [[String: Any]] ?? []
        #expect(shipments.map { $0["status"] as? String } == ["cancelled"])
        let timeline = (cancelled["timeline"] as? [[String: Any]] ?? []).map { $0["eventType"] as? String ?? "" }
        for step in ["order.cancel-requested", "fulfillment.pick-task-cancellation", "order.cancelled"] {
            #expect(timeline.contains(step), "\(timeline)")
        }

        // Back on the shelf in Leipzig: nothing written off, nothing reserved.
        let inventory = try await HTTPClient.request("GET", "\(base)/v1/inventory/PT-DRL-18V-055")
        let leipzig = (inventory.json["locations"] as? [[String: Any]] ?? []).first {
            $0["locationId"] as? String == "WH-DE-LEJ"
        }
        #expect(leipzig?["onHand"] as? Int == 371)
        #expect(leipzig?["reserved"] as? Int == 0)

        #expect(try await kontor.terminate() == 0)
    }
}
