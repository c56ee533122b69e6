import Foundation
import Testing

/// `kontor run` (seeded store, embedded cluster): an order posted over HTTP reaches the read model through the
/// projection stage, and the order API's actions change it.
@Suite("End to end: order read model and actions", .serialized, .timeLimit(.minutes(5)))
struct OrderReadModelEndToEndTests {
    static let order = """
        {"schemaVersion":"1.0","orderNumber":"E2E-RM-1","channel":"web","orderDate":"2026-11-28","currency":"EUR",
         "buyer":{"id":"C-100","name":"Erika Mustermann","email":"erika@example.com"},
         "shipTo":{"name":"Erika Mustermann","street":"Heidestraße 17","city":"Köln","postalCode":"51147","country":"DE"},
         "lines":[{"lineNumber":"1","sku":"PT-DRL-18V-055","quantity":"1","unitOfMeasure":"C62","unitPrice":"179.90"}],
         "totals":{"grandTotal":"179.90"}}
        """

    /// Polls the order until `done` accepts it (the projection is asynchronous); the last answer otherwise.
    static func poll(
        _ url: String,
        until done: ([String: Any]) -> Bool
    ) async throws -> HTTPClient.Reply {
        let deadline = ContinuousClock.now + .seconds(60)
        var reply = try await HTTPClient.request("GET", url)
        while !(reply.status == 200 && done(reply.json)) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            reply = try await HTTPClient.request("GET", url)
        }
        return reply
    }

    @Test(
        "Post → allocated in the read model with its timeline; hold, release → allocated again, cancel frees the stock"
    )
    func readModelAndActions() async throws {
        // Without the fulfillment stage orders stay allocated: a pick task would move them to picking, where hold
        // and cancel are refused.
        let kontor = try KontorProcess(arguments: [
            "--set", "kafka.embeddedBrokers=1", "--set", "workers.enabled=validation,allocation,projection",
        ])
        try await kontor.start()
        let base = kontor.httpAddress

        let accepted = try await HTTPClient.postOrder(base, Self.order)
        #expect(accepted.status == 202, "\(accepted.text)")
        let orderID = try #require(accepted.json["orderId"] as? String)
        let url = "\(base)/v1/orders/\(orderID)"

        let allocated = try await Self.poll(url) { $0["status"] as? String == "allocated" }
        #expect(allocated.status == 200, "\(allocated.text)")
        #expect(allocated.json["status"] as? String == "allocated", "\(allocated.text)")
        #expect(allocated.json["orderNumber"] as? String == "E2E-RM-1")
        let timeline = allocated.json["timeline"] as? [[String: Any]] ?? []
        #expect(
            timeline.map { $0["eventType"] as? String } == ["order.received", "order.validated", "order.allocated"],
            "\(timeline)"
        )
        #expect(timeline.map { $0["stage"] as? String } == ["ingest", "validation", "allocation"])
        // Köln is served from Venlo, about 90 km away, rather than from Leipzig, about 400 km away.
        let allocation = allocated.json["allocation"] as? [String: Any] ?? [:]
        let shipments = allocation["shipments"] as? [[String: Any]] ?? []
        #expect(shipments.compactMap { $0["locationId"] as? String } == ["WH-NL-VEN"], "\(allocation)")

        let listed = try await HTTPClient.request("GET", "\(base)/v1/orders?q=E2E-RM")
        #expect((listed.json["orders"] as? [[String: Any]])?.map { $0["orderId"] as? String } == [orderID])

        let held = try await HTTPClient.request(
            "POST",
            "\(url)/hold",
            body: Data(#"{"reason":"address check"}"#.utf8),
            headers: ["Content-Type": "application/json", "X-Kontor-Actor": "ops@example.com"]
        )
        #expect(held.status == 202, "\(held.text)")
        #expect(held.json["status"] as? String == "on-hold")
        #expect(try await HTTPClient.request("GET", url).json["status"] as? String == "on-hold")

        let released = try await HTTPClient.request("POST", "\(url)/release")
        #expect(released.status == 202, "\(released.text)")
        #expect(released.json["status"] as? String != "on-hold")
        // A released order resumes the pipeline: allocation answers it again.
        let reallocated = try await Self.poll(url) { record in
            let events = (record["timeline"] as? [[String: Any]] ?? []).compactMap { $0["eventType"] as? String }
            return events.last == "order.allocated" && events.contains("order.released")
        }
        #expect(reallocated.json["status"] as? String == "allocated", "\(reallocated.text)")

        let cancelled = try await HTTPClient.request("POST", "\(url)/cancel")
        #expect(cancelled.status == 202, "\(cancelled.text)")
        let again = try await HTTPClient.request("POST", "\(url)/cancel")
        #expect(again.status == 200, "\(again.text)")
        #expect(again.json["status"] as? String == "cancelled")

        // The projection stage consumed the actions' events too; they are in the timeline once each.
        let final = try await Self.poll(url) { _ in true }
        let events = (final.json["timeline"] as? [[String: Any]] ?? []).compactMap { $0["eventType"] as? String }
        #expect(
            events == [
                "order.received", "order.validated", "order.allocated", "order.held", "order.released",
                "order.allocated", "order.cancelled",
            ]
        )
        // The cancellation gave the reserved drill back.
        let inventoryURL = "\(base)/v1/inventory/PT-DRL-18V-055"
        let deadline = ContinuousClock.now + .seconds(30)
        var reserved: Int?
        repeat {
            let locations = try await HTTPClient.request("GET", inventoryURL).json["locations"] as? [[String: Any]]
            reserved = locations?.first { $0["locationId"] as? String == "WH-NL-VEN" }?["reserved"] as? Int
            if reserved == 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        } while ContinuousClock.now < deadline
        #expect(reserved == 0)

        let unknown = try await HTTPClient.request("GET", "\(base)/v1/orders/ord_00000000000000000000000000000000")
        #expect(unknown.status == 404)
        #expect(try await kontor.terminate() == 0)
    }
}
