import KontorModel

/// Rebuilds messages from generated documents, the reverse of the writers, so that round-trip tests compare whole
/// messages. Only what each format carries comes back; the tests say what that leaves out.
enum ReadBack {
    /// A cXML `datetime.tz` as a ``KontorDate``: midnight UTC, which the writer makes of calendar dates, becomes the
    /// calendar date again.
    static func cXMLDate(_ text: String?) -> KontorDate? {
        guard let text else { return nil }
        let suffix = "T00:00:00+00:00"
        return KontorDate(text.hasSuffix(suffix) ? String(text.dropLast(suffix.count)) : text)
    }

    /// A UBL date and optional time joined back into one ``KontorDate``.
    static func ublDate(_ date: String?, _ time: String?) -> KontorDate? {
        guard let date else { return nil }
        return KontorDate(time.map { date + "T" + $0 } ?? date)
    }

    /// The ``OrderResponse`` in a cXML `ConfirmationRequest`.
    static func confirmation(_ xml: ParsedXML) -> OrderResponse {
        let request = "/cXML/Request/ConfirmationRequest"
        let header = request + "/ConfirmationHeader"
        let status: OrderResponseStatus =
            switch xml.string(header + "/@type") {
            case "accept": .accepted
            case "reject": .rejected
            default: .changed
            }
        var lines: [OrderResponseLine] = []
        for index in 0..<xml.count(request + "/ConfirmationItem") {
            let item = request + "/ConfirmationItem[\(index + 1)]"
            let statuses = item + "/ConfirmationStatus"
            let types = xml.strings(statuses + "/@type")
            let accepted = xml.strings(statuses + "[@type='accept' or @type='detail']/@quantity")
                .compactMap { DecimalAmount($0) }.reduce(DecimalAmount.zero, +)
            let lineStatus: OrderResponseStatus =
                types.allSatisfy { $0 == "accept" }
                ? .accepted : types.allSatisfy { $0 == "reject" } ? .rejected : .changed
            lines.append(
                OrderResponseLine(
                    lineNumber: xml.string(item + "/@lineNumber"),
                    orderedQuantity: DecimalAmount(xml.string(item + "/@quantity"))!,
                    unitOfMeasure: UnitOfMeasure(xml.string(item + "/UnitOfMeasure"))!,
                    status: lineStatus,
                    acceptedQuantity: lineStatus == .rejected ? .zero : accepted,
                    changedDeliveryDate: cXMLDate(xml.optional(statuses + "[@type='detail']/@deliveryDate")),
                    changedUnitPrice: xml.optional(statuses + "/UnitPrice/Money").flatMap { DecimalAmount($0) },
                    reason: xml.optional(statuses + "/Comments")
                )
            )
        }
        return OrderResponse(
            responseNumber: xml.string(header + "/@confirmID"),
            responseDate: cXMLDate(xml.string(header + "/@noticeDate"))!,
            order: OrderReference(
                orderNumber: xml.string(request + "/OrderReference/@orderID"),
                orderDate: cXMLDate(xml.optional(request + "/OrderReference/@orderDate")),
                documentId: xml.optional(request + "/OrderReference/DocumentReference/@payloadID")
            ),
            status: status,
            currency: xml.optional("(\(request)//Money)[1]/@currency").flatMap { CurrencyCode($0) },
            reason: xml.optional(header + "/Comments"),
            lines: lines
        )
    }

    /// An ``Address`` from a cXML `Contact`.
    static func address(_ xml: ParsedXML, _ contact: String) -> Address? {
        guard xml.count(contact) > 0 else { return nil }
        let postal = contact + "/PostalAddress"
        let deliverTo = xml.optional(postal + "/DeliverTo")
        return Address(
            name: deliverTo ?? xml.string(contact + "/Name"),
            company: deliverTo == nil ? nil : xml.string(contact + "/Name"),
            street: xml.optional(postal + "/Street[1]"),
            street2: xml.optional(postal + "/Street[2]"),
            city: xml.optional(postal + "/City"),
            region: xml.optional(postal + "/State"),
            postalCode: xml.optional(postal + "/PostalCode"),
            country: CountryCode(xml.string(postal + "/Country/@isoCountryCode"))!,
            email: xml.optional(contact + "/Email")
        )
    }

