import Foundation
import Testing

@testable import KontorModel

@Suite struct OrderCodingTests {
    @Test func decodesMinimalFixtureWithDefaults() throws {
        let order = try CanonicalJSON.decodeOrder(from: Fixtures.data("order-minimal"))
        #expect(order == SampleOrders.minimal)
        #expect(order.id == nil)
        #expect(order.lines[0].unitOfMeasure == .one)
        #expect(order.billTo == nil && order.payment == nil && order.externalIds == nil)
    }

    @Test func decodesRichFixture() throws {
        let order = try SampleOrders.rich()
        #expect(order.orderNumber == "SO-2025-000123")
        #expect(order.channel == .shopify)
        #expect(order.orderDate.rawValue == "2025-03-01T10:15:30+01:00")
        #expect(order.currency == .eur)
        #expect(order.customerType == .b2b)
        #expect(order.buyer.vatId == "DE123456789")
        #expect(order.shipTo.country == .de)
        #expect(order.billTo?.city == "Potsdam")
        #expect(order.lines.count == 2)
        #expect(order.lines[0].unitPrice.description == "19.90")
        #expect(order.lines[1].unitOfMeasure == .kilogram)
        #expect(order.lines[1].quantity == DecimalAmount("2.5")!)
        #expect(order.totals.grandTotal.description == "106.09")
        #expect(order.payment?.status == .onAccount)
        #expect(order.delivery?.serviceLevel == .express)
        #expect(order.delivery?.promisedDate?.rawValue == "2025-03-04T18:00:00Z")
        #expect(order.externalIds?["shopify"] == "5012345678")
        #expect(order.grandTotalMoney.description == "106.09 EUR")
    }

    @Test(arguments: ["minimal", "allOptionalFields", "rich"])
    func roundTrips(sample: String) throws {
        let order: CanonicalOrder =
            switch sample {
            case "minimal": SampleOrders.minimal
            case "allOptionalFields": SampleOrders.allOptionalFields
            default: try SampleOrders.rich()
            }
        let encoded = CanonicalJSON.encodeOrder(order)
        let decoded = try CanonicalJSON.decodeOrder(from: encoded)
        #expect(decoded == order)
        #expect(CanonicalJSON.encodeOrder(decoded) == encoded, "encoding is deterministic")
        #expect(CanonicalJSON.encodeOrder(order, prettyPrinted: true) != encoded)
        #expect(try CanonicalJSON.decodeOrder(from: CanonicalJSON.encodeOrder(order, prettyPrinted: true)) == order)
    }

    @Test func encodingKeepsDecimalScaleAndWritesStrings() throws {
        let encoded = CanonicalJSON.encodeOrder(try SampleOrders.rich())
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains(#""unitPrice":"19.90""#))
        #expect(text.contains(#""unitPrice":"12.00""#))
        #expect(text.contains(#""quantity":"2.5""#))
        #expect(text.contains("Rechnungsweg 1/2"), "slashes are not escaped")
        #expect(!text.contains("null"))
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let lines = try #require(object["lines"] as? [[String: Any]])
        #expect(lines[0]["quantity"] is String)
        #expect(lines[0]["unitPrice"] is String)
    }

    @Test func encodingSortsKeys() throws {
        let text = String(decoding: CanonicalJSON.encodeOrder(SampleOrders.minimal), as: UTF8.self)
        let positions = [
            "buyer", "channel", "currency", "lines", "orderDate", "orderNumber", "schemaVersion", "shipTo",
        ]
        .map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func minimalOrderOmitsNilFields() throws {
        let encoded = CanonicalJSON.encodeOrder(SampleOrders.minimal)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "schemaVersion", "orderNumber", "channel", "orderDate", "currency", "buyer", "shipTo", "lines",
                    "totals",
                ]
        )
        #expect(Set(try #require(object["buyer"] as? [String: Any]).keys) == ["name"])
        #expect(Set(try #require(object["totals"] as? [String: Any]).keys) == ["grandTotal"])
        let line = try #require((object["lines"] as? [[String: Any]])?.first)
        #expect(Set(line.keys) == ["lineNumber", "sku", "quantity", "unitOfMeasure", "unitPrice"])
        #expect(line["unitOfMeasure"] as? String == "C62", "the default unit is written explicitly")
    }

    @Test func ignoresUnknownFieldsAndTreatsNullAsAbsent() throws {
        let data = try JSONEdit.edit(Fixtures.data("order-minimal")) { object in
            object["somethingNew"] = ["nested": true]
            object["billTo"] = NSNull()
            object["notes"] = NSNull()
            try JSONEdit.setInArray(&object, "lines", 0, "unitOfMeasure", NSNull())
            try JSONEdit.setInArray(&object, "lines", 0, "futureField", 1)
        }
        #expect(try CanonicalJSON.decodeOrder(from: data) == SampleOrders.minimal)
    }

    @Test func decodesFromByteCollections() throws {
        let bytes = Array(try Fixtures.data("order-minimal"))
        #expect(try CanonicalJSON.decodeOrder(from: bytes) == SampleOrders.minimal)
        #expect(try CanonicalJSON.decodeOrder(from: bytes[...]) == SampleOrders.minimal)
    }

    @Test func acceptsAnyMinorSchemaVersion() throws {
        let data = try JSONEdit.edit(Fixtures.data("order-minimal")) { $0["schemaVersion"] = "1.7" }
        #expect(try CanonicalJSON.decodeOrder(from: data).schemaVersion.rawValue == "1.7")
    }

    @Test func assigningIDUsesTheDerivedID() throws {
        let order = SampleOrders.minimal.assigningID()
        #expect(order.id == OrderID.derived(channel: .web, orderNumber: "1001"))
        var withID = SampleOrders.minimal
        withID.id = OrderID("ord_existing")
        #expect(withID.assigningID().id == OrderID("ord_existing"))
    }

    @Test func computedTotals() {
        let lines = [
            OrderLine(lineNumber: "1", sku: "A", quantity: 3, unitPrice: DecimalAmount("19.90")!),
            OrderLine(lineNumber: "2", sku: "B", quantity: 1, unitPrice: 5, lineTotal: DecimalAmount("4.50")!),
        ]
        let totals = OrderTotals(computedFrom: lines, shipping: DecimalAmount("4.95")!, discount: 1)
        #expect(totals.subtotal?.description == "64.20")
        #expect(totals.grandTotal.description == "68.15")
    }
}
