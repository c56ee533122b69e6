import Foundation
import Testing

/// `kontor run` as a real process on the embedded cluster, driven over real HTTP and read back
/// with `kcat`, a Kafka client outside Kontor.
@Suite("End to end: HTTP → Kafka → validation, checked with kcat", .serialized, .timeLimit(.minutes(5)))
struct OrderIngestEndToEndTests {
    @Test("Orders in; validated and rejected events, problem details and quarantine out; SIGTERM exits 0")
    func ingestValidateQuarantine() async throws {
        let kontor = try KontorProcess(environment: ["KONTOR_INGEST_MAX_BODY_BYTES": "65536"])
        try await kontor.start()
        let base = kontor.httpAddress

        #expect(try await HTTPClient.request("GET", "\(base)/healthz").status == 200)
        #expect(try await HTTPClient.request("GET", "\(base)/readyz").status == 200)

        // A good order: 202 after the broker's acknowledgement, then a validated event.
        let accepted = try await HTTPClient.postOrder(base, SampleOrders.json(number: "E2E-1"))
        #expect(accepted.status == 202)
        let orderID = try #require(accepted.json["orderId"] as? String)
        #expect(accepted.headers["location"] == "/v1/orders/\(orderID)")
        let validated = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.order.validated.v1") { records in
            records.contains { $0.key == orderID }
        }
        let event = try #require(validated.first { $0.key == orderID }).json
        #expect(event["type"] as? String == "com.kontor.order.validated.v1")
        #expect(event["subject"] as? String == orderID)
        #expect(event["specversion"] as? String == "1.0")
        #expect(event["causationid"] as? String == accepted.json["eventId"] as? String)

        // The same order delivered again: the same event id, and still one validated event.
        let again = try await HTTPClient.postOrder(base, SampleOrders.json(number: "E2E-1"))
        #expect(again.status == 202)
        #expect(again.json["eventId"] as? String == accepted.json["eventId"] as? String)

        // A bad order: accepted at the edge (it is well-formed), rejected with reasons by validation.
        let bad = try await HTTPClient.postOrder(
            base,
            SampleOrders.json(number: "E2E-2", country: "XX", quantity: "\"0\"")
        )
        #expect(bad.status == 202)
        let badID = try #require(bad.json["orderId"] as? String)
        let rejected = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.order.rejected.v1") { records in
            records.contains { $0.key == badID }
        }
        let rejection = try #require(rejected.first { $0.key == badID }).json
        let reasons = (rejection["data"] as? [String: Any])?["reasons"] as? [[String: Any]] ?? []
        #expect(Set(reasons.compactMap { $0["code"] as? String }) == ["unknown-country", "non-positive-quantity"])
        #expect(reasons.contains { $0["field"] as? String == "shipTo.country" })

        // Malformed JSON: 400, and the raw body kept on the quarantine topic with the reason.
        let malformedBody = "{\"orderNumber\": \"E2E-3\", oops"
        let malformed = try await HTTPClient.postOrder(base, malformedBody)
        #expect(malformed.status == 400)
        #expect(malformed.headers["content-type"] == "application/problem+json")
        #expect(malformed.json["type"] as? String == "https://kontor.dev/problems/malformed-json")
        let quarantineID = try #require(malformed.json["quarantineId"] as? String)

        // A schema violation: 422 naming the field.
        let violation = try await HTTPClient.postOrder(base, SampleOrders.json(number: "E2E-4", quantity: "2"))
        #expect(violation.status == 422)
        #expect(violation.json["field"] as? String == "lines[0].quantity")
        #expect((violation.json["detail"] as? String)?.contains("decimal string") == true)

        let quarantined = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.ingest.quarantine.v1") {
            $0.count >= 2
        }
        let record = try #require(quarantined.first { $0.key == quarantineID })
        #expect(record.payload == malformedBody)
        #expect(record.headers["kontor-quarantine-reason"]?.hasPrefix("malformed-json") == true)
        #expect(record.headers["kontor-quarantine-source"] == "/kontor/ingest/http")
        #expect(quarantined.contains { $0.headers["kontor-quarantine-field"] == "lines[0].quantity" })

        // Too large: 413, before anything is read into memory.
        let huge = try await HTTPClient.postOrder(base, String(repeating: " ", count: 70_000) + "{}")
        #expect(huge.status == 413)
        // Not JSON at all by content type: 415.
        let xml = try await HTTPClient.request(
            "POST",
            "\(base)/v1/orders",
            body: Data("<Order/>".utf8),
            headers: ["Content-Type": "application/xml"]
        )
        #expect(xml.status == 415)

        // Exactly one validated event for the order delivered twice.
        let settled = try await Kcat.waitFor(
            kontor.bootstrapServers,
            topic: "kontor.order.validated.v1",
            timeout: .seconds(3)
        ) {
            _ in false
        }
        #expect(settled.filter { $0.key == orderID }.count == 1)

        #expect(try await kontor.terminate() == 0)
    }

    @Test("Ingest pushes back with 503 and Retry-After when the pipeline falls behind")
    func backpressure() async throws {
        // Ingest only: nothing consumes, so the backlog grows with every order.
        let kontor = try KontorProcess(
            arguments: ["--role", "ingest"],
            environment: ["KONTOR_INGEST_MAX_PIPELINE_LAG": "5", "KONTOR_INGEST_RETRY_AFTER_SECONDS": "7"]
        )
        try await kontor.start()
        // Orders are accepted until the measured backlog passes the bound, then refused.
        var accepted = 0
        var refusal: HTTPClient.Reply?
        let deadline = ContinuousClock.now + .seconds(15)
        while refusal == nil, ContinuousClock.now < deadline {
            let reply = try await HTTPClient.postOrder(kontor.httpAddress, SampleOrders.json(number: "BP-\(accepted)"))
            if reply.status == 202 {
                accepted += 1
            } else {
                refusal = reply
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(accepted > 5, "the bound is a backlog of 5 messages")
        let reply = try #require(refusal)
        #expect(reply.status == 503)
        #expect(reply.headers["retry-after"] == "7")
        #expect(reply.json["type"] as? String == "https://kontor.dev/problems/pipeline-overloaded")
        #expect(try await kontor.terminate() == 0)
    }
}
