import KontorModel

/// Writes cXML 1.2 documents from Kontor's outbound messages: `ConfirmationRequest` from an ``OrderResponse`` and
/// `ShipNoticeRequest` from a ``ShipmentNotice``, each in a complete cXML envelope.
///
/// The envelope carries `payloadID`, `timestamp` and the `Header` credentials of the ``partner`` configuration;
/// the DOCTYPE names the Fulfill DTD of the configured version. cXML has no XML namespace. Dates are cXML
/// `datetime.tz`: a date-time is written as given, a calendar date as midnight UTC. Line numbers must be unsigned
/// integers (cXML `lineNumber` is `%uint;`).
public struct CXMLWriter: Sendable {
    /// The trading partners and envelope settings.
    public var partner: CXMLPartnerConfiguration

    /// Creates a writer.
    public init(partner: CXMLPartnerConfiguration) {
        self.partner = partner
    }

    /// A `ConfirmationRequest` (order confirmation) for `response`.
    ///
    /// `ConfirmationHeader/@type` is `accept`, `reject` or `detail` for an accepted, rejected or changed order;
    /// a rejected order carries no `ConfirmationItem` (the DTD forbids them) and its reason in the header
    /// `Comments`. Each line becomes a `ConfirmationItem` with the ordered quantity and one `ConfirmationStatus` per
    /// part: `accept` (as ordered), `detail` (with a new `deliveryDate` and/or `UnitPrice`) and `reject` (the rest,
    /// with the reason in `Comments`); the parts add up to the ordered quantity.
    ///
    /// - Parameters:
    ///   - response: The answer to an order; ``OrderReference/documentId`` must be the payload id of the buyer's
    ///     `OrderRequest`, which `OrderReference/DocumentReference/@payloadID` requires.
    ///   - payloadID: The document's unique id; generated from the time and ``CXMLPartnerConfiguration/payloadIDDomain``
    ///     when `nil`.
    ///   - timestamp: `cXML/@timestamp`.
    public func confirmationRequest(
        _ response: OrderResponse,
        payloadID: String? = nil,
        timestamp: Timestamp = .now()
    ) throws(B2BXMLError) -> String {
        let request = try CXMLConfirmation.request(for: response)
        return try envelope(request, payloadID: payloadID, timestamp: timestamp)
    }

    /// A `ShipNoticeRequest` (advance ship notice) for `notice`.
    ///
    /// `ShipNoticeHeader` carries the shipment number, dates, service level and the ship-from and ship-to addresses
    /// as `Contact` elements; `ShipControl` the carrier (`CarrierIdentifier` by `companyName` and, when known,
    /// `SCAC`) and one `ShipmentIdentifier` per tracking number; `ShipNoticePortion` the order reference and one
    /// `ShipNoticeItem` per line, with `Packaging` (gross weight, `ShippingContainerSerialCode`) for each package
    /// the line is in. cXML has packages only on items, so every package must be referenced by a line.
    public func shipNoticeRequest(
        _ notice: ShipmentNotice,
        payloadID: String? = nil,
        timestamp: Timestamp = .now()
    ) throws(B2BXMLError) -> String {
        let request = try CXMLShipNotice.request(for: notice)
        return try envelope(request, payloadID: payloadID, timestamp: timestamp)
    }

    /// `cXML` with `Header` and `Request` around a request element.
    private func envelope(_ request: XMLElement, payloadID: String?, timestamp: Timestamp) throws(B2BXMLError) -> String
    {
        let id = payloadID ?? generatedPayloadID(at: timestamp)
        try MessageChecks.require(id, at: "payloadID")
        var sender = credential(partner.sender)
        if let secret = partner.sharedSecret {
            sender = credential(partner.sender, sharedSecret: secret)
        }
        let header = XMLElement(
            "Header",
            children: [
                XMLElement("From", children: [credential(partner.from)]),
                XMLElement("To", children: [credential(partner.to)]),
                XMLElement("Sender", children: [sender, XMLElement("UserAgent", text: partner.userAgent)]),
            ]
        )
        let root = XMLElement(
            "cXML",
            [("payloadID", id), ("timestamp", XMLDates.cXML(timestamp)), ("xml:lang", "en")],
            children: [
                header,
                XMLElement("Request", [("deploymentMode", partner.deploymentMode.rawValue)], children: [request]),
            ]
        )
        return try root.document(
            declaring: #"<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/"# + partner.version
                + #"/Fulfill.dtd">"#
        )
    }

    private func credential(_ credential: CXMLCredential, sharedSecret: String? = nil) -> XMLElement {
        var element = XMLElement("Credential", [("domain", credential.domain)])
        element.add("Identity", text: credential.identity)
        element.add("SharedSecret", text: sharedSecret)
        return element
    }

    /// `<microseconds since 1970>.<random>@<domain>`, the usual shape of cXML payload ids.
    private func generatedPayloadID(at timestamp: Timestamp) -> String {
        "\(timestamp.microsecondsSinceEpoch).\(UInt32.random(in: 0...UInt32.max))@\(partner.payloadIDDomain)"
    }
}

/// Pieces shared by the cXML request builders.
enum CXMLParts {
    /// `OrderReference` with `orderID` (the buyer's PO number), `orderDate` and `DocumentReference/@payloadID`.
    static func orderReference(_ order: OrderReference) throws(B2BXMLError) -> XMLElement {
        guard let payloadID = order.documentId, payloadID.contains(where: { !$0.isWhitespace }) else {
            throw B2BXMLError(
                .missingField,
                at: "order.documentId",
                "cXML OrderReference needs the payloadID of the buyer's OrderRequest (DocumentReference/@payloadID)"
            )
        }
        return XMLElement(
            "OrderReference",
            [("orderID", order.buyerOrderNumber), ("orderDate", order.orderDate.map(XMLDates.cXML))],
            children: [XMLElement("DocumentReference", [("payloadID", payloadID)])]
        )
    }

    /// A cXML `%uint;` line number, or an error naming the field.
    static func lineNumber(_ value: String, at path: String) throws(B2BXMLError) -> String {
        guard !value.isEmpty, value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw B2BXMLError(
                .invalidValue,
                at: path,
                "cXML line numbers are unsigned integers (lineNumber is %uint;), got \"\(value)\""
            )
        }
        return value
    }

    /// `Comments xml:lang="en"` with `text`, or `nil`.
    static func comments(_ text: String?) -> XMLElement? {
        text.map { XMLElement("Comments", [("xml:lang", "en")], text: $0) }
    }

    /// `Money currency="EUR"`.
    static func money(_ amount: DecimalAmount, _ currency: CurrencyCode) -> XMLElement {
        XMLElement("Money", [("currency", currency.rawValue)], text: amount.description)
    }
}
