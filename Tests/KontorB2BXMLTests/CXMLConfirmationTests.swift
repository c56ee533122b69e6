import KontorB2BXML
import KontorModel
import Testing

@Suite("cXML ConfirmationRequest")
struct CXMLConfirmationTests {
    let writer = CXMLWriter(partner: Fixtures.partner)

    func generate(_ response: OrderResponse) throws -> ParsedXML {
        try ParsedXML(
            writer.confirmationRequest(response, payloadID: "conf-1@kontor.example", timestamp: Fixtures.timestamp)
        )
    }

    /// What cXML carries of a response: it names lines by number only (no item ids or descriptions), has no parties
    /// (the envelope credentials identify them) and references the order by the buyer's PO number.
    static func carried(_ response: OrderResponse) -> OrderResponse {
        var expected = response
        expected.seller = nil
        expected.buyer = nil
        // cXML states a currency only on Money, which only changed prices carry.
        if !response.lines.contains(where: { $0.changedUnitPrice != nil && $0.status != .rejected })
            || response.status == .rejected
        {
            expected.currency = nil
        }
        expected.order = OrderReference(
            orderNumber: response.order.buyerOrderNumber,
            orderDate: response.order.orderDate,
            documentId: response.order.documentId
        )
        expected.lines = response.lines.map { line in
            var line = line
            (line.sku, line.buyerSku, line.gtin, line.description) = (nil, nil, nil, nil)
            return line
        }
        return expected
    }

    @Test("A changed order parses back to the same response")
    func changedRoundTrip() throws {
        let xml = try generate(Fixtures.changedResponse)
        #expect(ReadBack.confirmation(xml) == Self.carried(Fixtures.changedResponse))
        #expect(xml.string("/cXML/Request/ConfirmationRequest/ConfirmationHeader/@type") == "detail")
    }

