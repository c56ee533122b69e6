import Foundation
import KontorKafka
import KontorModel
import KontorStore
import Testing

/// `POST /v1/wms/confirmations` and the order detail's shipments over real HTTP, with a real SQLite store and the
/// embedded Kafka cluster.
@Suite("WMS confirmations route and shipments in the order detail", .serialized)
struct WMSConfirmationRoutesTests {
    static let sample = ServerFixture.repositoryRoot
        .appendingPathComponent("mappings/wms-shipment-confirmation/examples/ship-confirmed.json")

    /// The pick task the mapping sample confirms, saved in the fixture's store for `order`.
    static func saveTask(_ fixture: ServerFixture, order: CanonicalOrder) async throws -> PickTaskRecord {
        let orderID = try #require(order.id)
        let task = PickTaskRecord(
            task: PickTask(
                taskId: "\(orderID)-WH-DE-LEJ-1",
                orderId: orderID,
                orderNumber: order.orderNumber,
                channel: order.channel,
                locationId: "WH-DE-LEJ",
                method: "ship",
                lines: [
                    PickTaskLine(lineNumber: "1", sku: "DRILL-18V", quantity: 2),
                    PickTaskLine(lineNumber: "2", sku: "SAW-CIRC", quantity: 2),
                ],
                shipTo: order.shipTo,
                createdAt: Timestamp(rfc3339: "2026-11-30T09:00:00Z")!
            ),
            sequence: 1,
            causeID: "allocated",
            lines: [
                PickTaskRecord.Line(lineNumber: "1", reservationLine: 1, sku: "DRILL-18V", quantity: 2),
                PickTaskRecord.Line(lineNumber: "2", reservationLine: 2, sku: "SAW-CIRC", quantity: 2),
            ],
            updatedAt: Timestamp(rfc3339: "2026-11-30T09:00:00Z")!
        )
        try await fixture.store.savePickTasks([task])
        return task
    }

