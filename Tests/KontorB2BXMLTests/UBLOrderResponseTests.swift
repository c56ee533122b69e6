import KontorB2BXML
import KontorModel
import Testing

@Suite("UBL 2.1 OrderResponse")
struct UBLOrderResponseTests {
    static let namespaces = [
        "r": UBLWriter.orderResponseNamespace, "cac": UBLWriter.aggregateNamespace, "cbc": UBLWriter.basicNamespace,
    ]

    /// The element sequences of the UBL 2.1 schemas (UBL-OrderResponse-2.1.xsd and UBL-CommonAggregateComponents-2.1),
    /// as far as Kontor writes them; generated children must appear in this order.
    static let sequences: [String: [String]] = [
        "/r:OrderResponse": [
            "cbc:UBLVersionID", "cbc:CustomizationID", "cbc:ProfileID", "cbc:ProfileExecutionID", "cbc:ID",
            "cbc:SalesOrderID", "cbc:CopyIndicator", "cbc:UUID", "cbc:IssueDate", "cbc:IssueTime",
            "cbc:OrderResponseCode", "cbc:Note", "cbc:DocumentCurrencyCode", "cac:OrderReference",
            "cac:SellerSupplierParty", "cac:BuyerCustomerParty", "cac:OrderLine",
        ],
        "/r:OrderResponse/cac:OrderReference": [
            "cbc:ID", "cbc:SalesOrderID", "cbc:CopyIndicator", "cbc:UUID", "cbc:IssueDate", "cbc:IssueTime",
            "cbc:CustomerReference", "cbc:OrderTypeCode", "cac:DocumentReference",
        ],
        "/r:OrderResponse/cac:SellerSupplierParty/cac:Party": [
            "cac:PartyIdentification", "cac:PartyName", "cac:PostalAddress", "cac:PartyTaxScheme", "cac:Contact",
        ],
        "/r:OrderResponse/cac:BuyerCustomerParty/cac:Party": [
            "cac:PartyIdentification", "cac:PartyName", "cac:PostalAddress", "cac:PartyTaxScheme", "cac:Contact",
        ],
        "/r:OrderResponse/cac:OrderLine[1]": [
            "cbc:Note", "cac:LineItem", "cac:SellerProposedSubstituteLineItem", "cac:OrderLineReference",
        ],
        "/r:OrderResponse/cac:OrderLine[1]/cac:LineItem": [
            "cbc:ID", "cbc:Note", "cbc:LineStatusCode", "cbc:Quantity", "cac:Delivery", "cac:Price", "cac:Item",
        ],
        "/r:OrderResponse/cac:OrderLine[2]/cac:LineItem": [
            "cbc:ID", "cbc:Note", "cbc:LineStatusCode", "cbc:Quantity", "cac:Delivery", "cac:Price", "cac:Item",
        ],
        "/r:OrderResponse/cac:OrderLine[1]/cac:LineItem/cac:Item": [
            "cbc:Description", "cbc:Name", "cac:BuyersItemIdentification", "cac:SellersItemIdentification",
            "cac:StandardItemIdentification",
        ],
    ]

    func generate(_ response: OrderResponse) throws -> (text: String, xml: ParsedXML) {
        let text = try UBLWriter().orderResponse(response)
        return (text, try ParsedXML(text, namespaces: Self.namespaces))
    }

    /// What UBL carries: everything but the ordered quantity, which a UBL order response does not state.
    static func carried(_ response: OrderResponse) -> OrderResponse {
        var expected = response
        expected.lines = response.lines.map { line in
            var line = line
            line.orderedQuantity = line.acceptedQuantity
            return line
        }
        return expected
    }

    @Test("A changed order parses back to the same response")
    func roundTrip() throws {
        let (_, xml) = try generate(Fixtures.changedResponse)
        #expect(ReadBack.ublOrderResponse(xml) == Self.carried(Fixtures.changedResponse))
    }

