import Foundation
import KontorB2BXML
import KontorMapping
import KontorModel
import Testing

/// Documents generated for an order that came in as a cXML OrderRequest (read by `mappings/cxml-orderrequest`) must
/// reference it the way the buyer's system expects.
@Suite("cXML outbound for an inbound OrderRequest")
struct InboundCXMLTests {
    static let mappingDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mappings/cxml-orderrequest")

    static func inbound() throws -> (order: CanonicalOrder, request: ParsedXML) {
        let mapping = try MappingLoader.load(file: mappingDirectory.appendingPathComponent("mapping.yaml").path)
        let data = try Data(
            contentsOf: mappingDirectory.appendingPathComponent("samples/friendsofcxml_OrderRequest.xml")
        )
        let orders = try mapping.translate(Array(data))
        try #require(orders.count == 1)
        return (orders[0].assigningID(), try ParsedXML(String(decoding: data, as: UTF8.self)))
    }

    @Test("ConfirmationRequest: orderID, payloadID, line numbers, quantities and units of the OrderRequest")
    func confirmation() throws {
        let (order, request) = try Self.inbound()
        let response = OrderResponse(
            responseNumber: "OC-1",
            responseDate: KontorDate("2025-03-04")!,
            order: OrderReference(order, documentId: order.externalIds?["cxmlPayloadId"]),
            status: .changed,
            currency: order.currency,
            lines: [
                .accepted(order.lines[0]),
                .changed(order.lines[1], acceptedQuantity: 15, unitPrice: DecimalAmount("3.40"), reason: "5 left"),
            ]
        )
        let xml = try ParsedXML(
            CXMLWriter(partner: Fixtures.partner).confirmationRequest(response, timestamp: Fixtures.timestamp)
        )
        let inboundHeader = "/cXML/Request/OrderRequest/OrderRequestHeader"
        let reference = "/cXML/Request/ConfirmationRequest/OrderReference"
        #expect(xml.string(reference + "/@orderID") == request.string(inboundHeader + "/@orderID"))
        #expect(xml.string(reference + "/@orderID") == "DO1234")
        #expect(xml.string(reference + "/DocumentReference/@payloadID") == request.string("/cXML/@payloadID"))
        let items = "/cXML/Request/ConfirmationRequest/ConfirmationItem"
        let itemOuts = "/cXML/Request/OrderRequest/ItemOut"
        #expect(xml.strings(items + "/@lineNumber") == request.strings(itemOuts + "/@lineNumber"))
        #expect(
            xml.strings(items + "/@quantity").map { DecimalAmount($0) }
                == request.strings(itemOuts + "/@quantity").map { DecimalAmount($0) }
        )
        // The mapping normalizes units to UN/ECE Rec. 20; the sample's EA is one already, so it comes back unchanged.
        #expect(xml.strings(items + "/UnitOfMeasure") == request.strings(itemOuts + "/ItemDetail/UnitOfMeasure"))
        #expect(xml.string(items + "[2]/ConfirmationStatus[1]/UnitPrice/Money/@currency") == "EUR")
    }

    @Test("ShipNoticeRequest: order reference, supplier part ids and ship-to of the OrderRequest")
    func shipNotice() throws {
        let (order, request) = try Self.inbound()
        let notice = ShipmentNotice(
            shipmentNumber: "SHP-1",
            noticeDate: KontorDate("2025-03-05T10:00:00Z")!,
            order: OrderReference(order, documentId: order.externalIds?["cxmlPayloadId"]),
            shipDate: KontorDate("2025-03-05")!,
            carrier: ShipmentCarrier(name: "UPS", code: "UPSN", trackingNumbers: ["1Z999AA10123456784"]),
            shipTo: order.shipTo,
            lines: order.lines.map { ShipmentLine($0) }
        )
        let xml = try ParsedXML(
            CXMLWriter(partner: Fixtures.partner).shipNoticeRequest(notice, timestamp: Fixtures.timestamp)
        )
        let portion = "/cXML/Request/ShipNoticeRequest/ShipNoticePortion"
        let itemOuts = "/cXML/Request/OrderRequest/ItemOut"
        let shipTo = "/cXML/Request/OrderRequest/OrderRequestHeader/ShipTo/Address"
        let contact = "/cXML/Request/ShipNoticeRequest/ShipNoticeHeader/Contact[@role='shipTo']"
        #expect(
            xml.string(portion + "/OrderReference/@orderID")
                == request.string("/cXML/Request/OrderRequest/OrderRequestHeader/@orderID")
        )
        #expect(
            xml.string(portion + "/OrderReference/DocumentReference/@payloadID") == request.string("/cXML/@payloadID")
        )
        #expect(xml.strings(portion + "/ShipNoticeItem/@lineNumber") == request.strings(itemOuts + "/@lineNumber"))
        #expect(
            xml.strings(portion + "/ShipNoticeItem/ItemID/SupplierPartID")
                == request.strings(itemOuts + "/ItemID/SupplierPartID")
        )
        for element in ["Street", "City", "State", "PostalCode", "Country/@isoCountryCode"] {
            #expect(
                xml.string(contact + "/PostalAddress/" + element)
                    == request.string(shipTo + "/PostalAddress/" + element)
            )
        }
        #expect(xml.string(contact + "/Name") == request.string(shipTo + "/Name"))
    }
}
