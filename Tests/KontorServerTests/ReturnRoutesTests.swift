import Foundation
import KontorKafka
import KontorModel
import KontorServer
import KontorStore
import Testing

/// The returns API over real HTTP, against a real SQLite store and the embedded Kafka cluster.
@Suite("Returns API", .serialized)
struct ReturnRoutesTests {
    static let body = #"{"lines":[{"lineNumber":"1","quantity":1,"reason":"damaged"}],"resolution":"refund"}"#

    /// A projected order (2 pieces of SKU-1) with `status`, and the location WH1.
    static func shippedOrder(_ fixture: ServerFixture, number: String, status: OrderStatus = .shipped) async throws
        -> OrderID
    {
        let order = try ServerFixture.order(number: number)
        try await fixture.project(order, status: status)
        try await fixture.store.upsertLocations([
            Location(
                id: "WH1",
                name: "One",
                kind: .warehouse,
                address: Address(city: "Köln", country: CountryCode("DE")!)
            )
        ])
        return order.id!
    }

    static func shipment(_ orderID: OrderID, pieces: Int, daysAgo: Int64 = 1) -> ShipmentRecord {
        ShipmentRecord(
            shipmentID: "\(orderID.rawValue)-WH1-1",
            orderID: orderID,
            locationID: "WH1",
            carrier: "ups",
            lines: [ConfirmedLine(lineNumber: "1", sku: "SKU-1", quantity: pieces)],
            shippedAt: Timestamp(
                microsecondsSinceEpoch: Timestamp.now().microsecondsSinceEpoch - daysAgo * 86_400_000_000
            )
        )
    }

    static func post(_ url: String, _ body: String, key: String? = nil) async throws -> HTTP.Reply {
        try await HTTP.request("POST", url, body: body, headers: key.map { ["Idempotency-Key": $0] } ?? [:])
    }

