import KontorModel

/// Builds the `ConfirmationRequest` element of an ``OrderResponse``.
enum CXMLConfirmation {
    static func request(for response: OrderResponse) throws(B2BXMLError) -> XMLElement {
        try MessageChecks.check(response)
        let type: String =
            switch response.status {
            case .accepted: "accept"
            case .rejected: "reject"
            default: "detail"
            }
        var header = XMLElement(
            "ConfirmationHeader",
            [
                ("confirmID", response.responseNumber), ("type", type),
                ("noticeDate", XMLDates.cXML(response.responseDate)),
            ]
        )
        if let comments = CXMLParts.comments(response.reason) { header.add(comments) }
        var request = XMLElement(
            "ConfirmationRequest",
            children: [header, try CXMLParts.orderReference(response.order)]
        )
        // A type="reject" confirmation must not contain ConfirmationItem elements.
        guard response.status != .rejected else { return request }
        for (index, line) in response.lines.enumerated() {
            request.add(try item(line, currency: response.currency, at: "lines[\(index)]"))
        }
        return request
    }

    /// `ConfirmationItem` with the ordered quantity and statuses whose quantities add up to it.
    private static func item(
        _ line: OrderResponseLine,
        currency: CurrencyCode?,
        at path: String
    ) throws(B2BXMLError) -> XMLElement {
        let lineNumber = try CXMLParts.lineNumber(line.lineNumber, at: path + ".lineNumber")
        guard line.acceptedQuantity <= line.orderedQuantity else {
            throw B2BXMLError(
                .invalidValue,
                at: path + ".acceptedQuantity",
                "cXML cannot confirm more than ordered (\(line.acceptedQuantity) of \(line.orderedQuantity)): "
                    + "ConfirmationStatus quantities add up to the ordered ConfirmationItem quantity"
            )
        }
        var item = XMLElement(
            "ConfirmationItem",
            [("quantity", line.orderedQuantity.description), ("lineNumber", lineNumber)],
            children: [unit(line)]
        )
        let changed = line.changedDeliveryDate != nil || line.changedUnitPrice != nil
        let rejected = line.rejectedQuantity
        if line.acceptedQuantity.isPositive {
            var status = XMLElement(
                "ConfirmationStatus",
                [
                    ("quantity", line.acceptedQuantity.description), ("type", changed ? "detail" : "accept"),
                    ("deliveryDate", line.changedDeliveryDate.map(XMLDates.cXML)),
                ],
                children: [unit(line)]
            )
            if let price = line.changedUnitPrice {
                guard let currency else {
                    throw B2BXMLError(.missingField, at: "currency", "a changed unit price needs the response currency")
                }
                status.add(XMLElement("UnitPrice", children: [CXMLParts.money(price, currency)]))
            }
            // The reason explains the reject part when there is one, otherwise the change.
            if rejected.isZero, let comments = CXMLParts.comments(line.reason) { status.add(comments) }
            item.add(status)
        }
        if rejected.isPositive {
            var status = XMLElement(
                "ConfirmationStatus",
                [("quantity", rejected.description), ("type", "reject")],
                children: [unit(line)]
            )
            if let comments = CXMLParts.comments(line.reason) { status.add(comments) }
            item.add(status)
        }
        return item
    }

    private static func unit(_ line: OrderResponseLine) -> XMLElement {
        XMLElement("UnitOfMeasure", text: line.unitOfMeasure.rawValue)
    }
}
