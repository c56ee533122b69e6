import KontorModel

/// Writes a ``PickTaskCancellation`` as XML for warehouses that take the pick-list XML (documented in
/// `Sources/KontorConnectors/WMS/README.md`):
///
/// ```xml
/// <PickTaskCancellation taskId="…" orderId="…" locationId="…" requestedBy="…" requestedAt="…">
///   <Reason>customer changed their mind</Reason>
///   <Lines><Line lineNumber="1" sku="…" quantity="2"/></Lines>
/// </PickTaskCancellation>
/// ```
public enum PickTaskCancellationWriter {
    /// The XML document for `cancellation`.
    /// - Throws: ``B2BXMLError`` naming the XPath of a value with a character XML cannot carry.
    public static func document(for cancellation: PickTaskCancellation) throws(B2BXMLError) -> String {
        var root = XMLElement(
            "PickTaskCancellation",
            [
                ("taskId", cancellation.taskId), ("orderId", cancellation.orderId.rawValue),
                ("locationId", cancellation.locationId), ("requestedBy", cancellation.requestedBy),
                ("requestedAt", cancellation.requestedAt.rfc3339String),
            ]
        )
        root.add("Reason", text: cancellation.reason)
        root.add(
            XMLElement(
                "Lines",
                children: cancellation.lines.map { line in
                    XMLElement(
                        "Line",
                        [("lineNumber", line.lineNumber), ("sku", line.sku), ("quantity", String(line.quantity))]
                    )
                }
            )
        )
        return try root.document()
    }
}