    @Test("Refusals: each a problem with its reason and field")
    func refusals() async throws {
        try await ServerFixture.run { fixture, base in
            let received = try await Self.shippedOrder(fixture, number: "RET-NEW", status: .allocated)
            let notShipped = try await Self.post("\(base)/v1/orders/\(received.rawValue)/returns", Self.body)
            #expect(notShipped.status == 409)
            #expect(notShipped.json["type"] as? String == ProblemDetails.Types.illegalTransition)
            #expect((notShipped.json["detail"] as? String)?.contains("is allocated") == true)

            let unknown = try await Self.post(
                "\(base)/v1/orders/ord_00000000000000000000000000000000/returns",
                Self.body
            )
            #expect(unknown.status == 404)

            let orderID = try await Self.shippedOrder(fixture, number: "RET-REF")
            let url = "\(base)/v1/orders/\(orderID.rawValue)/returns"
            let cases: [(String, Int, String, String)] = [
                ("", 422, ProblemDetails.Types.schemaViolation, "lines"),
                ("{}", 422, ProblemDetails.Types.schemaViolation, "lines"),
                (#"{"lines":[],"resolution":"refund"}"#, 422, ProblemDetails.Types.schemaViolation, "lines"),
                (
                    #"{"lines":[{"lineNumber":"1","quantity":1}]}"#, 422, ProblemDetails.Types.schemaViolation,
                    "resolution"
                ),
                (
                    #"{"lines":[{"lineNumber":"1","quantity":1.5}],"resolution":"refund"}"#, 422,
                    ProblemDetails.Types.schemaViolation, "lines[0].quantity"
                ),
                (
                    #"{"lines":[{"lineNumber":"1","quantity":true}],"resolution":"refund"}"#, 422,
                    ProblemDetails.Types.schemaViolation, "lines[0].quantity"
                ),
                (
                    #"{"lines":[{"lineNumber":"1","quantity":0}],"resolution":"refund"}"#, 422,
                    ProblemDetails.Types.schemaViolation, "lines[0].quantity"
                ),
                (
                    #"{"lines":[{"quantity":1}],"resolution":"refund"}"#, 422, ProblemDetails.Types.schemaViolation,
                    "lines[0].lineNumber"
                ),
                (
                    #"{"lines":[{"lineNumber":"9","quantity":1}],"resolution":"exchange"}"#, 422,
                    ProblemDetails.Types.returnRefused, "lines[0].lineNumber"
                ),
                (
                    #"{"lines":[{"lineNumber":"1","quantity":3}],"resolution":"refund"}"#, 422,
                    ProblemDetails.Types.returnRefused, "lines[0].quantity"
                ),
            ]
            for (body, status, type, field) in cases {
                let reply = try await Self.post(url, body)
                #expect(reply.status == status, "\(body): \(reply.text)")
                #expect(reply.json["type"] as? String == type, "\(body)")
                #expect(reply.json["field"] as? String == field, "\(body): \(reply.text)")
                #expect((reply.json["detail"] as? String)?.hasPrefix(field) == true, "\(body): \(reply.text)")
            }
            let garbage = try await Self.post(url, "{oops")
            #expect(garbage.status == 400)

            // One piece shipped: two are too many, and the detail says what is left.
            try await fixture.store.recordShipment(Self.shipment(orderID, pieces: 1))
            let beyond = try await Self.post(url, #"{"lines":[{"lineNumber":"1","quantity":2}],"resolution":"refund"}"#)
            #expect(beyond.status == 422)
            #expect(
                (beyond.json["detail"] as? String)?.contains("1 left to return (shipped 1") == true,
                "\(beyond.text)"
            )

            // Shipped 40 days ago, nothing delivered since: the 30-day window has passed.
            let old = try await Self.shippedOrder(fixture, number: "RET-OLD", status: .allocated)
            try await fixture.store.recordShipment(Self.shipment(old, pieces: 2, daysAgo: 40))
            let late = try await Self.post("\(base)/v1/orders/\(old.rawValue)/returns", Self.body)
            #expect(late.status == 422)
            #expect(late.json["type"] as? String == ProblemDetails.Types.returnRefused)
            #expect((late.json["detail"] as? String)?.contains("return window of 30 days") == true, "\(late.text)")
            #expect(try await fixture.store.returnAuthorizations(orderID: nil, status: nil, limit: 10).isEmpty)
        }
    }

    @Test("Create, read, list; the order lists its returns; no more than the ordered pieces; Idempotency-Key")
    func createAndIdempotency() async throws {
        try await ServerFixture.run { fixture, base in
            let orderID = try await Self.shippedOrder(fixture, number: "RET-OK")
            let url = "\(base)/v1/orders/\(orderID.rawValue)/returns"
            let first = try await Self.post(url, Self.body, key: "key-1")
            #expect(first.status == 201, "\(first.text)")
            let rma = try #require(first.json["rmaNumber"] as? String)
            #expect(rma.range(of: #"^RMA-\d{4}-\d{6}$"#, options: .regularExpression) != nil)
            #expect(first.headers["location"] == "/v1/returns/\(rma)")
            #expect(first.json["status"] as? String == "authorized")
            let label = try #require(first.json["label"] as? [String: Any])
            #expect(label["carrier"] as? String == "dhl")
            #expect((label["trackingNumber"] as? String)?.hasPrefix("KR") == true)
            #expect((label["shipFrom"] as? [String: Any])?["city"] as? String == "Köln")

            // The same key and body: the same answer, no second RMA. Another body with the key: 409.
            let retry = try await Self.post(url, Self.body, key: "key-1")
            #expect(retry.status == 201)
            #expect(retry.json["rmaNumber"] as? String == rma)
            let misuse = try await Self.post(
                url,
                #"{"lines":[{"lineNumber":"1","quantity":1}],"resolution":"exchange"}"#,
                key: "key-1"
            )
            #expect(misuse.status == 409)
            #expect(misuse.json["type"] as? String == ProblemDetails.Types.idempotencyConflict)

            // No shipment recorded: the ordered 2 pieces are the limit.
            let second = try await Self.post(url, Self.body)
            #expect(second.status == 201)
            let third = try await Self.post(url, Self.body)
            #expect(third.status == 422, "\(third.text)")
            #expect((third.json["detail"] as? String)?.contains("0 left to return (ordered 2") == true)

            let detail = try await HTTP.get("\(base)/v1/returns/\(rma)")
            #expect(detail.status == 200)
            #expect((detail.json["receipts"] as? [Any])?.isEmpty == true)
            #expect((detail.json["lines"] as? [[String: Any]])?.first?["sku"] as? String == "SKU-1")
            let listed = try await HTTP.get("\(base)/v1/returns?orderId=\(orderID.rawValue)&status=authorized")
            #expect((listed.json["returns"] as? [[String: Any]])?.count == 2)
            #expect(
                (try await HTTP.get("\(base)/v1/returns?status=refunded").json["returns"] as? [Any])?.isEmpty == true
            )
            let badStatus = try await HTTP.get("\(base)/v1/returns?status=lost")
            #expect(badStatus.status == 400)
            #expect(badStatus.json["field"] as? String == "status")
            let order = try await HTTP.get("\(base)/v1/orders/\(orderID.rawValue)")
            #expect((order.json["returns"] as? [[String: Any]])?.count == 2)
            #expect(order.json["exchangeOf"] is NSNull)
        }
    }