    @Test("Statuses of each item add up to the ordered quantity, in the DTD's element order")
    func statusStructure() throws {
        let xml = try generate(Fixtures.changedResponse)
        let items = "/cXML/Request/ConfirmationRequest/ConfirmationItem"
        #expect(
            xml.childNames("/cXML/Request/ConfirmationRequest") == ["ConfirmationHeader", "OrderReference"]
                + Array(repeating: "ConfirmationItem", count: 3)
        )
        #expect(xml.strings(items + "[2]/ConfirmationStatus/@type") == ["detail", "reject"])
        #expect(xml.strings(items + "[2]/ConfirmationStatus/@quantity") == ["6", "14.5"])
        #expect(xml.childNames(items + "[2]/ConfirmationStatus[1]") == ["UnitOfMeasure", "UnitPrice"])
        #expect(xml.childNames(items + "[2]/ConfirmationStatus[2]") == ["UnitOfMeasure", "Comments"])
        #expect(xml.string(items + "[2]/ConfirmationStatus[1]/@deliveryDate") == "2025-03-20T00:00:00+00:00")
        for index in 1...3 {
            let ordered = DecimalAmount(xml.string(items + "[\(index)]/@quantity"))!
            let parts = xml.strings(items + "[\(index)]/ConfirmationStatus/@quantity").map { DecimalAmount($0)! }
            #expect(parts.reduce(.zero, +) == ordered, "item \(index)")
        }
    }

    @Test("The envelope carries payload id, timestamp, credentials, shared secret and deployment mode")
    func envelope() throws {
        let text = try writer.confirmationRequest(
            Fixtures.changedResponse,
            payloadID: "conf-1@kontor.example",
            timestamp: Fixtures.timestamp
        )
        #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"))
        #expect(text.contains(#"<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.050/Fulfill.dtd">"#))
        let xml = try ParsedXML(text)
        #expect(xml.string("/cXML/@payloadID") == "conf-1@kontor.example")
        #expect(xml.string("/cXML/@timestamp") == "2025-03-04T08:15:30+00:00")
        #expect(xml.string("/cXML/Header/From/Credential/@domain") == "NetworkID")
        #expect(xml.string("/cXML/Header/From/Credential/Identity") == "AN-SUPPLIER-1")
        #expect(xml.string("/cXML/Header/To/Credential/@domain") == "DUNS")
        #expect(xml.string("/cXML/Header/To/Credential/Identity") == "123456789")
        #expect(xml.string("/cXML/Header/Sender/Credential/Identity") == "AN-SUPPLIER-1")
        #expect(xml.string("/cXML/Header/Sender/Credential/SharedSecret") == "s3cr3t&<\"")
        #expect(xml.count("/cXML/Header/From/Credential/SharedSecret") == 0)
        #expect(xml.string("/cXML/Header/Sender/UserAgent") == "Kontor 1.0")
        #expect(xml.string("/cXML/Request/@deploymentMode") == "test")
    }

    @Test("Without a payload id one is generated from the time and the configured domain")
    func generatedPayloadID() throws {
        let first = try ParsedXML(writer.confirmationRequest(Fixtures.changedResponse, timestamp: Fixtures.timestamp))
        let second = try ParsedXML(writer.confirmationRequest(Fixtures.changedResponse, timestamp: Fixtures.timestamp))
        let id = first.string("/cXML/@payloadID")
        #expect(id.hasPrefix("\(Fixtures.timestamp.microsecondsSinceEpoch)."))
        #expect(id.hasSuffix("@kontor.example"))
        #expect(id != second.string("/cXML/@payloadID"))
    }

    @Test("An accepted order is type accept with one accept status per line")
    func accepted() throws {
        var response = Fixtures.changedResponse
        response.status = .accepted
        response.reason = nil
        response.lines = [response.lines[0]]
        let xml = try generate(response)
        #expect(ReadBack.confirmation(xml) == Self.carried(response))
        #expect(xml.string("/cXML/Request/ConfirmationRequest/ConfirmationHeader/@type") == "accept")
        #expect(xml.strings("//ConfirmationStatus/@type") == ["accept"])
    }

    @Test("A rejected order is type reject, without items, with the reason in the header")
    func rejected() throws {
        var response = Fixtures.changedResponse
        response.status = .rejected
        response.reason = "Customer account blocked"
        response.lines = [response.lines[2]]
        let xml = try generate(response)
        var expected = Self.carried(response)
        expected.lines = []  // The DTD forbids ConfirmationItem in a type="reject" confirmation.
        #expect(ReadBack.confirmation(xml) == expected)
        #expect(xml.count("//ConfirmationItem") == 0)
        #expect(
            xml.string("/cXML/Request/ConfirmationRequest/ConfirmationHeader/Comments") == "Customer account blocked"
        )
    }

    @Test("The partner configuration's description leaves out the shared secret")
    func secretNotDescribed() {
        #expect(!Fixtures.partner.description.contains("s3cr3t"))
        #expect(Fixtures.partner.description.contains("shared secret set"))
    }

    @Test(
        "Bad responses are refused with the field named",
        arguments: [
            (
                "lines[0].lineNumber", B2BXMLError.Kind.invalidValue,
                { @Sendable (response: inout OrderResponse) in response.lines[0].lineNumber = "A-1" }
            ),
            ("order.documentId", .missingField, { $0.order.documentId = nil }),
            ("currency", .missingField, { $0.currency = nil }),
            ("lines[0].acceptedQuantity", .invalidValue, { $0.lines[0].acceptedQuantity = 9 }),
            ("lines[1].acceptedQuantity", .invalidValue, { $0.lines[1].acceptedQuantity = 21 }),
            ("lines[0].status", .invalidValue, { $0.lines[0].changedUnitPrice = 1 }),
            ("status", .invalidValue, { $0.status = .accepted }),
            ("responseNumber", .missingField, { $0.responseNumber = " " }),
        ] as [(String, B2BXMLError.Kind, @Sendable (inout OrderResponse) -> Void)]
    )
    func refusesBadResponses(location: String, kind: B2BXMLError.Kind, change: @Sendable (inout OrderResponse) -> Void)
        throws
    {
        var response = Fixtures.changedResponse
        change(&response)
        let error = #expect(throws: B2BXMLError.self) {
            try writer.confirmationRequest(response, payloadID: "x", timestamp: Fixtures.timestamp)
        }
        #expect(error?.location == location)
        #expect(error?.kind == kind)
    }

    @Test("A control character in a reason is refused with the XPath of the element")
    func controlCharacter() {
        var response = Fixtures.changedResponse
        response.lines[1].reason = "back\u{1}ordered"
        let error = #expect(throws: B2BXMLError.self) {
            try writer.confirmationRequest(response, payloadID: "x", timestamp: Fixtures.timestamp)
        }
        #expect(error?.kind == .invalidCharacter)
        #expect(
            error?.location == "/cXML/Request/ConfirmationRequest/ConfirmationItem[2]/ConfirmationStatus[2]/Comments"
        )
        #expect(error?.message.hasPrefix("U+0001") == true)
    }
}
