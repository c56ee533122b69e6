import KontorModel

/// Builds the `ShipNoticeRequest` element of a ``ShipmentNotice``.
enum CXMLShipNotice {
    static func request(for notice: ShipmentNotice) throws(B2BXMLError) -> XMLElement {
        try MessageChecks.check(notice)
        var header = XMLElement(
            "ShipNoticeHeader",
            [
                ("shipmentID", notice.shipmentNumber), ("noticeDate", XMLDates.cXML(notice.noticeDate)),
                ("shipmentDate", XMLDates.cXML(notice.shipDate)),
                ("deliveryDate", notice.expectedDeliveryDate.map(XMLDates.cXML)), ("shipmentType", "actual"),
            ]
        )
        header.add("ServiceLevel", [("xml:lang", "en")], text: notice.carrier?.service?.rawValue)
        if let shipFrom = notice.shipFrom {
            header.add(try CXMLContact.contact(shipFrom, role: "shipFrom", at: "shipFrom"))
        }
        header.add(try CXMLContact.contact(notice.shipTo, role: "shipTo", at: "shipTo"))
        var request = XMLElement("ShipNoticeRequest", children: [header])
        if let carrier = notice.carrier { request.add(try shipControl(carrier)) }

        var portion = XMLElement("ShipNoticePortion", children: [try CXMLParts.orderReference(notice.order)])
        var referenced: Set<String> = []
        for (index, line) in notice.lines.enumerated() {
            portion.add(try item(line, number: index + 1, packages: notice.packages, at: "lines[\(index)]"))
            referenced.formUnion(line.packageIds ?? [])
        }
        if let index = notice.packages.firstIndex(where: { !referenced.contains($0.id) }) {
            throw B2BXMLError(
                .invalidValue,
                at: "packages[\(index)]",
                "cXML carries packages only on ShipNoticeItem: list \"\(notice.packages[index].id)\" in the "
                    + "packageIds of the lines it holds"
            )
        }
        request.add(portion)
        return request
    }

    /// `ShipControl`: `CarrierIdentifier+` and `ShipmentIdentifier+`, both required by the DTD.
    private static func shipControl(_ carrier: ShipmentCarrier) throws(B2BXMLError) -> XMLElement {
        try MessageChecks.require(carrier.name, at: "carrier.name")
        guard !carrier.trackingNumbers.isEmpty else {
            throw B2BXMLError(
                .missingField,
                at: "carrier.trackingNumbers",
                "cXML ShipControl needs at least one ShipmentIdentifier (tracking number)"
            )
        }
        var control = XMLElement("ShipControl")
        control.add("CarrierIdentifier", [("domain", "companyName")], text: carrier.name)
        control.add("CarrierIdentifier", [("domain", "SCAC")], text: carrier.code)
        for (index, number) in carrier.trackingNumbers.enumerated() {
            try MessageChecks.require(number, at: "carrier.trackingNumbers[\(index)]")
            control.add("ShipmentIdentifier", [("domain", "trackingNumber")], text: number)
        }
        return control
    }

    /// `ShipNoticeItem` with the shipped quantity, item ids, description, unit and the line's packages.
    private static func item(
        _ line: ShipmentLine,
        number: Int,
        packages: [ShipmentPackage],
        at path: String
    ) throws(B2BXMLError) -> XMLElement {
        let lineNumber = try CXMLParts.lineNumber(line.lineNumber, at: path + ".lineNumber")
        var item = XMLElement(
            "ShipNoticeItem",
            [
                ("quantity", line.quantity.description), ("lineNumber", lineNumber),
                ("shipNoticeLineNumber", "\(number)"),
            ]
        )
        if let sku = line.sku {
            var itemID = XMLElement("ItemID")
            itemID.add("SupplierPartID", text: sku)
            itemID.add("BuyerPartID", text: line.buyerSku)
            item.add(itemID)
        } else if line.buyerSku != nil {
            throw B2BXMLError(
                .missingField,
                at: path + ".sku",
                "cXML ItemID needs the SupplierPartID (sku) to carry the BuyerPartID (buyerSku)"
            )
        }
        if let description = line.description {
            item.add(
                XMLElement(
                    "ShipNoticeItemDetail",
                    children: [XMLElement("Description", [("xml:lang", "en")], text: description)]
                )
            )
        }
        item.add("UnitOfMeasure", text: line.unitOfMeasure.rawValue)
        for id in line.packageIds ?? [] {
            guard let package = packages.first(where: { $0.id == id }) else { continue }
            var packaging = XMLElement("Packaging")
            if let weight = package.grossWeight {
                packaging.add(
                    XMLElement(
                        "Dimension",
                        [("quantity", weight.value.description), ("type", "grossWeight")],
                        children: [XMLElement("UnitOfMeasure", text: weight.unit.rawValue)]
                    )
                )
            }
            packaging.add("ShippingContainerSerialCode", text: package.id)
            item.add(packaging)
        }
        return item
    }
}
