import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The order API over real HTTP, against a real SQLite store and the embedded Kafka cluster.
@Suite("Order API", .serialized)
struct OrderRoutesTests {
    @Test("List: filters, counts on the first page, and a cursor through every page")
    func listAndPaginate() async throws {
        try await ServerFixture.run { fixture, base in
            for number in 1...5 {
                try await fixture.project(try ServerFixture.order(number: "SO-\(number)"))
            }
            try await fixture.project(
                try ServerFixture.order(number: "AMZ-1", channel: "amazon", buyer: "C-7", name: "Max Muster"),
                status: .validated
            )
            let all = try await HTTP.get("\(base)/v1/orders")
            #expect(all.status == 200)
            #expect((all.json["orders"] as? [[String: Any]])?.count == 6)
            let counts = try #require(all.json["counts"] as? [String: Any])
            #expect(counts["total"] as? Int == 6)
            #expect((counts["byChannel"] as? [String: Int]) == ["web": 5, "amazon": 1])

            let validated = try await HTTP.get("\(base)/v1/orders?status=validated&channel=amazon")
            let summaries = try #require(validated.json["orders"] as? [[String: Any]])
            #expect(summaries.map { $0["orderNumber"] as? String } == ["AMZ-1"])
            #expect(summaries.first?["customerName"] as? String == "Max Muster")
            #expect((summaries.first?["total"] as? [String: Any])?["amount"] as? String == "19.90")
            #expect(
                try await HTTP.get("\(base)/v1/orders?status=received,validated").json["orders"].map {
                    ($0 as? [Any])?.count
                } == 6
            )
            #expect(
                try await HTTP.get("\(base)/v1/orders?customer=C-7").json["orders"].map { ($0 as? [Any])?.count } == 1
            )
            #expect(try await HTTP.get("\(base)/v1/orders?q=so-").json["orders"].map { ($0 as? [Any])?.count } == 5)
            #expect(
                try await HTTP.get("\(base)/v1/orders?from=2026-11-28&to=2026-11-28").json["orders"].map {
                    ($0 as? [Any])?.count
                } == 6
            )
            #expect(
                try await HTTP.get("\(base)/v1/orders?from=2026-11-29T00:00:00Z").json["orders"].map {
                    ($0 as? [Any])?.count
                } == 0
            )

            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                var url = "\(base)/v1/orders?limit=2"
                if let cursor {
                    url += "&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                }
                let page = try await HTTP.get(url)
                #expect(page.status == 200)
                #expect((page.json["counts"] != nil) == (cursor == nil))
                seen += (page.json["orders"] as? [[String: Any]] ?? []).compactMap { $0["orderId"] as? String }
                cursor = page.json["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 6)
            #expect(Set(seen).count == 6)
        }
    }

    @Test(
        "Bad parameters: 400 problems naming the parameter",
        arguments: [
            ("status=lost", "status"), ("from=yesterday", "from"), ("to=2026-13-01", "to"), ("limit=0", "limit"),
            ("limit=ten", "limit"), ("cursor=not-a-cursor", "cursor"), ("colour=red", "colour"),
            ("from=2026-11-29&to=2026-11-28", "to"), ("q=a&q=b", "q"),
        ]
    )
    func badParameters(query: String, parameter: String) async throws {
        try await ServerFixture.run { _, base in
            let reply = try await HTTP.get("\(base)/v1/orders?\(query)")
            #expect(reply.status == 400)
            #expect(reply.headers["content-type"] == "application/problem+json")
            #expect(reply.json["type"] as? String == "https://kontor.dev/problems/invalid-parameter")
            #expect(reply.json["field"] as? String == parameter)
            #expect((reply.json["detail"] as? String)?.hasPrefix("\(parameter):") == true)
        }
    }

    @Test("Detail: record, lines, timeline and actions; 404 for an unknown id")
    func detail() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "SO-9")
            try await fixture.project(order)
            let reply = try await HTTP.get("\(base)/v1/orders/\(order.id!.rawValue)")
            #expect(reply.status == 200)
            #expect(reply.json["status"] as? String == "received")
            #expect((reply.json["lines"] as? [[String: Any]])?.first?["sku"] as? String == "SKU-1")
            #expect(reply.json["allocation"] is NSNull)
            let timeline = try #require(reply.json["timeline"] as? [[String: Any]])
            #expect(timeline.map { $0["eventType"] as? String } == ["order.received"])
            #expect((reply.json["actions"] as? [String: Bool]) == ["cancel": true, "hold": true, "release": false])

            let missing = try await HTTP.get("\(base)/v1/orders/ord_00000000000000000000000000000000")
            #expect(missing.status == 404)
            #expect(missing.json["type"] as? String == "https://kontor.dev/problems/not-found")
        }
    }

    @Test("Cancel publishes the event, records it as progress, updates the read model; a second cancel is 200")
    func cancel() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "SO-C")
            let orderID = order.id!
            try await fixture.project(order)
            let reply = try await HTTP.request(
                "POST",
                "\(base)/v1/orders/\(orderID.rawValue)/cancel",
                body: #"{"reason":"customer called"}"#,
                headers: ["X-Kontor-Actor": "ops@example.com"]
            )
            #expect(reply.status == 202)
            #expect(reply.json["status"] as? String == "cancelled")
            let eventID = try #require(reply.json["eventId"] as? String)

            let consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    bootstrapServers: fixture.cluster.bootstrapServers,
                    groupID: "reader-\(UUID().uuidString)"
                ),
                topics: [KontorTopics.orderCancelled],
                logger: ServerFixture.logger
            )
            var messages: [KafkaConsumerMessage] = []
            for _ in 0..<20 where messages.isEmpty {
                messages += try await consumer.poll(maxWait: .seconds(1)) ?? []
            }
            await consumer.close()
            let message = try #require(messages.first)
            #expect(message.keyString == orderID.rawValue)
            let event = try CanonicalJSON.decodeEvent(OrderCancelled.self, from: message.value)
            #expect(event.id.rawValue == eventID)
            #expect(event.correlationID.rawValue == eventID)
            #expect(event.source == .orderAPI)
            #expect(
                event.data
                    == OrderCancelled(orderId: orderID, reason: "customer called", cancelledBy: "ops@example.com")
            )

            let progress = try #require(try await fixture.store.progress(orderID: orderID))
            #expect(progress.eventID == eventID)
            #expect(progress.stage == "api")
            #expect(progress.step == 0)
            #expect(progress.topic == KontorTopics.orderCancelled)

            #expect(try await fixture.store.order(id: orderID)?.status == "cancelled")
            let timeline = try await fixture.store.timeline(orderID: orderID)
            #expect(timeline.last?.eventID == eventID)
            #expect(timeline.last?.stage == "api")

            let again = try await HTTP.request("POST", "\(base)/v1/orders/\(orderID.rawValue)/cancel")
            #expect(again.status == 200)
            #expect(again.json["status"] as? String == "cancelled")
            #expect(again.json["changed"] as? Bool == false)
            #expect(try await fixture.store.timeline(orderID: orderID).count == timeline.count)
        }
    }

    @Test("Hold and release: 202 with the new status; the hold carries reason code held-by-operator")
    func holdAndRelease() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "SO-H")
            let orderID = order.id!
            try await fixture.project(order, status: .validated)
            let held = try await HTTP.request(
                "POST",
                "\(base)/v1/orders/\(orderID.rawValue)/hold",
                body: #"{"reason":"address check"}"#
            )
            #expect(held.status == 202)
            #expect(held.json["status"] as? String == "on-hold")
            let timeline = try await fixture.store.timeline(orderID: orderID)
            let details = try JSONDecoder().decode(
                TimelineDetails.self,
                from: Data(try #require(timeline.last?.reasonsJSON).utf8)
            )
            #expect(details.reasons?.map(\.code.rawValue) == ["held-by-operator"])
            #expect(details.reasons?.map(\.message) == ["address check"])
            #expect(details.heldBy == "api")

            let released = try await HTTP.request(
                "POST",
                "\(base)/v1/orders/\(orderID.rawValue)/release",
                body: #"{"note":"ok"}"#
            )
            #expect(released.status == 202)
            #expect(released.json["status"] as? String == "validated")
            let again = try await HTTP.request("POST", "\(base)/v1/orders/\(orderID.rawValue)/release")
            #expect(again.status == 409)
        }
    }

    @Test("Illegal transitions: 409 with the lifecycle's reason; nothing is published")
    func illegal() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "SO-S")
            let orderID = order.id!
            let record = try await fixture.project(order, status: .shipped)
            let reply = try await HTTP.request("POST", "\(base)/v1/orders/\(orderID.rawValue)/cancel")
            #expect(reply.status == 409)
            #expect(reply.json["type"] as? String == "https://kontor.dev/problems/illegal-transition")
            #expect((reply.json["detail"] as? String)?.contains("create a return instead") == true)
            #expect(try await fixture.store.order(id: orderID) == record)
            #expect(try await fixture.store.progress(orderID: orderID) == nil)

            let unknown = try await HTTP.request("POST", "\(base)/v1/orders/ord_00000000000000000000000000000000/hold")
            #expect(unknown.status == 404)
            let badBody = try await HTTP.request(
                "POST",
                "\(base)/v1/orders/\(orderID.rawValue)/hold",
                body: #"{"reason":5}"#
            )
            #expect(badBody.status == 400)
            #expect(badBody.json["field"] as? String == "reason")
        }
    }
}
