import KontorModel

/// Writes a ``PickTask`` as Kontor's pick-list XML for warehouses that take XML (documented in
/// `Sources/KontorConnectors/WMS/README.md`):
///
/// ```xml
/// <PickList taskId="…" orderId="…" orderNumber="…" channel="…" locationId="…" method="ship" createdAt="…">
///   <ShipTo><Name>…</Name><Company>…</Company><Street>…</Street><Street2>…</Street2><PostalCode>…</PostalCode>
///     <City>…</City><Region>…</Region><Country>DE</Country><Phone>…</Phone><Email>…</Email></ShipTo>
///   <ServiceLevel>express</ServiceLevel>
///   <PromisedDate>2026-12-01</PromisedDate>
///   <Carrier service="dhl-paket">dhl</Carrier>
///   <Lines><Line lineNumber="1" sku="…" gtin="…" quantity="2" binHint="…"><Description>…</Description></Line></Lines>
/// </PickList>
/// ```
/// Absent values are left out (elements and attributes alike).
public enum PickListWriter {
    /// The XML document for `task`.
    /// - Throws: ``B2BXMLError`` naming the XPath of a value with a character XML cannot carry.
    public static func document(for task: PickTask) throws(B2BXMLError) -> String {
        var root = XMLElement(
            "PickList",
            [
                ("taskId", task.taskId), ("orderId", task.orderId.rawValue), ("orderNumber", task.orderNumber),
                ("channel", task.channel.rawValue), ("locationId", task.locationId), ("method", task.method),
                ("createdAt", task.createdAt.rfc3339String),
            ]
        )
        var shipTo = XMLElement("ShipTo")
        let address = task.shipTo
        shipTo.add("Name", text: address.name)
        shipTo.add("Company", text: address.company)
        shipTo.add("Street", text: address.street)
        shipTo.add("Street2", text: address.street2)
        shipTo.add("PostalCode", text: address.postalCode)
        shipTo.add("City", text: address.city)
        shipTo.add("Region", text: address.region)
        shipTo.add("Country", text: address.country.rawValue)
        shipTo.add("Phone", text: address.phone)
        shipTo.add("Email", text: address.email)
        root.add(shipTo)
        root.add("ServiceLevel", text: task.serviceLevel?.rawValue)
        root.add("PromisedDate", text: task.promisedDate?.rawValue)
        root.add("Carrier", [("service", task.carrierService)], text: task.carrier)
        root.add(
            XMLElement(
                "Lines",
                children: task.lines.map { line in
                    XMLElement(
                        "Line",
                        [
                            ("lineNumber", line.lineNumber), ("sku", line.sku), ("gtin", line.gtin),
                            ("quantity", String(line.quantity)), ("binHint", line.binHint),
                        ],
                        children: line.description.map { [XMLElement("Description", text: $0)] } ?? []
                    )
                }
            )
        )
        return try root.document()
    }
}
