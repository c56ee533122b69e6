import Foundation
import KontorMapping
import KontorModel
import Testing

@Suite("XML mappings (XPath 1.0, libxml2)")
struct XMLTests {
    static let yaml = """
        format: xml
        description: Test orders in XML
        channel: xml-test
        namespaces:
          o: urn:example:orders
          c: urn:example:common
        orders: /o:Orders/o:Order
        fields:
          orderNumber: "@number"
          orderDate:
            from: o:Date
            transform:
              - date: {format: dd.MM.yyyy}
          currency: string(/o:Orders/@currency)
          buyer.id: o:Buyer/c:Id
          buyer.name:
            from: o:Buyer/c:Name
            transform: [trim]
          shipTo.country:
            from: o:ShipTo/c:Country
            transform:
              - lookup: country-name-to-iso
          shipTo.city: o:ShipTo/c:City
          totals.grandTotal: o:Total
          attributes.lineCount: count(o:Line)
        lines:
          each: o:Line
          when: {field: "@cancelled", notEquals: "true"}
          fields:
            lineNumber: "@no"
            sku: c:Sku
            gtin: c:Gtin
            description: c:Text
            quantity: o:Qty
            unitOfMeasure:
              from: o:Qty/@unit
              transform:
                - lookup: unit-to-rec20
            unitPrice: o:Price
        """

    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <o:Orders xmlns:o="urn:example:orders" xmlns:c="urn:example:common" currency="EUR">
          <o:Order number="X-1">
            <o:Date>03.02.2025</o:Date>
            <o:Buyer><c:Id>B-7</c:Id><c:Name>
               Bäckerei Groß &amp; Co.
            </c:Name></o:Buyer>
            <o:ShipTo><c:City>Zürich</c:City><c:Country>Schweiz</c:Country></o:ShipTo>
            <o:Line no="1"><c:Sku>S-1</c:Sku><c:Text><![CDATA[Mehl <Type 550>]]></c:Text>
              <o:Qty unit="Stück">3</o:Qty><o:Price>2.40</o:Price></o:Line>
            <o:Line no="2" cancelled="true"><c:Sku>S-2</c:Sku><o:Qty>1</o:Qty><o:Price>1</o:Price></o:Line>
            <o:Line no="3"><c:Gtin>4006381333931</c:Gtin><o:Qty unit="KGM">1.5</o:Qty><o:Price>10.00</o:Price></o:Line>
            <o:Total>22.20</o:Total>
          </o:Order>
          <o:Order number="X-2">
            <o:Date>04.02.2025</o:Date>
            <o:Buyer><c:Id>B-8</c:Id></o:Buyer>
            <o:ShipTo><c:Country>AT</c:Country></o:ShipTo>
            <o:Line no="1"><c:Sku>S-9</c:Sku><o:Qty>1</o:Qty><o:Price>5</o:Price></o:Line>
            <o:Total>5</o:Total>
          </o:Order>
        </o:Orders>
        """

    @Test("Namespaces, attributes, relative XPath, CDATA, entities, string() and count()")
    func translatesOrders() throws {
        let mapping = try TestSupport.load(Self.yaml)
        #expect(mapping.sourceFormat == .xml)
        let orders = try TestSupport.translate(mapping, Self.document)
        #expect(orders.count == 2)
        let first = orders[0]
        #expect(first.orderNumber == "X-1")
        #expect(first.orderDate.rawValue == "2025-02-03")
        #expect(first.currency.rawValue == "EUR")
        #expect(first.buyer.name == "Bäckerei Groß & Co.")
        #expect(first.shipTo.country.rawValue == "CH")
        #expect(first.shipTo.city == "Zürich")
        #expect(first.attributes?["lineCount"] == "3")
        #expect(first.lines.map(\.lineNumber) == ["1", "3"])
        #expect(first.lines[0].description == "Mehl <Type 550>")
        #expect(first.lines[0].unitOfMeasure.rawValue == "H87")
        #expect(first.lines[1].gtin == "4006381333931")
        #expect(first.lines[1].quantity.description == "1.5")
        #expect(orders[1].buyer.id == "B-8")
        #expect(orders[1].shipTo.country.rawValue == "AT")
    }

    @Test("A missing XML value is reported with the node path")
    func missingValue() throws {
        let mapping = try TestSupport.load(Self.yaml)
        let broken = Self.document.replacingOccurrences(of: "<o:Total>5</o:Total>", with: "")
        let error = try #require(TestSupport.translateError(mapping, broken))
        #expect(error.kind == .unmappable)
        #expect(error.canonicalField == "totals.grandTotal")
        #expect(error.field == "/o:Orders/o:Order[2]/o:Total")
    }

    @Test("Not well-formed XML is malformed input")
    func malformed() throws {
        let mapping = try TestSupport.load(Self.yaml)
        for text in ["", "<a>", "<a></b>", "not xml at all", "<a x='1' x='2'/>"] {
            let error = try #require(TestSupport.translateError(mapping, text), "\(text)")
            #expect(error.kind == .malformedInput, "\(text)")
        }
        #expect(TestSupport.translateError(mapping, "<a>")?.message.contains("line 1") == true)
    }

    @Test("An external entity (XXE) is refused and the file is never read")
    func externalEntityRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret.txt")
        try "TOP-SECRET".write(to: secret, atomically: true, encoding: .utf8)
        let mapping = try TestSupport.load(Self.yaml)
        for document in [
            """
            <?xml version="1.0"?>
            <!DOCTYPE o:Orders [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
            <o:Orders xmlns:o="urn:example:orders" currency="EUR"><o:Order number="&xxe;"/></o:Orders>
            """,
            """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY % p SYSTEM "file://\(secret.path)"> %p;]>
            <r/>
            """,
        ] {
            let error = try #require(TestSupport.translateError(mapping, document))
            #expect(error.kind == .malformedInput)
            #expect(error.message.contains("entities are refused"))
            #expect(!error.description.contains("TOP-SECRET"))
        }
    }

    @Test("A billion-laughs document is refused")
    func billionLaughsRefused() throws {
        var declarations = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [\(declarations)]>
            <o:Orders xmlns:o="urn:example:orders" currency="EUR"><o:Order number="&lol9;"/></o:Orders>
            """
        let mapping = try TestSupport.load(Self.yaml)
        let error = try #require(TestSupport.translateError(mapping, document))
        #expect(error.kind == .malformedInput)
        #expect(error.message.contains("entities are refused"))
    }

    @Test("A DOCTYPE that only names an external DTD is read without loading it")
    func externalDTDNotLoaded() throws {
        let mapping = try TestSupport.load(Self.yaml)
        let document = Self.document.replacingOccurrences(
            of: #"<?xml version="1.0" encoding="UTF-8"?>"#,
            with: #"<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE o:Orders SYSTEM "http://127.0.0.1:9/orders.dtd">"#
        )
        #expect(try TestSupport.translate(mapping, document).count == 2)
    }

    @Test("An ISO-8859-1 document is decoded by its XML declaration")
    func latin1() throws {
        let mapping = try TestSupport.load(Self.yaml)
        let text = Self.document.replacingOccurrences(of: "UTF-8", with: "ISO-8859-1")
            .replacingOccurrences(of: "Stück", with: "Stueck").replacingOccurrences(
                of: "unit=\"Stueck\"",
                with: "unit=\"PCE\""
            )
        let bytes = try #require(text.data(using: .isoLatin1))
        #expect(bytes.contains(0xFC))
        let orders = try mapping.translate([UInt8](bytes))
        #expect(orders[0].shipTo.city == "Zürich")
        #expect(orders[0].buyer.name == "Bäckerei Groß & Co.")
    }

    @Test("Entities in a UTF-16 document (which the byte scan cannot read) are refused too")
    func utf16EntitiesRefused() throws {
        let mapping = try TestSupport.load(Self.yaml)
        let document = """
            <?xml version="1.0" encoding="UTF-16"?>
            <!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <o:Orders xmlns:o="urn:example:orders" currency="EUR"><o:Order number="&b;"/></o:Orders>
            """
        let bytes: [UInt8] = [0xFF, 0xFE] + document.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect {
            try mapping.translate(bytes)
        } throws: { error in
            (error as? MappingError)?.message.contains("entities are refused") == true
        }
    }
}

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("One Mapping translates on many tasks at once (XML and JSON)")
    func concurrentTranslations() async throws {
        let xml = try TestSupport.load(XMLTests.yaml)
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let shopify = try #require(catalog.mapping(named: "shopify"))
        let sample = try [UInt8](
            Data(
                contentsOf: TestSupport.repositoryRoot.appendingPathComponent(
                    "mappings/shopify/samples/orders-create-paid.json"
                )
            )
        )
        let document = Array(XMLTests.document.utf8)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask {
                    index.isMultiple(of: 2) ? try xml.translate(document).count : try shopify.translate(sample).count
                }
            }
            var counts: [Int] = []
            for try await count in group { counts.append(count) }
            return counts
        }
        #expect(counts.filter { $0 == 2 }.count == 32)
        #expect(counts.filter { $0 == 1 }.count == 32)
    }
}