    @Test("Receipt: checked against the RMA, published once per Idempotency-Key")
    func receipt() async throws {
        try await ServerFixture.run { fixture, base in
            let orderID = try await Self.shippedOrder(fixture, number: "RET-RCV")
            let created = try await Self.post("\(base)/v1/orders/\(orderID.rawValue)/returns", Self.body)
            let rma = try #require(created.json["rmaNumber"] as? String)
            let url = "\(base)/v1/returns/\(rma)/receipt"
            let cases: [(String, Int, String)] = [
                (#"{"lines":[{"lineNumber":"1","quantity":1,"condition":"resalable"}]}"#, 422, "locationId"),
                (
                    #"{"locationId":"WH9","lines":[{"lineNumber":"1","quantity":1,"condition":"resalable"}]}"#, 422,
                    "locationId"
                ),
                (#"{"locationId":"WH1","lines":[]}"#, 422, "lines"),
                (
                    #"{"locationId":"WH1","lines":[{"lineNumber":"1","quantity":1,"condition":"scratched"}]}"#, 422,
                    "lines[0].condition"
                ),
                (
                    #"{"locationId":"WH1","lines":[{"lineNumber":"1","quantity":2,"condition":"damaged"}]}"#, 422,
                    "lines[0].quantity"
                ),
                (
                    #"{"locationId":"WH1","lines":[{"lineNumber":"2","quantity":1,"condition":"damaged"}]}"#, 422,
                    "lines[0].lineNumber"
                ),
            ]
            // Every refused receipt is kept, raw, on the quarantine topic: the goods it reports are not lost.
            var kept: [String: String] = [:]
            for (body, status, field) in cases {
                let reply = try await Self.post(url, body)
                #expect(reply.status == status, "\(body): \(reply.text)")
                #expect(reply.json["field"] as? String == field, "\(body): \(reply.text)")
                let quarantineID = try #require(reply.json["quarantineId"] as? String, "\(reply.text)")
                kept[quarantineID] = body
            }
            let malformed = try await Self.post(url, "{not json")
            #expect(malformed.status == 400)
            kept[try #require(malformed.json["quarantineId"] as? String)] = "{not json"
            let records = try await WMSConfirmationRoutesTests.read(
                fixture,
                topic: KontorTopics.ingestQuarantine,
                count: kept.count
            )
            let stored = Dictionary(
                records.map {
                    (String(decoding: $0.key ?? [], as: UTF8.self), String(decoding: $0.value, as: UTF8.self))
                }
            ) { first, _ in first }
            for (id, body) in kept { #expect(stored[id] == body, "quarantine record \(id)") }
            let good = #"{"locationId":"WH1","lines":[{"lineNumber":"1","quantity":1,"condition":"damaged"}]}"#
            let accepted = try await Self.post(url, good, key: "wms-1")
            #expect(accepted.status == 202, "\(accepted.text)")
            #expect(accepted.json["topic"] as? String == "kontor.return.received.v1")
            let eventID = try #require(accepted.json["eventId"] as? String)
            let retried = try await Self.post(url, good, key: "wms-1")
            #expect(retried.json["eventId"] as? String == eventID)
            let unknown = try await Self.post("\(base)/v1/returns/RMA-2026-999999/receipt", good)
            #expect(unknown.status == 404)
            #expect(try await HTTP.get("\(base)/v1/quarantine").json["quarantine"] as? [Any] != nil)
        }
    }
}
