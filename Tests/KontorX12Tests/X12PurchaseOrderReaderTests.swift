import Foundation
import KontorModel
import KontorX12
import Testing

@Suite struct X12PurchaseOrderReaderTests {
    struct Expected: Decodable {
        struct Line: Decodable {
            var lineNumber: String?
            var sku: String?
            var quantity: Decimal
            var unitOfMeasure: String?
            var unitPrice: Decimal?
            var description: String?
        }
        struct ShipTo: Decodable {
            var name: String?
            var street: String?
            var city: String?
            var state: String?
            var postalCode: String?
            var country: String?
            var id: String?
        }
        var orderNumber: String
        var orderDate: String
        var lines: [Line]
        var shipTo: ShipTo
        var totalAmount: Decimal?
    }

    func expected(_ name: String) throws -> Expected {
        let url = try #require(
            Bundle.module.url(forResource: name + ".expected", withExtension: "json", subdirectory: "Fixtures")
        )
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }

    @Test(arguments: ["node-x12_850.edi", "stedi_5010_850_input.edi"])
    func goldenOrders(name: String) throws {
        let interchange = try Fixture.interchange(name)
        let order = try X12PurchaseOrderReader.read(try #require(interchange.transactions.first))
        let expected = try expected(name)
        #expect(order.orderNumber == expected.orderNumber)
        #expect(order.orderDate.rawValue == expected.orderDate)
        #expect(order.channel == .ediX12)
        #expect(order.currency == .usd)
        #expect(order.attributes?["x12.currencyDefaulted"] == "true")
        #expect(order.lines.count == expected.lines.count)
        for (line, want) in zip(order.lines, expected.lines) {
            #expect(line.lineNumber == want.lineNumber)
            #expect(line.sku == want.sku)
            #expect(line.quantity.value == want.quantity)
            #expect(line.unitPrice.value == want.unitPrice)
            #expect(line.unitOfMeasure.rawValue == want.unitOfMeasure)
            #expect(line.description == want.description)
        }
        #expect(order.shipTo.name == expected.shipTo.name)
        #expect(order.shipTo.street == expected.shipTo.street)
        #expect(order.shipTo.city == expected.shipTo.city)
        #expect(order.shipTo.region == expected.shipTo.state)
        #expect(order.shipTo.postalCode == expected.shipTo.postalCode)
        #expect(order.shipTo.country.rawValue == (expected.shipTo.country ?? "US"))
        #expect(order.attributes?["x12.shipTo.id"] == expected.shipTo.id)
        #expect(order.totals.grandTotal.value == expected.totalAmount)
    }

    @Test func detailsOfNodeX12Order() throws {
        let order = try X12PurchaseOrderReader.read(try Fixture.interchange("node-x12_850.edi").transactions[0])
        #expect(order.lines[0].description == "SMALL WIDGET")
        #expect(order.lines[0].requestedDeliveryDate?.rawValue == "2010-12-14")
        #expect(order.attributes?["x12.line.1.CB"] == "065322-117")
        #expect(order.attributes?["x12.ref.DP"] == "038")
        #expect(order.totals.subtotal?.value == Decimal(string: "13045.94"))
        #expect(order.buyer == Party())
    }

    @Test func partiesUnitsAndComputedTotal() throws {
        let text =
            X12ValidationAndAckTests.isa4010 + "GS*PO*S*R*20200101*1200*7*X*004010~ST*850*0001~"
            + "BEG*00*SA*PO-9**20240229~CUR*BY*EUR~N1*BY*Acme GmbH*92*B-1~N1*BT*Acme Billing~N3*Postfach 1~"
            + "N4*Köln**50667*DE~N1*ST*Acme Lager~N2*Tor 3~N3*Heidestraße 17*Halle B~N4*Köln**51147*DE~"
            + "PO1*010*0012*CA*2.50**BP*B-77*UP*012345678905*VP*V-1~PO1**3*BX*1~CTT*2~SE*15*0001~GE*1*7~IEA*1*000000042~"
        let order = try X12PurchaseOrderReader.read(try X12Parser().parse(text).transactions[0])
        #expect(order.currency == .eur)
        #expect(order.attributes?["x12.currencyDefaulted"] == nil)
        #expect(order.orderDate.rawValue == "2024-02-29")
        #expect(order.buyer == Party(id: "B-1", name: "Acme GmbH"))
        #expect(order.billTo?.street == "Postfach 1")
        #expect(
            order.shipTo
                == Address(
                    name: "Acme Lager",
                    company: "Tor 3",
                    street: "Heidestraße 17",
                    street2: "Halle B",
                    city: "Köln",
                    postalCode: "51147",
                    country: .de
                )
        )
        #expect(order.lines[0].lineNumber == "010")
        #expect(order.lines[0].quantity == DecimalAmount(12))
        #expect(order.lines[0].unitOfMeasure.rawValue == "XCS")
        #expect(order.lines[0].buyerSku == "B-77")
        #expect(order.lines[0].gtin == "012345678905")
        #expect(order.lines[0].sku == "V-1")
        #expect(order.lines[1].lineNumber == "2")
        #expect(order.lines[1].unitOfMeasure.rawValue == "XBX")
        #expect(order.totals.grandTotal == DecimalAmount("33.00")!)
    }

    @Test func errors() throws {
        let head = X12ValidationAndAckTests.isa4010 + "GS*PO*S*R*20200101*1200*7*X*004010~ST*850*0001~"
        let tail = "SE*5*0001~GE*1*7~IEA*1*000000042~"
        func read(_ body: String) throws -> CanonicalOrder {
            try X12PurchaseOrderReader.read(try X12Parser().parse(head + body + tail).transactions[0])
        }
        #expect(throws: X12ReadError.missingSegment("N1*ST")) { try read("BEG*00*SA*1**20200101~PO1*1*1*EA*1~") }
        #expect(throws: X12ReadError.lineCountMismatch(stated: 2, found: 1)) {
            try read("BEG*00*SA*1**20200101~N1*ST*X~PO1*1*1*EA*1~CTT*2~")
        }
        #expect(throws: X12ReadError.self) { try read("BEG*00*SA*1**20201301~N1*ST*X~PO1*1*1*EA*1~") }
        #expect(throws: X12ReadError.self) { try read("BEG*00*SA*1**20200101~N1*ST*X~") }
    }

    @Test func numbers() {
        #expect(X12PurchaseOrderReader.normalizedNumber("0008") == "8")
        #expect(X12PurchaseOrderReader.normalizedNumber("-0012.50") == "-12.50")
        #expect(X12PurchaseOrderReader.normalizedNumber(".5") == "0.5")
        #expect(X12PurchaseOrderReader.normalizedNumber("000") == "0")
        #expect(X12PurchaseOrderReader.normalizedNumber("1,5") == nil)
        #expect(X12PurchaseOrderReader.normalizedNumber("") == nil)
        #expect(X12PurchaseOrderReader.unit("EA") == "EA")
        #expect(X12PurchaseOrderReader.unit("ca") == "XCS")
        #expect(X12PurchaseOrderReader.unit("UN") == "UN")
    }
}
