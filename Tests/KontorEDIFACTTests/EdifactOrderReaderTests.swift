import Foundation
import KontorEDIFACT
import KontorModel
import Testing

@Suite struct EdifactOrderReaderTests {
    func decimal(_ value: Any?) -> DecimalAmount? {
        guard let number = value as? NSNumber else { return nil }
        return DecimalAmount(number.decimalValue)
    }

    func order(_ fixture: String) throws -> CanonicalOrder {
        let interchange = try EdifactParser.parse(try Fixture.bytes(fixture))
        return try EdifactOrderReader.read(interchange.messages[0])
    }

    /// Compares the keys both golden files share with the canonical order.
    func compare(_ order: CanonicalOrder, _ expected: [String: Any]) throws {
        #expect(order.orderNumber == expected["orderNumber"] as? String)
        #expect(order.orderDate.rawValue == expected["orderDate"] as? String)
        #expect(order.currency.rawValue == (expected["currency"] as? String ?? "EUR"))
        #expect(order.channel == .ediEdifact)
        let buyer = try #require(expected["buyer"] as? [String: Any])
        #expect(order.buyer.id == buyer["id"] as? String)
        #expect(order.buyer.name == buyer["name"] as? String)
        if let total = decimal(expected["totalAmount"]) { #expect(order.totals.grandTotal == total) }
        let lines = try #require(expected["lines"] as? [[String: Any]])
        #expect(order.lines.count == lines.count)
        for (line, want) in zip(order.lines, lines) {
            #expect(line.lineNumber == want["lineNumber"] as? String)
            #expect(line.sku == want["sku"] as? String)
            #expect(line.gtin == want["gtin"] as? String)
            #expect(line.quantity == decimal(want["quantity"]))
            #expect(line.unitPrice == decimal(want["unitPrice"]) ?? .zero)
            #expect(line.description == want["description"] as? String)
            #expect(line.unitOfMeasure.rawValue == (want["unitOfMeasure"] as? String ?? "C62"))
            #expect(line.buyerSku == want["buyerSku"] as? String)
            #expect(line.lineTotal == decimal(want["lineAmount"]))
        }
    }

    @Test func wikipediaGolden() throws {
        let order = try order("pydifact_D96A_wikipedia_de.edi")
        try compare(order, try Fixture.expected("pydifact_D96A_wikipedia_de.edi"))
        // Documented fallbacks: no CUX → EUR, no DP → the buyer's address, no PRI → 0 and listed.
        #expect(order.currency == .eur)
        #expect(order.shipTo.name == "Bestellername")
        #expect(order.shipTo.street == "Strasse")
        #expect(order.shipTo.city == "Stadt")
        #expect(order.shipTo.postalCode == "23436")
        #expect(order.shipTo.country.rawValue == "XX")
        #expect(order.attributes?["edifact.unpricedLines"] == "1")
        #expect(order.totals.grandTotal == .zero)
    }

    @Test func d01bGolden() throws {
        let order = try order("kontor_D01B_orders.edi")
        let expected = try Fixture.expected("kontor_D01B_orders.edi")
        try compare(order, expected)
        #expect(order.attributes?["edifact.orderDateTime"] == "2025-03-01T10:15")
        #expect(order.delivery?.requestedDate?.rawValue == "2025-03-10")
        #expect(order.notes == expected["notes"] as? String)
        #expect(order.buyer.vatId == "DE123456789")
        #expect(order.buyer.phone == "0221 123456")
        #expect(order.buyer.email == "einkauf@kontor.example")
        let shipTo = try #require(expected["shipTo"] as? [String: Any])
        #expect(order.shipTo.name == shipTo["name"] as? String)
        #expect(order.shipTo.street == shipTo["street"] as? String)
        #expect(order.shipTo.street2 == shipTo["street2"] as? String)
        #expect(order.shipTo.city == shipTo["city"] as? String)
        #expect(order.shipTo.postalCode == shipTo["postalCode"] as? String)
        #expect(order.shipTo.country.rawValue == shipTo["country"] as? String)
        #expect(order.attributes?["edifact.nad.DP"] == shipTo["id"] as? String)
        #expect(order.billTo?.city == "Köln")
        #expect(order.billTo?.name == "Kontor Handel GmbH Buchhaltung")
        #expect(order.attributes?["edifact.supplierName"] == "Schrauben:Werk AG")
        #expect(order.attributes?["edifact.nad.SU"] == "4098765000002")
        #expect(order.totals.subtotal == DecimalAmount("134.80"))
        #expect(order.totals.tax == DecimalAmount("25.61"))
        #expect(order.lines[0].taxRate == 19)
        #expect(order.lines[2].requestedDeliveryDate?.rawValue == "2025-03-15")
        #expect(order.attributes?["edifact.unpricedLines"] == nil)
        #expect(BasicOrderValidator().validate(order).isEmpty)
    }

    @Test func errorsCarryIssuesForCONTRL() throws {
        func read(_ body: String...) throws -> EdifactOrderError? {
            let lines = ["UNB+UNOC:3+S+R+250301:1015+1", "UNH+1+ORDERS:D:96A:UN"] + body + ["UNT+9+1", "UNZ+1+1"]
            let message = try EdifactParser.parse(lines.map { $0 + "'" }.joined()).messages[0]
            do {
                _ = try EdifactOrderReader.read(message, messageIndex: 0)
                return nil
            } catch { return error }
        }
        let badQuantity = try #require(
            try read("BGM+220+A", "DTM+137:20250301:102", "NAD+DP+++N+S+C++1+DE", "LIN+1", "QTY+21:1x")
        )
        #expect(badQuantity.issue.code == .invalidDecimalNotation)
        #expect(badQuantity.issue.segmentTag == "QTY")
        #expect(badQuantity.issue.segmentPosition == 6)
        #expect(badQuantity.issue.elementPosition == 1)
        #expect(badQuantity.issue.componentPosition == 2)
        #expect(badQuantity.issue.level == .segment)
        let noDate = try #require(try read("BGM+220+A", "NAD+DP+++N+S+C++1+DE", "LIN+1", "QTY+21:1"))
        #expect(noDate.issue.code == .missingSegment)
        let noCountry = try #require(try read("BGM+220+A", "DTM+4:20250301:102", "NAD+DP+++N", "LIN+1", "QTY+21:1"))
        #expect(noCountry.issue.elementPosition == 9)
        let badDate = try #require(try read("BGM+220+A", "DTM+137:20250230:102"))
        #expect(badDate.issue.code == .invalidValue)
        #expect(try read("BGM+220+A", "DTM+137:20250301:102", "NAD+BY+++N+S+C++1+at", "LIN+1++X", "QTY+1:-,5") == nil)
    }

    @Test func notAnOrder() throws {
        let text = edi("UNB+UNOC:3+S+R+250301:1015+1", "UNH+1+INVOIC:D:96A:UN", "UNT+2+1", "UNZ+1+1")
        #expect(throws: EdifactOrderError.self) {
            try EdifactOrderReader.read(try EdifactParser.parse(text).messages[0])
        }
    }
}
