import Foundation
import Testing

/// `kontor run` on the seeded demo data: orders come out allocated from the expected warehouse, and a goods receipt
/// posted over HTTP lets a backordered order be allocated.
@Suite("End to end: allocation on the seeded data", .serialized, .timeLimit(.minutes(5)))
struct AllocationEndToEndTests {
    static func order(number: String, sku: String, quantity: Int) -> String {
        """
        {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"web","orderDate":"2026-11-28","currency":"EUR",
         "buyer":{"id":"C-100","name":"Erika Mustermann"},
         "shipTo":{"name":"Erika Mustermann","street":"Marienplatz 1","city":"München","postalCode":"80331","country":"DE"},
         "lines":[{"lineNumber":"1","sku":"\(sku)","quantity":"\(quantity)","unitOfMeasure":"C62","unitPrice":"99.00"}],
         "totals":{"grandTotal":"\(99 * quantity).00"}}
        """
    }

    private static func data(_ record: Kcat.Record) -> [String: Any] {
        record.json["data"] as? [String: Any] ?? [:]
    }

    private static func plan(_ record: Kcat.Record) -> [String: Any] {
        data(record)["plan"] as? [String: Any] ?? [:]
    }

    @Test("Munich is served from Leipzig; an order beyond stock is allocated in full after a goods receipt")
    func allocateAndReceive() async throws {
        // Review rules off: these orders' prices and totals are about stock, not about what validation holds.
        let kontor = try KontorProcess(arguments: [
            "--set", "validation.review.orderValueOver=", "--set", "validation.review.priceDeviationPercent=0",
        ])
        try await kontor.start()
        let base = kontor.httpAddress
        let topic = "kontor.order.allocated.v1"

        let accepted = try await HTTPClient.postOrder(
            base,
            Self.order(number: "ALLOC-E2E-1", sku: "PT-DRL-18V-055", quantity: 2)
        )
        #expect(accepted.status == 202)
        let orderID = try #require(accepted.json["orderId"] as? String)
        let allocated = try await Kcat.waitFor(kontor.bootstrapServers, topic: topic) { records in
            records.contains { $0.key == orderID }
        }
        let event = try #require(allocated.first { $0.key == orderID })
        #expect(event.json["type"] as? String == "com.kontor.order.allocated.v1")
        let shipments = Self.plan(event)["shipments"] as? [[String: Any]] ?? []
        #expect(shipments.compactMap { $0["locationId"] as? String } == ["WH-DE-LEJ"])
        let inventory = try await HTTPClient.request("GET", "\(base)/v1/inventory/PT-DRL-18V-055")
        let locations = inventory.json["locations"] as? [[String: Any]] ?? []
        #expect(locations.first { $0["locationId"] as? String == "WH-DE-LEJ" }?["reserved"] as? Int == 2)

        // HT-LVL-600 has about 550 units to promise in Europe: 2000 cannot all be allocated.
        let big = try await HTTPClient.postOrder(
            base,
            Self.order(number: "ALLOC-E2E-2", sku: "HT-LVL-600", quantity: 2000)
        )
        let bigID = try #require(big.json["orderId"] as? String)
        let first = try await Kcat.waitFor(kontor.bootstrapServers, topic: topic) { records in
            records.contains { $0.key == bigID }
        }
        let partial = try #require(first.first { $0.key == bigID })
        #expect(Self.plan(partial)["status"] as? String == "partiallyAllocated")
        let backorders = Self.plan(partial)["backorders"] as? [[String: Any]] ?? []
        let missing = backorders.compactMap { $0["quantity"] as? Int }.reduce(0, +)
        #expect(missing > 0)

        // Bad receipts are refused with problem details.
        let unknown = try await HTTPClient.request(
            "POST",
            "\(base)/v1/inventory/HT-LVL-600/receipts",
            body: Data(#"{"locationId":"WH-XX-NOPE","quantity":1}"#.utf8)
        )
        #expect(unknown.status == 404)
        let fractional = try await HTTPClient.request(
            "POST",
            "\(base)/v1/inventory/HT-LVL-600/receipts",
            body: Data(#"{"locationId":"WH-DE-LEJ","quantity":1.5}"#.utf8)
        )
        #expect(fractional.status == 422)
        #expect(fractional.json["field"] as? String == "quantity")
        let garbage = try await HTTPClient.request(
            "POST",
            "\(base)/v1/inventory/HT-LVL-600/receipts",
            body: Data("{oops".utf8)
        )
        #expect(garbage.status == 400)

        // The goods arrive: the journal publishes a stock change, and the order is allocated in full.
        let receipt = try await HTTPClient.request(
            "POST",
            "\(base)/v1/inventory/HT-LVL-600/receipts",
            body: Data(#"{"locationId":"WH-DE-LEJ","quantity":\#(missing)}"#.utf8)
        )
        #expect(receipt.status == 200)
        #expect(receipt.json["locationId"] as? String == "WH-DE-LEJ")
        let second = try await Kcat.waitFor(kontor.bootstrapServers, topic: topic) { records in
            records.contains { $0.key == bigID && Self.plan($0)["status"] as? String == "allocated" }
        }
        let full = try #require(second.first { $0.key == bigID && Self.plan($0)["status"] as? String == "allocated" })
        #expect(full.json["correlationid"] as? String == partial.json["correlationid"] as? String)
        let reserved = (Self.data(full)["reservations"] as? [[String: Any]] ?? []).compactMap { $0["quantity"] as? Int }
        #expect(reserved.reduce(0, +) == 2000)

        #expect(try await kontor.terminate() == 0)
    }
}
