import Foundation
import KontorEDIFACT
import KontorModel
import Testing

@Suite struct EdifactWriterTests {
    let envelope = EdifactEnvelope(
        sender: EdifactPartyIdentification(id: "4098765000002", qualifier: "14"),
        recipient: EdifactPartyIdentification(id: "4012345000009", qualifier: "14"),
        controlReference: "OUT1",
        preparedAt: Date(timeIntervalSince1970: 1_740_824_100)
    )

    func order() throws -> CanonicalOrder {
        let interchange = try EdifactParser.parse(try Fixture.bytes("kontor_D01B_orders.edi"))
        return try EdifactOrderReader.read(interchange.messages[0])
    }

    func readBack(_ text: String, type: String) throws -> (EdifactInterchange, CanonicalOrder) {
        let interchange = try EdifactParser.parse(text)
        #expect(EdifactValidator.validate(interchange) == [])
        #expect(interchange.messages.count == 1)
        #expect(interchange.messages[0].type == type)
        var options = EdifactOrderReader.Options()
        options.messageTypes = [type]
        return (interchange, try EdifactOrderReader(options: options).read(interchange.messages[0]))
    }

    @Test func escaping() {
        let writer = EdifactWriter()
        #expect(writer.escape("a+b:c'd?e") == "a?+b?:c?'d??e")
        #expect(writer.segment("FTX", [["AAI"], [], [], ["x+y", ""], [""]]) == "FTX+AAI+++x?+y'")
    }

    @Test func orderResponseRoundTrip() throws {
        let order = try order()
        let text = EdifactWriter().orderResponse(
            for: order,
            response: EdifactOrderResponse(
                documentNumber: "RSP-1",
                date: KontorDate("2025-03-02")!,
                messageFunction: "4",
                lineActions: ["2": "3"]
            ),
            envelope: envelope
        )
        let (interchange, back) = try readBack(text, type: "ORDRSP")
        #expect(interchange.senderID == "4098765000002")
        #expect(back.orderNumber == order.orderNumber)
        #expect(back.attributes?["edifact.documentNumber"] == "RSP-1")
        #expect(back.lines == order.lines)
        #expect(back.shipTo == order.shipTo)
        #expect(back.billTo == order.billTo)
        #expect(back.buyer.id == order.buyer.id)
        #expect(back.buyer.vatId == order.buyer.vatId)
        #expect(back.totals.grandTotal == order.totals.grandTotal)
        #expect(back.totals.subtotal == order.totals.subtotal)
        let message = interchange.messages[0]
        #expect(message.segments("BGM").first?.value(3) == "4")
        #expect(message.segments("LIN").map { $0.value(2) } == ["5", "3", "5"])
        #expect(message.segments("CNT").first?.value(1, 2) == "3")
    }

    @Test func despatchAdviceRoundTrip() throws {
        let order = try order()
        let text = EdifactWriter(lineBreaks: true).despatchAdvice(
            for: order,
            advice: EdifactDespatchAdvice(
                documentNumber: "DES'1",
                date: KontorDate("2025-03-05")!,
                despatchDate: KontorDate("2025-03-05")!,
                trackingNumber: "1Z999",
                shippedQuantities: ["1": 600]
            ),
            envelope: envelope
        )
        let (interchange, back) = try readBack(text, type: "DESADV")
        #expect(back.attributes?["edifact.documentNumber"] == "DES'1")
        #expect(back.lines.map(\.quantity) == [600, 50, 2])
        #expect(back.lines.map(\.gtin) == order.lines.map(\.gtin))
        #expect(back.lines.map(\.sku) == order.lines.map(\.sku))
        #expect(back.lines.map(\.buyerSku) == order.lines.map(\.buyerSku))
        let message = interchange.messages[0]
        #expect(message.segments("RFF").contains { $0.value(1) == "CN" && $0.value(1, 2) == "1Z999" })
        #expect(message.segments("DTM").contains { $0.value(1) == "11" })
    }

    @Test func invoiceRoundTrip() throws {
        let order = try order()
        let text = EdifactWriter().invoice(
            for: order,
            invoice: EdifactInvoice(
                documentNumber: "INV-9",
                date: KontorDate("2025-03-06")!,
                dueDate: KontorDate("2025-04-05")
            ),
            envelope: envelope
        )
        let (interchange, back) = try readBack(text, type: "INVOIC")
        #expect(back.lines == order.lines)
        #expect(back.totals.grandTotal == order.totals.grandTotal)
        #expect(back.totals.tax == order.totals.tax)
        #expect(back.currency == order.currency)
        #expect(interchange.messages[0].segments("MOA").contains { $0.value(1) == "77" })
        #expect(interchange.messages[0].trailer?.value(1) == String(interchange.messages[0].segments.count))
    }
}
