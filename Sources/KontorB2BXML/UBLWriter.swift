import KontorModel

/// Writes UBL 2.1 documents from Kontor's outbound messages; today the `OrderResponse` of an ``OrderResponse``.
///
/// Elements follow the sequence of the UBL 2.1 schemas (`maindoc/UBL-OrderResponse-2.1.xsd` and the common aggregate
/// components). Codes are those of PEPPOL BIS Order Response: `cbc:OrderResponseCode` from UNCL 4343 (`AP`
/// accepted, `RE` rejected, `CA` accepted with changes) and `cbc:LineStatusCode` from UNCL 1229 (`5` accepted,
/// `7` not accepted, `3` changed).
public struct UBLWriter: Sendable {
    /// The UBL namespace of the `OrderResponse` document element.
    public static let orderResponseNamespace = "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"
    /// The namespace of `cac:` (common aggregate components).
    public static let aggregateNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    /// The namespace of `cbc:` (common basic components).
    public static let basicNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

    /// `cbc:CustomizationID`, e.g. `urn:fdc:peppol.eu:poacc:trns:order_response:3`; left out when `nil`.
    public var customizationID: String?

    /// `cbc:ProfileID`, e.g. `urn:fdc:peppol.eu:poacc:bis:ordering:3`; left out when `nil`.
    public var profileID: String?

    /// Creates a writer.
    public init(customizationID: String? = nil, profileID: String? = nil) {
        self.customizationID = customizationID
        self.profileID = profileID
    }

    /// A UBL 2.1 `OrderResponse` for `response`.
    ///
    /// The response number is `cbc:ID`, its date `cbc:IssueDate` (and `cbc:IssueTime` for a date-time), the reason
    /// `cbc:Note`, the currency `cbc:DocumentCurrencyCode`. `cac:OrderReference` holds the buyer's PO number
    /// (`cbc:ID`), Kontor's order id (`cbc:SalesOrderID`), the order date and the inbound document id
    /// (`cac:DocumentReference/cbc:ID`). Seller and buyer, both required by UBL, become `cac:SellerSupplierParty` and
    /// `cac:BuyerCustomerParty`. Each line is a `cac:OrderLine` with the reason as `cbc:Note` and a `cac:LineItem`
    /// with the confirmed quantity, the changed delivery date (`cac:Delivery/cac:PromisedDeliveryPeriod/cbc:EndDate`),
    /// the changed price and the item ids; the ordered quantity is not part of a UBL order response.
    public func orderResponse(_ response: OrderResponse) throws(B2BXMLError) -> String {
        try MessageChecks.check(response)
        var root = XMLElement(
            "OrderResponse",
            [
                ("xmlns", Self.orderResponseNamespace), ("xmlns:cac", Self.aggregateNamespace),
                ("xmlns:cbc", Self.basicNamespace),
            ]
        )
        root.add("cbc:UBLVersionID", text: "2.1")
        root.add("cbc:CustomizationID", text: customizationID)
        root.add("cbc:ProfileID", text: profileID)
        root.add("cbc:ID", text: response.responseNumber)
        let issued = XMLDates.ubl(response.responseDate)
        root.add("cbc:IssueDate", text: issued.date)
        root.add("cbc:IssueTime", text: issued.time)
        root.add("cbc:OrderResponseCode", text: Self.responseCode(response.status))
        root.add("cbc:Note", text: response.reason)
        root.add("cbc:DocumentCurrencyCode", text: response.currency?.rawValue)
        root.add(orderReference(response.order))
        guard let seller = response.seller else {
            throw B2BXMLError(.missingField, at: "seller", "UBL OrderResponse requires cac:SellerSupplierParty")
        }
        guard let buyer = response.buyer else {
            throw B2BXMLError(.missingField, at: "buyer", "UBL OrderResponse requires cac:BuyerCustomerParty")
        }
        root.add(XMLElement("cac:SellerSupplierParty", children: [party(seller)]))
        root.add(XMLElement("cac:BuyerCustomerParty", children: [party(buyer)]))
        for line in response.lines {
            root.add(try orderLine(line, currency: response.currency))
        }
        return try root.document()
    }

    /// UNCL 4343 subset of PEPPOL BIS Order Response.
    static func responseCode(_ status: OrderResponseStatus) -> String {
        switch status {
        case .accepted: "AP"
        case .rejected: "RE"
        default: "CA"
        }
    }

