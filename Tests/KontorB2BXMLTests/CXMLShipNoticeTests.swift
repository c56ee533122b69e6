import KontorB2BXML
import KontorModel
import Testing

@Suite("cXML ShipNoticeRequest")
struct CXMLShipNoticeTests {
    let writer = CXMLWriter(partner: Fixtures.partner)

    func generate(_ notice: ShipmentNotice) throws -> ParsedXML {
        try ParsedXML(
            writer.shipNoticeRequest(notice, payloadID: "asn-1@kontor.example", timestamp: Fixtures.timestamp)
        )
    }

    /// What cXML carries of a ship notice: no GTINs (ItemID has supplier and buyer part ids only), no phone numbers
    /// (cXML splits them into parts), and the order by the buyer's PO number.
    static func carried(_ notice: ShipmentNotice) -> ShipmentNotice {
        var expected = notice
        expected.order = OrderReference(
            orderNumber: notice.order.buyerOrderNumber,
            orderDate: notice.order.orderDate,
            documentId: notice.order.documentId
        )
        expected.shipFrom?.phone = nil
        expected.shipTo.phone = nil
        expected.lines = notice.lines.map { line in
            var line = line
            line.gtin = nil
            return line
        }
        return expected
    }

    @Test("A ship notice parses back to the same shipment")
    func roundTrip() throws {
        let xml = try generate(Fixtures.shipment)
        #expect(ReadBack.shipNotice(xml) == Self.carried(Fixtures.shipment))
    }

    @Test("Elements follow the Fulfill DTD's order")
    func structure() throws {
        let xml = try generate(Fixtures.shipment)
        let request = "/cXML/Request/ShipNoticeRequest"
        #expect(xml.childNames(request) == ["ShipNoticeHeader", "ShipControl", "ShipNoticePortion"])
        #expect(xml.childNames(request + "/ShipNoticeHeader") == ["ServiceLevel", "Contact", "Contact"])
        #expect(
            xml.childNames(request + "/ShipControl")
                == ["CarrierIdentifier", "CarrierIdentifier", "ShipmentIdentifier", "ShipmentIdentifier"]
        )
        #expect(
            xml.childNames(request + "/ShipNoticePortion/ShipNoticeItem[1]")
                == ["ItemID", "ShipNoticeItemDetail", "UnitOfMeasure", "Packaging", "Packaging"]
        )
        #expect(
            xml.childNames(request + "/ShipNoticePortion/ShipNoticeItem[1]/Packaging[1]") == [
                "Dimension", "ShippingContainerSerialCode",
            ]
        )
        #expect(xml.strings(request + "/ShipNoticePortion/ShipNoticeItem/@shipNoticeLineNumber") == ["1", "2"])
        #expect(xml.string(request + "/ShipNoticeHeader/@shipmentDate") == "2025-03-05T00:00:00+00:00")
        #expect(xml.string(request + "/ShipNoticeHeader/Contact[@role='shipFrom']/Name/@xml:lang") == "en")
    }

    @Test("Without carrier, ship-from and packages the optional parts are left out")
    func minimal() throws {
        var notice = Fixtures.shipment
        notice.carrier = nil
        notice.shipFrom = nil
        notice.expectedDeliveryDate = nil
        notice.packages = []
        notice.lines = [ShipmentLine(lineNumber: "7", quantity: 1)]
        let xml = try generate(notice)
        #expect(ReadBack.shipNotice(xml) == Self.carried(notice))
        #expect(xml.count("//ShipControl") == 0)
        #expect(xml.count("//ServiceLevel") == 0)
    }

    @Test(
        "Bad ship notices are refused with the field named",
        arguments: [
            (
                "packages[1]", B2BXMLError.Kind.invalidValue,
                { @Sendable (notice: inout ShipmentNotice) in notice.lines[0].packageIds = ["340123450000000018"] }
            ),
            ("lines[0].packageIds[0]", .invalidValue, { $0.lines[0].packageIds = ["unknown"] }),
            ("carrier.trackingNumbers", .missingField, { $0.carrier?.trackingNumbers = [] }),
            ("shipTo.street", .missingField, { $0.shipTo.street = nil }),
            ("shipFrom.city", .missingField, { $0.shipFrom?.city = "  " }),
            ("lines[1].sku", .missingField, { $0.lines[1].buyerSku = "B-2" }),
            ("lines[1].lineNumber", .invalidValue, { $0.lines[1].lineNumber = "2a" }),
            ("lines[1].quantity", .invalidValue, { $0.lines[1].quantity = 0 }),
            ("order.documentId", .missingField, { $0.order.documentId = "" }),
        ] as [(String, B2BXMLError.Kind, @Sendable (inout ShipmentNotice) -> Void)]
    )
    func refusesBadNotices(location: String, kind: B2BXMLError.Kind, change: @Sendable (inout ShipmentNotice) -> Void)
        throws
    {
        var notice = Fixtures.shipment
        change(&notice)
        let error = #expect(throws: B2BXMLError.self) {
            try writer.shipNoticeRequest(notice, payloadID: "x", timestamp: Fixtures.timestamp)
        }
        #expect(error?.location == location)
        #expect(error?.kind == kind)
    }
}