    static func read(_ fixture: ServerFixture, topic: String, count: Int) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                bootstrapServers: fixture.cluster.bootstrapServers,
                groupID: "reader-\(UUID().uuidString)"
            ),
            topics: [topic],
            logger: ServerFixture.logger
        )
        let deadline = ContinuousClock.now + .seconds(20)
        var received: [KafkaConsumerMessage] = []
        while received.count < count, ContinuousClock.now < deadline {
            received += try await consumer.poll(maxWait: .seconds(1)) ?? []
        }
        await consumer.close()
        return received
    }

    @Test("Canonical and mapped confirmations are published as warehouse-confirmation events")
    func acceptsCanonicalAndMapped() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "WMS-1")
            let task = try await Self.saveTask(fixture, order: order)
            let canonical = """
                {"confirmationId":"c-1","taskId":"\(task.taskID)","orderId":"\(task.orderID)","kind":"picked",
                 "lines":[{"lineNumber":"1","sku":"DRILL-18V","quantity":2}],"shortLines":[],"parcels":[],
                 "occurredAt":"2026-11-30T10:00:00Z"}
                """
            let first = try await HTTP.request("POST", "\(base)/v1/wms/confirmations", body: canonical)
            #expect(first.status == 202)
            #expect(first.json["kind"] as? String == "picked")
            #expect(first.json["taskId"] as? String == task.taskID)

            let mapped = try String(contentsOf: Self.sample, encoding: .utf8)
                .replacingOccurrences(of: "ord_0123456789abcdef0123456789abcdef", with: task.orderID.rawValue)
            let second = try await HTTP.request(
                "POST",
                "\(base)/v1/wms/confirmations?format=wms-shipment-confirmation",
                body: mapped
            )
            #expect(second.status == 202, "\(second.text)")

            let events = try await Self.read(fixture, topic: KontorTopics.warehouseConfirmation, count: 2)
                .map { try CanonicalJSON.decodeEvent(WarehouseConfirmation.self, from: $0.value) }
            #expect(events.map(\.id.rawValue) == [first.json["eventId"] as? String, second.json["eventId"] as? String])
            #expect(events.allSatisfy { $0.subject == task.orderID.rawValue })
            let shipped = try #require(events.last?.data)
            #expect(shipped.confirmationId == "WMS-MSG-000123")
            #expect(shipped.kind == .shipped)
            #expect(
                shipped.lines == [
                    ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 2),
                    ConfirmedLine(lineNumber: "2", sku: "SAW-CIRC", quantity: 1),
                ]
            )
            #expect(shipped.shortLines == [ConfirmedLine(lineNumber: "2", sku: "SAW-CIRC", quantity: 1)])
            #expect(
                shipped.parcels == [
                    Parcel(
                        parcelId: "340434161234567890",
                        trackingNumber: "JJD000390007827364",
                        weightGrams: 4250,
                        lengthMm: 600,
                        widthMm: 400,
                        heightMm: 300
                    )
                ]
            )
            #expect(shipped.carrier == "dhl")
            #expect(shipped.carrierService == "dhl-paket")
            #expect(shipped.occurredAt == Timestamp(rfc3339: "2026-11-30T14:05:00Z"))

            // Without `format`, the content decides (a mapped body has the mapping's kind field).
            let sniffed = try await HTTP.request(
                "POST",
                "\(base)/v1/wms/confirmations",
                body: mapped.replacingOccurrences(of: "WMS-MSG-000123", with: "WMS-MSG-000124")
            )
            #expect(sniffed.status == 202, "\(sniffed.text)")
        }
    }

    @Test("Bad confirmations: 400 or 422 naming the field, the raw body kept on the quarantine topic")
    func refusals() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "WMS-2")
            let task = try await Self.saveTask(fixture, order: order)
            let url = "\(base)/v1/wms/confirmations"

            let malformed = try await HTTP.request("POST", url, body: "{not json")
            #expect(malformed.status == 400)
            #expect(malformed.headers["content-type"] == "application/problem+json")
            let quarantineID = try #require(malformed.json["quarantineId"] as? String)

            func canonical(_ task: String, _ order: String, quantity: Int = 1) -> String {
                """
                {"confirmationId":"c-x","taskId":"\(task)","orderId":"\(order)","kind":"shipped",
                 "lines":[{"lineNumber":"1","sku":"DRILL-18V","quantity":\(quantity)}],"shortLines":[],"parcels":[],
                 "occurredAt":"2026-11-30T10:00:00Z"}
                """
            }
            let cases: [(String, String, String)] = [
                (url, canonical("ghost", task.orderID.rawValue), "taskId"),
                (url, canonical(task.taskID, "ord_other"), "orderId"),
                (url, canonical(task.taskID, task.orderID.rawValue, quantity: 0), "lines[0].quantity"),
                (url, #"{"confirmationId":"c","taskId":"t","orderId":"o","kind":"lost"}"#, "kind"),
                (url + "?format=nope", canonical(task.taskID, task.orderID.rawValue), "format"),
                (
                    url + "?format=wms-shipment-confirmation",
                    #"{"messageId":"m","messageType":"TELEPORTED","shipment":{}}"#,
                    "messageType"
                ),
            ]
            for (target, body, field) in cases {
                let reply = try await HTTP.request("POST", target, body: body)
                #expect(reply.status == 422, "\(body)")
                #expect(reply.json["field"] as? String == field, "\(reply.text)")
                #expect(reply.json["quarantineId"] is String)
            }
            let kept = try await Self.read(fixture, topic: KontorTopics.ingestQuarantine, count: 1 + cases.count)
            #expect(kept.count == 1 + cases.count)
            // The quarantine topic has several partitions: find the malformed body by its id.
            let malformedKept = kept.first { $0.key.map { String(decoding: $0, as: UTF8.self) } == quarantineID }
            #expect(malformedKept?.value == Array("{not json".utf8))
            #expect(try await Self.read(fixture, topic: KontorTopics.warehouseConfirmation, count: 1).isEmpty)
        }
    }

    @Test("The order detail lists its shipments with status, carrier and tracking numbers")
    func orderDetailShipments() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "WMS-3")
            try await fixture.project(order, status: .picking)
            let task = try await Self.saveTask(fixture, order: order)
            var confirmation = WarehouseConfirmation(
                confirmationId: "c-ship",
                taskId: task.taskID,
                orderId: task.orderID,
                kind: .shipped,
                parcels: [Parcel(parcelId: "P1", trackingNumber: "1Z999AA10123456784", weightGrams: 900)],
                occurredAt: Timestamp(rfc3339: "2026-11-30T15:00:00Z")!
            )
            confirmation.carrier = "ups"
            _ = try await fixture.store.applyConfirmation(confirmation)

            let detail = try await HTTP.get("\(base)/v1/orders/\(task.orderID)")
            #expect(detail.status == 200)
            let shipments = try #require(detail.json["shipments"] as? [[String: Any]])
            #expect(shipments.count == 1)
            let shipment = try #require(shipments.first)
            #expect(shipment["taskId"] as? String == task.taskID)
            #expect(shipment["locationId"] as? String == "WH-DE-LEJ")
            #expect(shipment["status"] as? String == "shipped")
            #expect(shipment["carrier"] as? String == "ups")
            #expect(shipment["trackingNumbers"] as? [String] == ["1Z999AA10123456784"])
            let lines = try #require(shipment["lines"] as? [[String: Any]])
            #expect(lines.map { $0["shipped"] as? Int } == [2, 2])
        }
    }
}
