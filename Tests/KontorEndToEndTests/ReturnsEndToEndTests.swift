import Foundation
import KontorKafka
import KontorModel
import Logging
import Testing

/// `kontor run` (seeded store, embedded cluster): an order is allocated, shipped (the `OrderShipped` a fulfillment
/// worker publishes, produced here by a real Kafka client), returned with an RMA, received back at the warehouse,
/// and refunded: the refund is on Kafka and on the order's timeline, and the pieces are back on hand.
@Suite("End to end: returns", .serialized, .timeLimit(.minutes(5)))
struct ReturnsEndToEndTests {
    static let order = """
        {"schemaVersion":"1.0","orderNumber":"E2E-RET-1","channel":"web","orderDate":"2026-11-28","currency":"EUR",
         "buyer":{"id":"C-100","name":"Erika Mustermann","email":"erika@example.com"},
         "shipTo":{"name":"Erika Mustermann","street":"Marienplatz 1","city":"München","postalCode":"80331","country":"DE"},
         "lines":[{"lineNumber":"1","sku":"PT-DRL-18V-055","quantity":"2","unitOfMeasure":"C62","unitPrice":"179.90",
                   "taxRate":"19"}],
         "totals":{"grandTotal":"428.16"},
         "payment":{"method":"card","status":"paid"}}
        """

    /// Repeats `request` until `done` accepts its reply (stages work asynchronously); the last reply otherwise.
    static func poll(
        _ request: () async throws -> HTTPClient.Reply,
        until done: (HTTPClient.Reply) -> Bool
    ) async throws -> HTTPClient.Reply {
        let deadline = ContinuousClock.now + .seconds(60)
        var reply = try await request()
        while !done(reply) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            reply = try await request()
        }
        return reply
    }

    static func onHand(_ base: String, sku: String, location: String) async throws -> Int? {
        let inventory = try await HTTPClient.request("GET", "\(base)/v1/inventory/\(sku)")
        let locations = inventory.json["locations"] as? [[String: Any]] ?? []
        return locations.first { $0["locationId"] as? String == location }?["onHand"] as? Int
    }

    @Test("Allocated → shipped → RMA → receipt → refund on Kafka and on the timeline, pieces back on hand")
    func returnAndRefund() async throws {
        let kontor = try KontorProcess(arguments: [
            "--set", "kafka.embeddedBrokers=1", "--set", "validation.review.orderValueOver=",
        ])
        try await kontor.start()
        let base = kontor.httpAddress

        let accepted = try await HTTPClient.postOrder(base, Self.order)
        #expect(accepted.status == 202, "\(accepted.text)")
        let orderID = try #require(accepted.json["orderId"] as? String)
        // Allocated, and with the fulfillment stage on, at once `picking` (its pick task is out).
        let allocatedOrPicking: Set<String> = ["allocated", "picking"]
        let allocated = try await Self.poll({ try await HTTPClient.request("GET", "\(base)/v1/orders/\(orderID)") }) {
            allocatedOrPicking.contains($0.json["status"] as? String ?? "")
        }
        #expect(allocatedOrPicking.contains(allocated.json["status"] as? String ?? ""), "\(allocated.text)")
        let shipments = (allocated.json["allocation"] as? [String: Any])?["shipments"] as? [[String: Any]] ?? []
        let location = try #require(shipments.first?["locationId"] as? String)

        // Before shipping, a return is refused.
        let body = #"{"lines":[{"lineNumber":"1","quantity":1,"reason":"damaged"}],"resolution":"refund"}"#
        let early = try await HTTPClient.request("POST", "\(base)/v1/orders/\(orderID)/returns", body: Data(body.utf8))
        #expect(early.status == 409, "\(early.text)")

        // The warehouse ships both pieces: the event the fulfillment worker publishes.
        let shipped = EventEnvelope(
            source: EventSource("/kontor/workers/fulfillment"),
            subject: orderID,
            correlationID: CorrelationID(EventID.random()),
            data: OrderShipped(
                orderId: OrderID(orderID),
                taskId: "\(orderID)-\(location)-1",
                locationId: location,
                carrier: "dhl",
                parcels: [Parcel(trackingNumber: "00340434161094042557")],
                lines: [ConfirmedLine(lineNumber: "1", sku: "PT-DRL-18V-055", quantity: 2)],
                shippedAt: .now(),
                complete: true
            )
        )
        var logger = Logger(label: "kontor.e2e.returns")
        logger.logLevel = .critical
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: kontor.bootstrapServers),
            logger: logger
        )
        _ = try await producer.send(
            KafkaProducerMessage(
                topic: KontorTopics.orderShipped,
                key: orderID,
                value: Array(try CanonicalJSON.encodeEvent(shipped))
            )
        )
        await producer.shutdown()

        // Once the returns stage recorded the shipment, the RMA is created.
        let created = try await Self.poll({
            try await HTTPClient.request(
                "POST",
                "\(base)/v1/orders/\(orderID)/returns",
                body: Data(body.utf8),
                headers: ["Content-Type": "application/json", "Idempotency-Key": "e2e-rma-1"]
            )
        }) { $0.status == 201 }
        #expect(created.status == 201, "\(created.text)")
        let rma = try #require(created.json["rmaNumber"] as? String)
        #expect((created.json["label"] as? [String: Any])?["returnLocationId"] as? String == location)
        let authorizedEvents = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.returnAuthorized) {
            $0.contains { $0.key == orderID }
        }
        #expect(authorizedEvents.contains { ($0.json["data"] as? [String: Any])?["rmaNumber"] as? String == rma })

        let stockBefore = try #require(try await Self.onHand(base, sku: "PT-DRL-18V-055", location: location))
        let receipt = try await HTTPClient.request(
            "POST",
            "\(base)/v1/returns/\(rma)/receipt",
            body: Data(
                #"{"locationId":"\#(location)","lines":[{"lineNumber":"1","quantity":1,"condition":"resalable"}]}"#.utf8
            )
        )
        #expect(receipt.status == 202, "\(receipt.text)")

        let refunds = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.returnRefundIssued) {
            $0.contains { $0.key == orderID }
        }
        let refund = try #require(refunds.first { $0.key == orderID })
        let amount = (refund.json["data"] as? [String: Any])?["amount"] as? [String: Any]
        // 179.90 × 1.19 = 214.081 → 214.08 EUR.
        #expect(amount?["amount"] as? String == "214.08")
        #expect(amount?["currency"] as? String == "EUR")

        let timeline = try await Self.poll({ try await HTTPClient.request("GET", "\(base)/v1/orders/\(orderID)") }) {
            reply in
            let types = (reply.json["timeline"] as? [[String: Any]] ?? []).compactMap { $0["eventType"] as? String }
            return types.contains("return.refund-issued")
        }
        let types = (timeline.json["timeline"] as? [[String: Any]] ?? []).compactMap { $0["eventType"] as? String }
        #expect(types.contains("return.authorized"))
        #expect(types.contains("return.received"))
        #expect(types.contains("return.refund-issued"), "\(types)")
        #expect((timeline.json["returns"] as? [[String: Any]])?.first?["rmaNumber"] as? String == rma)

        let settled = try await Self.poll({ try await HTTPClient.request("GET", "\(base)/v1/returns/\(rma)") }) {
            $0.json["status"] as? String == "refunded"
        }
        #expect(settled.json["status"] as? String == "refunded", "\(settled.text)")
        #expect(try await Self.onHand(base, sku: "PT-DRL-18V-055", location: location) == stockBefore + 1)

        #expect(try await kontor.terminate() == 0)
    }
}
