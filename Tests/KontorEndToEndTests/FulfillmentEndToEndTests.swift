import Foundation
import Testing

/// `kontor run` on the seeded data: an allocated order gets a pick task on Kafka (read with kcat, as a WMS would);
/// the WMS's shipped confirmation over HTTP ships it, with the shipment and tracking number in the order detail.
@Suite("End to end: pick tasks and warehouse confirmations", .serialized, .timeLimit(.minutes(5)))
struct FulfillmentEndToEndTests {
    @Test("Order → allocated → pick task on Kafka → shipped confirmation → shipment with tracking number")
    func pickAndShip() async throws {
        let kontor = try KontorProcess(arguments: [
            "--set", "validation.review.orderValueOver=", "--set", "validation.review.priceDeviationPercent=0",
        ])
        try await kontor.start()
        let base = kontor.httpAddress

        let accepted = try await HTTPClient.postOrder(
            base,
            AllocationEndToEndTests.order(number: "FULFIL-E2E-1", sku: "PT-DRL-18V-055", quantity: 2)
        )
        #expect(accepted.status == 202)
        let orderID = try #require(accepted.json["orderId"] as? String)

        let tasks = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.fulfillment.pick-task.v1") {
            $0.contains { $0.key == orderID }
        }
        let taskEvent = try #require(tasks.first { $0.key == orderID })
        #expect(taskEvent.json["type"] as? String == "com.kontor.fulfillment.pick-task.v1")
        let task = try #require(taskEvent.json["data"] as? [String: Any])
        let taskID = try #require(task["taskId"] as? String)
        #expect(taskID == "\(orderID)-WH-DE-LEJ-1")
        let lines = task["lines"] as? [[String: Any]] ?? []
        #expect(lines.map { $0["sku"] as? String } == ["PT-DRL-18V-055"])
        #expect(lines.map { $0["quantity"] as? Int } == [2])
        #expect(lines.map { $0["gtin"] as? String } == ["4062249010000"])
        // Carrier selection over connectors/carriers/rates.yaml: 2 × 1650 g to München, DHL Paket is the cheapest.
        #expect(task["carrier"] as? String == "dhl")
        #expect(task["carrierService"] as? String == "dhl-paket")
        let selection = task["carrierSelection"] as? [String: Any]
        #expect((selection?["summary"] as? String)?.hasPrefix("dhl/dhl-paket: cheapest") == true)

        // The projection puts the task on the order: picking.
        let picking = try await Self.waitForOrder(base, orderID) { $0["status"] as? String == "picking" }
        #expect(picking["status"] as? String == "picking")

        let confirmation = """
            {"confirmationId":"WMS-E2E-1","taskId":"\(taskID)","orderId":"\(orderID)","kind":"shipped",
             "parcels":[{"parcelId":"340434161234567890","trackingNumber":"JJD000390007827364","weightGrams":3400}],
             "carrier":"dhl","carrierService":"dhl-paket","occurredAt":"2026-11-30T14:05:00Z"}
            """
        let posted = try await HTTPClient.request(
            "POST",
            "\(base)/v1/wms/confirmations",
            body: Data(confirmation.utf8)
        )
        #expect(posted.status == 202, "\(posted.text)")

        let shipped = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.order.shipped.v1") {
            $0.contains { $0.key == orderID }
        }
        let shipment = try #require(shipped.first { $0.key == orderID }?.json["data"] as? [String: Any])
        #expect(shipment["complete"] as? Bool == true)
        #expect(shipment["taskId"] as? String == taskID)

        let detail = try await Self.waitForOrder(base, orderID) { order in
            (order["shipments"] as? [[String: Any]])?.first?["status"] as? String == "shipped"
        }
        let shipments = detail["shipments"] as? [[String: Any]] ?? []
        #expect(shipments.count == 1)
        #expect(shipments.first?["taskId"] as? String == taskID)
        #expect(shipments.first?["status"] as? String == "shipped")
        #expect(shipments.first?["carrier"] as? String == "dhl")
        #expect(shipments.first?["trackingNumbers"] as? [String] == ["JJD000390007827364"])

        // The packing slip of the real task, as PDF, read back with poppler's pdftotext.
        let slip = try await HTTPClient.request("GET", "\(base)/v1/shipments/\(taskID)/packing-slip.pdf")
        #expect(slip.status == 200)
        #expect(slip.headers["content-type"] == "application/pdf")
        let text = try Self.pdfText(slip.body)
        #expect(text.contains("FULFIL-E2E-1"), "\(text)")
        #expect(text.contains("JJD000390007827364"))

        // The units left Leipzig: on hand down by 2, nothing reserved for the order any more.
        let inventory = try await HTTPClient.request("GET", "\(base)/v1/inventory/PT-DRL-18V-055")
        let leipzig = (inventory.json["locations"] as? [[String: Any]] ?? []).first {
            $0["locationId"] as? String == "WH-DE-LEJ"
        }
        #expect(leipzig?["onHand"] as? Int == 369)
        #expect(leipzig?["reserved"] as? Int == 0)

        #expect(try await kontor.terminate() == 0)
    }

    /// The text of a PDF, by `pdftotext` (poppler-utils).
    static func pdfText(_ pdf: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("document.pdf")
        let output = directory.appendingPathComponent("document.txt")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [input.path, output.path]
        try process.run()
        process.waitUntilExit()
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }

    /// The order detail once `condition` holds (or the last one read after 90 s: the end-to-end suites run side by
    /// side, each with its own `kontor run`).
    static func waitForOrder(
        _ base: String,
        _ orderID: String,
        until condition: ([String: Any]) -> Bool
    ) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(90)
        var order: [String: Any] = [:]
        repeat {
            order = try await HTTPClient.request("GET", "\(base)/v1/orders/\(orderID)").json
            if condition(order) { return order }
            try await Task.sleep(for: .milliseconds(250))
        } while ContinuousClock.now < deadline
        return order
    }
}