    @Test("UBLVersionID 2.1, the OrderResponse-2 namespace on the root and cac/cbc on the components")
    func namespaces() throws {
        let (text, xml) = try generate(Fixtures.changedResponse)
        #expect(xml.string("namespace-uri(/*)") == UBLWriter.orderResponseNamespace)
        #expect(xml.string("local-name(/*)") == "OrderResponse")
        #expect(xml.string("/r:OrderResponse/cbc:UBLVersionID") == "2.1")
        #expect(xml.count("/r:OrderResponse/cbc:*") > 0)
        #expect(xml.count("//*[starts-with(name(), 'cbc:')][namespace-uri() != '\(UBLWriter.basicNamespace)']") == 0)
        #expect(
            xml.count("//*[starts-with(name(), 'cac:')][namespace-uri() != '\(UBLWriter.aggregateNamespace)']") == 0
        )
        #expect(
            xml.count("//*[not(contains(name(), ':'))][namespace-uri() != '\(UBLWriter.orderResponseNamespace)']") == 0
        )
        #expect(!text.contains("<!DOCTYPE"))
    }

    @Test("Children follow the UBL 2.1 schema sequences")
    func elementOrder() throws {
        let (_, xml) = try generate(Fixtures.changedResponse)
        for (path, sequence) in Self.sequences {
            let names = xml.childNames(path)
            #expect(!names.isEmpty, "\(path) has children")
            let positions = names.map { sequence.firstIndex(of: $0) }
            #expect(!positions.contains(nil), "\(path): \(names) are all in the schema sequence")
            let known = positions.compactMap { $0 }
            #expect(known == known.sorted(), "\(path): \(names) in schema order")
        }
    }

    @Test("Codes: AP/RE/CA for the order, 5/7/3 for lines; a date-only response has no IssueTime")
    func codes() throws {
        var response = Fixtures.changedResponse
        response.responseDate = KontorDate("2025-03-04")!
        let (_, xml) = try generate(response)
        #expect(xml.string("/r:OrderResponse/cbc:OrderResponseCode") == "CA")
        #expect(xml.strings("//cac:LineItem/cbc:LineStatusCode") == ["5", "3", "7"])
        #expect(xml.count("/r:OrderResponse/cbc:IssueTime") == 0)
        #expect(xml.string("//cac:LineItem[cbc:ID='2']/cac:Price/cbc:PriceAmount/@currencyID") == "EUR")
        response.status = .rejected
        response.lines = [response.lines[2]]
        #expect(try generate(response).xml.string("/r:OrderResponse/cbc:OrderResponseCode") == "RE")
    }

    @Test("Customization and profile ids are written when configured")
    func profile() throws {
        let writer = UBLWriter(
            customizationID: "urn:fdc:peppol.eu:poacc:trns:order_response:3",
            profileID: "urn:fdc:peppol.eu:poacc:bis:ordering:3"
        )
        let xml = try ParsedXML(writer.orderResponse(Fixtures.changedResponse), namespaces: Self.namespaces)
        #expect(xml.string("/r:OrderResponse/cbc:CustomizationID") == "urn:fdc:peppol.eu:poacc:trns:order_response:3")
        #expect(xml.string("/r:OrderResponse/cbc:ProfileID") == "urn:fdc:peppol.eu:poacc:bis:ordering:3")
        #expect(
            xml.childNames("/r:OrderResponse").prefix(4) == [
                "cbc:UBLVersionID", "cbc:CustomizationID", "cbc:ProfileID", "cbc:ID",
            ]
        )
    }

    @Test("Seller and buyer are required by UBL")
    func partiesRequired() {
        var response = Fixtures.changedResponse
        response.seller = nil
        let error = #expect(throws: B2BXMLError.self) { try UBLWriter().orderResponse(response) }
        #expect(error?.location == "seller")
        response.seller = Fixtures.changedResponse.seller
        response.buyer = nil
        #expect(throws: B2BXMLError(.missingField, at: "buyer", "UBL OrderResponse requires cac:BuyerCustomerParty")) {
            try UBLWriter().orderResponse(response)
        }
    }
}
