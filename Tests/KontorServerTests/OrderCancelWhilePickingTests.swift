import Foundation
import KontorKafka
import KontorModel
import KontorServer
import KontorStore
import KontorTestSupport
import KontorWorkers
import Testing

@Suite("Cancel while picking: the API asks the warehouses instead of cancelling at once")
struct OrderCancelWhilePickingTests {
    @Test("202 with cancellation requested; the request is published, on the timeline, the status stays picking")
    func cancelRequested() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "SO-P")
            let orderID = order.id!
            try await fixture.project(order, status: .picking)
            let detail = try await HTTP.get("\(base)/v1/orders/\(orderID.rawValue)")
            #expect((detail.json["actions"] as? [String: Bool]) == ["cancel": true, "hold": false, "release": false])

            let reply = try await HTTP.request(
                "POST",
                "\(base)/v1/orders/\(orderID.rawValue)/cancel",
                body: #"{"reason":"customer called"}"#,
                headers: ["X-Kontor-Actor": "ops@example.com"]
            )
            #expect(reply.status == 202)
            #expect(reply.json["status"] as? String == "picking")
            #expect(reply.json["cancellation"] as? String == "requested")
            let eventID = try #require(reply.json["eventId"] as? String)

            let consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    bootstrapServers: fixture.cluster.bootstrapServers,
                    groupID: "reader-\(UUID().uuidString)"
                ),
                topics: [KontorTopics.orderCancelRequested, KontorTopics.orderCancelled],
                logger: ServerFixture.logger
            )
            var messages: [KafkaConsumerMessage] = []
            for _ in 0..<20 where messages.isEmpty {
                messages += try await consumer.poll(maxWait: .seconds(1)) ?? []
            }
            await consumer.close()
            #expect(messages.map(\.topic) == [KontorTopics.orderCancelRequested])
            let message = try #require(messages.first)
            #expect(message.keyString == orderID.rawValue)
            let event = try CanonicalJSON.decodeEvent(OrderCancelRequested.self, from: message.value)
            #expect(event.id.rawValue == eventID)
            #expect(
                event.data
                    == OrderCancelRequested(orderId: orderID, reason: "customer called", requestedBy: "ops@example.com")
            )
            #expect(try await fixture.store.order(id: orderID)?.status == "picking")
            let entry = try #require(try await fixture.store.timeline(orderID: orderID).last)
            #expect(entry.eventID == eventID)
            #expect(entry.status == "picking")
            #expect(try await fixture.store.progress(orderID: orderID)?.topic == KontorTopics.orderCancelRequested)

            let hold = try await HTTP.request("POST", "\(base)/v1/orders/\(orderID.rawValue)/hold")
            #expect(hold.status == 409)
            #expect((hold.json["detail"] as? String)?.contains("cancel it instead") == true)
        }
    }
}
