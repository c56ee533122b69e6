import Foundation
import KontorModel
import KontorX12
import Testing

@Suite struct X12WriterTests {
    static let envelope = X12EnvelopeSettings(
        senderQualifier: "ZZ",
        senderID: "KONTOR",
        receiverQualifier: "12",
        receiverID: "4405197800",
        interchangeControlNumber: 501,
        groupControlNumber: 61,
        transactionControlNumber: 7,
        date: Date(timeIntervalSince1970: 1_767_225_600)
    )

    func order() throws -> CanonicalOrder {
        var order = try X12PurchaseOrderReader.read(try Fixture.interchange("node-x12_850.edi").transactions[0])
        order.lines[0].gtin = "012345678905"
        order.lines[1].description = "MEDIUM * WIDGET~"  // delimiters inside data
        return order
    }

    func parseClean(_ text: String) throws -> X12Transaction {
        let interchange = try X12Parser().parse(text)
        #expect(X12Validator().validate(interchange).allIssues.isEmpty)
        #expect(interchange.controlNumber == "000000501")
        #expect(interchange.groups[0].controlNumber == "61")
        #expect(interchange.sender.id == "KONTOR")
        #expect(interchange.receiver.qualifier == "12")
        #expect(interchange.transactions.count == 1)
        let transaction = interchange.transactions[0]
        #expect(transaction.controlNumber == "0007")
        #expect(transaction.se?[1] == String(transaction.segments.count))
        return transaction
    }

    @Test func orderAcknowledgementRoundTrip() throws {
        let order = try order()
        let text = X12Writer(envelope: Self.envelope).orderAcknowledgement(
            order,
            date: KontorDate("2026-01-02")!,
            lines: ["2": X12LineAcknowledgement(status: "IR", quantity: 0)]
        )
        let transaction = try parseClean(text)
        #expect(transaction.setIdentifier == "855")
        let bak = try #require(transaction.segments.first { $0.tag == "BAK" })
        #expect(bak.elements == ["00", "AD", "08292233294", "20101127", "", "", "", "", "20260102"])
        let lines = transaction.segments.filter { $0.tag == "PO1" }
        #expect(lines.count == order.lines.count)
        #expect(lines[0].elements == ["1", "120", "EA", "9.25", "", "VN", "AB3542", "UP", "012345678905"])
        let acks = transaction.segments.filter { $0.tag == "ACK" }
        #expect(acks.map { $0[1] } == ["IA", "IR", "IA", "IA", "IA", "IA"])
        #expect(acks[1][2] == "0")
        #expect(transaction.segments.contains { $0.tag == "PID" && $0[5] == "MEDIUM   WIDGET " })
        let n4 = try #require(transaction.segments.first { $0.tag == "N4" })
        #expect(n4.elements == ["SOLON", "OH", "44139", "US"])
        #expect(transaction.segments.last { $0.tag == "CTT" }?[1] == "6")
    }

    @Test func shipNoticeHierarchy() throws {
        let order = try order()
        let notice = X12ShipNotice(
            shipmentID: "SHP-1",
            shipDate: KontorDate("2026-01-03")!,
            carrier: "UPSN",
            trackingNumber: "1Z999",
            billOfLading: "BOL-9",
            shipTo: order.shipTo,
            orders: [X12ShipNotice.Order(order)]
        )
        let transaction = try parseClean(X12Writer(envelope: Self.envelope).shipNotice(notice))
        #expect(transaction.setIdentifier == "856")
        let hls = transaction.segments.filter { $0.tag == "HL" }
        #expect(hls.map { $0[3] } == ["S", "O"] + Array(repeating: "I", count: 6))
        #expect(hls.map { $0[1] } == (1...8).map(String.init))
        #expect(hls[1][2] == "1")
        #expect(hls.dropFirst(2).allSatisfy { $0[2] == "2" })
        #expect(transaction.segments.first { $0.tag == "PRF" }?.elements == ["08292233294", "", "", "20101127"])
        #expect(transaction.segments.first { $0.tag == "REF" && $0[1] == "CN" }?[2] == "1Z999")
        let items = transaction.segments.filter { $0.tag == "SN1" }.map { $0[2] }
        #expect(items == order.lines.map(\.quantity.description))
        let lin = transaction.segments.filter { $0.tag == "LIN" }
        #expect(lin.map { $0[3] } == order.lines.map { $0.sku ?? "" })
        #expect(transaction.segments.last { $0.tag == "CTT" }?[1] == "8")
    }

    @Test func invoiceTotals() throws {
        var order = try order()
        order.totals.shipping = DecimalAmount("6.00")
        let transaction = try parseClean(
            X12Writer(envelope: Self.envelope).invoice(
                for: order,
                invoiceNumber: "INV-1",
                invoiceDate: KontorDate("2026-01-04")!
            )
        )
        #expect(transaction.setIdentifier == "810")
        #expect(
            transaction.segments.first { $0.tag == "BIG" }?.elements == [
                "20260104", "INV-1", "20101127", "08292233294",
            ]
        )
        let it1 = transaction.segments.filter { $0.tag == "IT1" }
        #expect(it1.count == 6)
        #expect(it1[5].elements.prefix(4) == ["6", "696", "EA", "9.55"])
        #expect(transaction.segments.first { $0.tag == "TDS" }?[1] == "1305194")  // 13045.94 + 6.00
        #expect(transaction.segments.first { $0.tag == "SAC" }?[5] == "600")
        #expect(transaction.segments.last { $0.tag == "CTT" }?[1] == "6")
    }

    @Test func writtenOrderReadsBackAs850() throws {
        // The 855's PO1 lines use the 850 layout, so the reader's line mapping applies to them as well.
        let order = try order()
        let text = X12Writer(envelope: Self.envelope).orderAcknowledgement(order, date: KontorDate("2026-01-02")!)
        let transaction = try X12Parser().parse(text).transactions[0]
        var segments = transaction.segments
        segments[0] = X12Segment("ST", ["850", "0007"])
        let bak = try #require(segments.firstIndex { $0.tag == "BAK" })
        segments[bak] = X12Segment("BEG", ["00", "SA", segments[bak][3], "", segments[bak][4]])
        let reread = try X12PurchaseOrderReader.read(X12Transaction(segments: segments, hasTrailer: true))
        #expect(reread.orderNumber == order.orderNumber)
        #expect(reread.lines.map(\.sku) == order.lines.map(\.sku))
        #expect(reread.lines.map(\.quantity) == order.lines.map(\.quantity))
        #expect(reread.lines.map(\.unitPrice) == order.lines.map(\.unitPrice))
        #expect(reread.lines.map(\.gtin) == order.lines.map(\.gtin))
        #expect(reread.shipTo == order.shipTo)
    }
}