    /// The ``ShipmentNotice`` in a cXML `ShipNoticeRequest`.
    static func shipNotice(_ xml: ParsedXML) -> ShipmentNotice {
        let request = "/cXML/Request/ShipNoticeRequest"
        let header = request + "/ShipNoticeHeader"
        let control = request + "/ShipControl"
        let portion = request + "/ShipNoticePortion"
        var carrier: ShipmentCarrier?
        if xml.count(control) > 0 {
            carrier = ShipmentCarrier(
                name: xml.string(control + "/CarrierIdentifier[@domain='companyName']"),
                code: xml.optional(control + "/CarrierIdentifier[@domain='SCAC']"),
                service: xml.optional(header + "/ServiceLevel").map { ServiceLevel(rawValue: $0) },
                trackingNumbers: xml.strings(control + "/ShipmentIdentifier[@domain='trackingNumber']")
            )
        }
        var packages: [ShipmentPackage] = []
        var lines: [ShipmentLine] = []
        for index in 0..<xml.count(portion + "/ShipNoticeItem") {
            let item = portion + "/ShipNoticeItem[\(index + 1)]"
            var ids: [String] = []
            for position in 0..<xml.count(item + "/Packaging") {
                let packaging = item + "/Packaging[\(position + 1)]"
                let id = xml.string(packaging + "/ShippingContainerSerialCode")
                ids.append(id)
                guard !packages.contains(where: { $0.id == id }) else { continue }
                let weight = xml.optional(packaging + "/Dimension[@type='grossWeight']/@quantity").map {
                    Quantity(
                        DecimalAmount($0)!,
                        UnitOfMeasure(xml.string(packaging + "/Dimension[@type='grossWeight']/UnitOfMeasure"))!
                    )
                }
                packages.append(ShipmentPackage(id: id, grossWeight: weight))
            }
            lines.append(
                ShipmentLine(
                    lineNumber: xml.string(item + "/@lineNumber"),
                    sku: xml.optional(item + "/ItemID/SupplierPartID"),
                    buyerSku: xml.optional(item + "/ItemID/BuyerPartID"),
                    description: xml.optional(item + "/ShipNoticeItemDetail/Description"),
                    quantity: DecimalAmount(xml.string(item + "/@quantity"))!,
                    unitOfMeasure: UnitOfMeasure(xml.string(item + "/UnitOfMeasure"))!,
                    packageIds: ids.isEmpty ? nil : ids
                )
            )
        }
        return ShipmentNotice(
            shipmentNumber: xml.string(header + "/@shipmentID"),
            noticeDate: cXMLDate(xml.string(header + "/@noticeDate"))!,
            order: OrderReference(
                orderNumber: xml.string(portion + "/OrderReference/@orderID"),
                orderDate: cXMLDate(xml.optional(portion + "/OrderReference/@orderDate")),
                documentId: xml.optional(portion + "/OrderReference/DocumentReference/@payloadID")
            ),
            shipDate: cXMLDate(xml.string(header + "/@shipmentDate"))!,
            expectedDeliveryDate: cXMLDate(xml.optional(header + "/@deliveryDate")),
            carrier: carrier,
            shipFrom: address(xml, header + "/Contact[@role='shipFrom']"),
            shipTo: address(xml, header + "/Contact[@role='shipTo']")!,
            packages: packages,
            lines: lines
        )
    }

    /// A ``Party`` from a UBL `cac:Party`.
    static func ublParty(_ xml: ParsedXML, _ party: String) -> Party {
        Party(
            id: xml.optional(party + "/cac:PartyIdentification/cbc:ID"),
            name: xml.optional(party + "/cac:PartyName/cbc:Name"),
            email: xml.optional(party + "/cac:Contact/cbc:ElectronicMail"),
            phone: xml.optional(party + "/cac:Contact/cbc:Telephone"),
            vatId: xml.optional(party + "/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID")
        )
    }

    /// The ``OrderResponse`` in a UBL `OrderResponse`; `orderedQuantity` is not in UBL and comes back as the
    /// confirmed quantity.
    static func ublOrderResponse(_ xml: ParsedXML) -> OrderResponse {
        let root = "/r:OrderResponse"
        let statuses: [String: OrderResponseStatus] = ["AP": .accepted, "RE": .rejected, "CA": .changed]
        let lineStatuses: [String: OrderResponseStatus] = ["5": .accepted, "7": .rejected, "3": .changed]
        var lines: [OrderResponseLine] = []
        for index in 0..<xml.count(root + "/cac:OrderLine") {
            let line = root + "/cac:OrderLine[\(index + 1)]"
            let item = line + "/cac:LineItem"
            let period = item + "/cac:Delivery/cac:PromisedDeliveryPeriod"
            let quantity = DecimalAmount(xml.string(item + "/cbc:Quantity"))!
            lines.append(
                OrderResponseLine(
                    lineNumber: xml.string(item + "/cbc:ID"),
                    sku: xml.optional(item + "/cac:Item/cac:SellersItemIdentification/cbc:ID"),
                    buyerSku: xml.optional(item + "/cac:Item/cac:BuyersItemIdentification/cbc:ID"),
                    gtin: xml.optional(item + "/cac:Item/cac:StandardItemIdentification/cbc:ID[@schemeID='0160']"),
                    description: xml.optional(item + "/cac:Item/cbc:Name"),
                    orderedQuantity: quantity,
                    unitOfMeasure: UnitOfMeasure(xml.string(item + "/cbc:Quantity/@unitCode"))!,
                    status: lineStatuses[xml.string(item + "/cbc:LineStatusCode")]!,
                    acceptedQuantity: quantity,
                    changedDeliveryDate: ublDate(
                        xml.optional(period + "/cbc:EndDate"),
                        xml.optional(period + "/cbc:EndTime")
                    ),
                    changedUnitPrice: xml.optional(item + "/cac:Price/cbc:PriceAmount").flatMap { DecimalAmount($0) },
                    reason: xml.optional(line + "/cbc:Note")
                )
            )
        }
        let reference = root + "/cac:OrderReference"
        return OrderResponse(
            responseNumber: xml.string(root + "/cbc:ID"),
            responseDate: ublDate(xml.string(root + "/cbc:IssueDate"), xml.optional(root + "/cbc:IssueTime"))!,
            order: OrderReference(
                orderId: xml.optional(reference + "/cbc:SalesOrderID").map { OrderID($0) },
                orderNumber: xml.string(reference + "/cbc:ID"),
                orderDate: ublDate(
                    xml.optional(reference + "/cbc:IssueDate"),
                    xml.optional(reference + "/cbc:IssueTime")
                ),
                documentId: xml.optional(reference + "/cac:DocumentReference/cbc:ID")
            ),
            status: statuses[xml.string(root + "/cbc:OrderResponseCode")]!,
            currency: xml.optional(root + "/cbc:DocumentCurrencyCode").flatMap { CurrencyCode($0) },
            seller: ublParty(xml, root + "/cac:SellerSupplierParty/cac:Party"),
            buyer: ublParty(xml, root + "/cac:BuyerCustomerParty/cac:Party"),
            reason: xml.optional(root + "/cbc:Note"),
            lines: lines
        )
    }
}
