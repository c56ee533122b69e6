import Foundation
import KontorEDIFACT
import KontorMapping
import KontorModel
import KontorX12
import Testing

/// A small X12 mapping over `fields` (order level, YAML indented by two spaces) with PO1 lines.
private func x12Mapping(fields: String = "", lines: String = "") throws(MappingError) -> Mapping {
    try TestSupport.load(
        """
        format: x12
        description: test
        channel: edi-x12
        fields:
          orderNumber: BEG03
          orderDate: {from: BEG05, transform: {date: yyyyMMdd}}
          currency: {from: CUR02, default: USD}
          buyer.name: "N1[N101=BY].N102"
          shipTo.country: {value: US}
          totals.grandTotal: {computed: linesTotal}
        \(fields)
        lines:
          each: "PO1[*]"
          fields:
            quantity: PO102
            unitPrice: PO104
            sku: PO1.after(VP)
        \(lines)
        """
    )
}

/// Two lines; line 1 has a PID and a line-level ship-to, line 2 has neither. Separators `|`, `^`, `\n`.
private let x12Document = """
    ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |250301|1200|^|00501|000000001|0|P|:
    GS|PO|SENDER|RECEIVER|20250301|1200|1|X|005010
    ST|850|0001
    BEG|00|SA|PO-1||20250301
    REF|DP|038
    N1|BY|Buyer Inc|92|B-1
    N1|ST|Header Ship-To|92|S-1
    N3|1 Main Street|Suite 5
    N4|Springfield|IL|62701|US
    REF|DP|PARTY-REF
    PO1|1|2|EA|10.50||BP|B-100|VP|V-100
    PID|F||||Red widget
    N1|ST|Line Ship-To
    N3|9 Side Road
    PO1|2|3|EA|1.25||VP|V-200|UP|012345678905
    CTT|2
    SE|15|0001
    GE|1|1
    IEA|1|000000001

    """

@Suite("X12 and EDIFACT segment selectors")
struct SegmentMappingTests {
    @Test("Qualifier filters, groups, after(...) and relative line selectors")
    func x12Selectors() throws {
        let mapping = try x12Mapping(
            fields: """
                  attributes.dept: "REF[REF01=DP].REF02"
                  attributes.shipToName: "N1[N101=ST].N102"
                  attributes.shipToStreet2: "N1[N101=ST]/N3.N302"
                  attributes.anyShipTo: {from: "//N1[N101=ST].N102", transform: {join: ";"}}
                  attributes.secondLineSku: "PO1[2].PO107"
                  attributes.lineCount: {from: "PO1[*].PO101", transform: {join: ","}}
                """,
            lines: """
                    buyerSku: PO1.after(BP)
                    gtin: PO1.after(UP|EN)
                    description: "PID[PID01=F].PID05"
                """
        )
        let order = try #require(try mapping.translate(Array(x12Document.utf8)).first)
        #expect(order.orderNumber == "PO-1")
        #expect(order.orderDate.rawValue == "2025-03-01")
        #expect(order.buyer.name == "Buyer Inc")
        // The REF inside the N1 loop belongs to the party, not to the header.
        #expect(order.attributes?["dept"] == "038")
        // Without `//` only the header's own segments are searched; with it, every depth.
        #expect(order.attributes?["shipToName"] == "Header Ship-To")
        #expect(order.attributes?["shipToStreet2"] == "Suite 5")
        #expect(order.attributes?["anyShipTo"] == "Header Ship-To;Line Ship-To")
        #expect(order.attributes?["secondLineSku"] == "V-200")
        #expect(order.attributes?["lineCount"] == "1,2")
        #expect(order.lines.map(\.sku) == ["V-100", "V-200"])
        #expect(order.lines.map(\.buyerSku) == ["B-100", nil])
        #expect(order.lines.map(\.gtin) == [nil, "012345678905"])
        // PID of line 1 does not leak into line 2.
        #expect(order.lines.map(\.description) == ["Red widget", nil])
        #expect(order.totals.grandTotal == DecimalAmount("24.75"))
    }

    @Test("Root-anchored selectors reach the header from inside a line")
    func rootAnchor() throws {
        let mapping = try x12Mapping(lines: "    lineNumber: {from: \"/REF[REF01=DP].REF02\"}")
        let order = try #require(try mapping.translate(Array(x12Document.utf8)).first)
        #expect(order.lines.map(\.lineNumber) == ["038", "038"])
    }

    @Test("A missing or invalid value names the segment, element and canonical field")
    func unmappablePaths() throws {
        let mapping = try x12Mapping()
        let noNumber = x12Document.replacingOccurrences(of: "BEG|00|SA|PO-1|", with: "BEG|00|SA||")
        let missing = try #require(TestSupport.translateError(mapping, noNumber))
        #expect(missing.kind == .unmappable)
        #expect(missing.field == "BEG03 in ST..SE")
        #expect(missing.canonicalField == "orderNumber")
        let badPrice = x12Document.replacingOccurrences(of: "|1.25|", with: "|1,25|")
        let invalid = try #require(TestSupport.translateError(mapping, badPrice))
        #expect(invalid.field == "PO104 at segment 13")
        #expect(invalid.canonicalField == "lines[1].unitPrice")
        #expect(invalid.message.contains("not a decimal"))
        let garbage = try #require(TestSupport.translateError(mapping, "not X12"))
        #expect(garbage.kind == .malformedInput)
    }