    /// UNCL 1229 subset of PEPPOL BIS Order Response.
    static func lineStatusCode(_ status: OrderResponseStatus) -> String {
        switch status {
        case .accepted: "5"
        case .rejected: "7"
        default: "3"
        }
    }

    private func orderReference(_ order: OrderReference) -> XMLElement {
        var reference = XMLElement("cac:OrderReference")
        reference.add("cbc:ID", text: order.buyerOrderNumber)
        reference.add("cbc:SalesOrderID", text: order.orderId?.rawValue)
        if let date = order.orderDate.map(XMLDates.ubl) {
            reference.add("cbc:IssueDate", text: date.date)
            reference.add("cbc:IssueTime", text: date.time)
        }
        if let documentId = order.documentId {
            reference.add(XMLElement("cac:DocumentReference", children: [XMLElement("cbc:ID", text: documentId)]))
        }
        return reference
    }

    /// `cac:Party`: identification, name, VAT number (`cac:PartyTaxScheme`), phone and e-mail (`cac:Contact`).
    private func party(_ party: Party) -> XMLElement {
        var element = XMLElement("cac:Party")
        if let id = party.id {
            element.add(XMLElement("cac:PartyIdentification", children: [XMLElement("cbc:ID", text: id)]))
        }
        if let name = party.name {
            element.add(XMLElement("cac:PartyName", children: [XMLElement("cbc:Name", text: name)]))
        }
        if let vatId = party.vatId {
            element.add(
                XMLElement(
                    "cac:PartyTaxScheme",
                    children: [
                        XMLElement("cbc:CompanyID", text: vatId),
                        XMLElement("cac:TaxScheme", children: [XMLElement("cbc:ID", text: "VAT")]),
                    ]
                )
            )
        }
        if party.phone != nil || party.email != nil {
            var contact = XMLElement("cac:Contact")
            contact.add("cbc:Telephone", text: party.phone)
            contact.add("cbc:ElectronicMail", text: party.email)
            element.add(contact)
        }
        return element
    }

    private func orderLine(_ line: OrderResponseLine, currency: CurrencyCode?) throws(B2BXMLError) -> XMLElement {
        var orderLine = XMLElement("cac:OrderLine")
        orderLine.add("cbc:Note", text: line.reason)
        var item = XMLElement("cac:LineItem")
        item.add("cbc:ID", text: line.lineNumber)
        item.add("cbc:LineStatusCode", text: Self.lineStatusCode(line.status))
        item.add(
            "cbc:Quantity",
            [("unitCode", line.unitOfMeasure.rawValue)],
            text: line.acceptedQuantity.description
        )
        if let date = line.changedDeliveryDate.map(XMLDates.ubl) {
            var period = XMLElement("cac:PromisedDeliveryPeriod")
            period.add("cbc:EndDate", text: date.date)
            period.add("cbc:EndTime", text: date.time)
            item.add(XMLElement("cac:Delivery", children: [period]))
        }
        if let price = line.changedUnitPrice {
            guard let currency else {
                throw B2BXMLError(.missingField, at: "currency", "a changed unit price needs the response currency")
            }
            item.add(
                XMLElement(
                    "cac:Price",
                    children: [
                        XMLElement("cbc:PriceAmount", [("currencyID", currency.rawValue)], text: price.description)
                    ]
                )
            )
        }
        var article = XMLElement("cac:Item")
        article.add("cbc:Name", text: line.description)
        for (element, id) in [
            ("cac:BuyersItemIdentification", line.buyerSku), ("cac:SellersItemIdentification", line.sku),
        ] {
            if let id { article.add(XMLElement(element, children: [XMLElement("cbc:ID", text: id)])) }
        }
        if let gtin = line.gtin {
            // ISO 6523 ICD 0160 is GS1 GTIN.
            article.add(
                XMLElement(
                    "cac:StandardItemIdentification",
                    children: [XMLElement("cbc:ID", [("schemeID", "0160")], text: gtin)]
                )
            )
        }
        item.add(article)
        orderLine.add(item)
        orderLine.add(XMLElement("cac:OrderLineReference", children: [XMLElement("cbc:LineID", text: line.lineNumber)]))
        return orderLine
    }
}