    @Test("One result per transaction set; a bad one does not hide the others")
    func interchangeResults() throws {
        let mapping = try x12Mapping()
        let second = """
            ST|850|0002
            BEG|00|SA|PO-2||20251399
            PO1|1|1|EA|1||VP|X
            SE|4|0002
            """
        let document = x12Document.replacingOccurrences(of: "GE|1|1", with: second + "\nGE|2|1")
        let results = try mapping.translateInterchange(Array(document.utf8))
        #expect(results.count == 2)
        #expect(try results[0].get().orderNumber == "PO-1")
        #expect(throws: MappingError.self) { try results[1].get() }
        // Callers that parsed the interchange themselves pass the transaction.
        let transaction = try X12Parser().parse(Array(x12Document.utf8)).transactions[0]
        #expect(try mapping.translate(transaction).orderNumber == "PO-1")
    }

    @Test("EDIFACT: composite components, component ranges, qualified(...) and LIN groups")
    func edifactSelectors() throws {
        let mapping = try TestSupport.load(
            """
            format: edifact
            description: test
            channel: edi-edifact
            fields:
              orderNumber: BGM02
              orderDate: {from: "DTM[DTM01.1=137].DTM01.2", transform: {date: yyyyMMdd}}
              currency: "CUX[CUX01.1=2].CUX01.2"
              buyer.name: {from: "NAD[NAD01=BY].NAD04", transform: {join: " "}}
              shipTo.country: "NAD[NAD01=BY].NAD09"
              shipTo.street2: {from: "NAD[NAD01=BY].NAD05.2-3", transform: {join: ", "}}
              buyer.vatId: "NAD[NAD01=BY]/RFF[RFF01.1=VA].RFF01.2"
              totals.grandTotal: "MOA[MOA01.1=86].MOA01.2"
            lines:
              each: "LIN[*]"
              fields:
                gtin: "LIN[LIN03.2=EN].LIN03.1"
                sku: PIA.qualified(SA)
                quantity: "QTY[QTY01.1=21].QTY01.2"
                unitPrice: "PRI[PRI01.1=AAA].PRI01.2"
            """
        )
        let document = """
            UNA:+.? 'UNB+UNOC:3+S+R+250301:1200+1'UNH+1+ORDERS:D:01B:UN'BGM+220+PO?+7+9'\
            DTM+137:20250301:102'NAD+BY+++Kontor:Handel+Street 1:Building B:Floor 2+City++12345+DE'RFF+VA:DE1'\
            CUX+2:EUR:9'LIN+1++4006381333931:EN'PIA+1+A-1:SA'QTY+21:5'PRI+AAA:2.50'\
            LIN+2'PIA+1+B-2:IN+A-2:SA'QTY+21:1'PRI+AAA:1'UNS+S'MOA+86:13.50'UNT+15+1'UNZ+1+1'
            """
        let order = try #require(try mapping.translate(Array(document.utf8)).first)
        #expect(order.orderNumber == "PO+7")
        #expect(order.buyer.name == "Kontor Handel")
        #expect(order.buyer.vatId == "DE1")
        #expect(order.shipTo.street2 == "Building B, Floor 2")
        #expect(order.lines.map(\.gtin) == ["4006381333931", nil])
        #expect(order.lines.map(\.sku) == ["A-1", "A-2"])
        #expect(order.totals.grandTotal == DecimalAmount("13.50"))
        let message = try EdifactParser.parse(Array(document.utf8)).messages[0]
        #expect(try mapping.translate(message).orderNumber == "PO+7")
    }
}

@Suite("Segment selector load errors name the file and line")
struct SegmentLoaderErrorTests {
    private func yaml(_ replacement: String) -> String {
        """
        format: x12
        description: test
        channel: edi-x12
        fields:
          orderNumber: BEG03
          orderDate: BEG05
          currency: CUR02
          buyer.name: "N1[N101=BY].N102"
          shipTo.country: "N1[N101=ST]/N4.N404"
          totals.grandTotal: "AMT[AMT01=TT].AMT02"
        lines:
          each: "PO1[*]"
          fields:
            quantity: PO102
            unitPrice: PO104
            sku: \(replacement)
        """
    }

    @Test(
        "Bad selectors are refused at load",
        arguments: [
            ("\"N1[N101=ST].N302\"", "element N302 does not belong to segment N1"),
            ("\"PO1[PO101]\"", "expected '=' or '!='"),
            ("\"PO1[0].PO107\"", "positions count from 1"),
            ("PO1.after()", "needs at least one code"),
            ("PID.after(VP)", "not a known qualifier/id pair segment"),
            ("\"PO1[*].PO107 x\"", "unexpected"),
            ("po107", "neither a segment tag"),
            ("\"PO1[N101=ST].PO107\"", "does not belong to PO1"),
        ]
    )
    func badSelector(selector: String, message: String) throws {
        let text = yaml(selector)
        let error = try #require(TestSupport.loadError(text))
        #expect(error.kind == .invalidMapping)
        #expect(error.line == line(of: "sku:", in: text), "\(error)")
        #expect(error.message.contains("bad segment selector"), "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("each: must select segments, orders: is refused, computed: only at order level")
    func structuralErrors() throws {
        let each = yaml("PO107").replacingOccurrences(of: "each: \"PO1[*]\"", with: "each: PO1.PO101")
        let eachError = try #require(TestSupport.loadError(each))
        #expect(eachError.line == line(of: "each:", in: each))
        #expect(eachError.message.contains("each: must select segments"))
        let orders = yaml("PO107").replacingOccurrences(
            of: "fields:\n  orderNumber",
            with: "orders: ST\nfields:\n  orderNumber"
        )
        let ordersError = try #require(TestSupport.loadError(orders))
        #expect(ordersError.line == line(of: "orders:", in: orders))
        let computed = yaml("PO107").replacingOccurrences(
            of: "unitPrice: PO104",
            with: "unitPrice: {computed: linesTotal}"
        )
        let computedError = try #require(TestSupport.loadError(computed))
        #expect(computedError.line == line(of: "computed:", in: computed))
        #expect(computedError.message.contains("order-level"))
    }
}
