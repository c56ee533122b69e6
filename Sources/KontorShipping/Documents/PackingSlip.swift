import KontorModel

/// The packing slip of one shipment: order number, shipment, date, ship-from location, ship-to address, carrier and
/// tracking numbers, and the lines with SKU, description, quantity and bin location. As HTML (UTF-8) for screens
/// and browsers' printing, as PDF (A4) for printers.
public struct PackingSlip: Sendable {
    /// The shipment.
    public let document: ShipmentDocument

    /// The date printed on the slip.
    public let date: KontorDate

    /// A packing slip dated `date`, by default the day (UTC) the pick task was made.
    public init(_ document: ShipmentDocument, date: KontorDate? = nil) {
        self.document = document
        self.date = date ?? DocumentText.date(document.task.createdAt)
    }

    /// The slip as a complete HTML page (UTF-8).
    public func html() -> String {
        let task = document.task
        let h = DocumentText.html
        var rows = ""
        for line in task.lines {
            rows += "<tr><td>\(h(line.lineNumber))</td><td>\(h(line.sku))</td><td>\(h(line.description ?? ""))</td>"
            rows += "<td class=\"qty\">\(line.quantity)</td><td>\(h(line.binHint ?? ""))</td></tr>\n"
        }
        let shipTo = DocumentText.addressLines(task.shipTo).map(h).joined(separator: "<br>")
        let shipFrom =
            ([task.locationId] + (document.shipFrom.map(DocumentText.addressLines) ?? [])).map(h)
            .joined(separator: "<br>")
        let tracking = document.parcels.compactMap(\.trackingNumber).map(h).joined(separator: ", ")
        let carrier = [document.effectiveCarrier, document.effectiveService].compactMap { $0 }.joined(separator: " / ")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Packing slip \(h(task.orderNumber))</title>
            <style>
            body { font-family: sans-serif; margin: 2em; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border-bottom: 1px solid #999; padding: 4px 8px; text-align: left; }
            td.qty { text-align: right; }
            .addresses { display: flex; gap: 4em; margin: 1em 0; }
            </style>
            </head>
            <body>
            <h1>Packing slip</h1>
            <dl>
            <dt>Order</dt><dd id="order-number">\(h(task.orderNumber))</dd>
            <dt>Shipment</dt><dd id="shipment">\(h(task.taskId))</dd>
            <dt>Date</dt><dd id="date">\(date)</dd>
            <dt>Carrier</dt><dd id="carrier">\(h(carrier))</dd>
            <dt>Tracking</dt><dd id="tracking">\(tracking)</dd>
            </dl>
            <div class="addresses">
            <div><h2>Ship from</h2><p id="ship-from">\(shipFrom)</p></div>
            <div><h2>Ship to</h2><p id="ship-to">\(shipTo)</p></div>
            </div>
            <table>
            <thead><tr><th>Line</th><th>SKU</th><th>Description</th><th>Quantity</th><th>Location</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            <p>\(task.lines.reduce(0) { $0 + $1.quantity }) piece(s) in \(task.lines.count) line(s)</p>
            </body>
            </html>

            """
    }

    /// The slip as a PDF, A4, as many pages as the lines need.
    public func pdf() -> [UInt8] {
        let task = document.task
        var writer = PDFWriter(title: "Packing slip \(task.orderNumber)")
        var page = PDFWriter.Page(width: 595, height: 842)
        var y = 790.0
        page.text("Packing slip", x: 50, y: y, size: 20, bold: true)
        y -= 30
        let carrier = [document.effectiveCarrier, document.effectiveService].compactMap { $0 }.joined(separator: " / ")
        let facts: [(String, String)] = [
            ("Order", task.orderNumber), ("Shipment", task.taskId), ("Date", date.rawValue),
            ("Carrier", carrier), ("Tracking", document.parcels.compactMap(\.trackingNumber).joined(separator: ", ")),
        ]
        for (label, value) in facts {
            page.text(label, x: 50, y: y, size: 10, bold: true)
            page.text(value, x: 130, y: y, size: 10)
            y -= 14
        }
        y -= 10
        page.text("Ship from", x: 50, y: y, size: 11, bold: true)
        page.text("Ship to", x: 300, y: y, size: 11, bold: true)
        let from = [task.locationId] + (document.shipFrom.map(DocumentText.addressLines) ?? [])
        let to = DocumentText.addressLines(task.shipTo)
        for index in 0..<max(from.count, to.count) {
            y -= 14
            if index < from.count { page.text(from[index], x: 50, y: y, size: 10) }
            if index < to.count { page.text(to[index], x: 300, y: y, size: 10) }
        }
        y -= 30
        func header(_ page: inout PDFWriter.Page, at y: Double) {
            for (title, x) in [("Line", 50.0), ("SKU", 85), ("Description", 200), ("Qty", 450), ("Location", 490)] {
                page.text(title, x: x, y: y, size: 10, bold: true)
            }
            page.line(fromX: 50, fromY: y - 4, toX: 545, toY: y - 4)
        }
        header(&page, at: y)
        for line in task.lines {
            y -= 16
            if y < 60 {
                writer.pages.append(page)
                page = PDFWriter.Page(width: 595, height: 842)
                y = 790
                header(&page, at: y)
                y -= 16
            }
            page.text(DocumentText.truncated(line.lineNumber, to: 6), x: 50, y: y, size: 9)
            page.text(DocumentText.truncated(line.sku, to: 22), x: 85, y: y, size: 9)
            page.text(DocumentText.truncated(line.description ?? "", to: 48), x: 200, y: y, size: 9)
            page.text(String(line.quantity), x: 450, y: y, size: 9)
            page.text(DocumentText.truncated(line.binHint ?? "", to: 10), x: 490, y: y, size: 9)
        }
        y -= 24
        if y < 60 {
            writer.pages.append(page)
            page = PDFWriter.Page(width: 595, height: 842)
            y = 790
        }
        page.text(
            "\(task.lines.reduce(0) { $0 + $1.quantity }) piece(s) in \(task.lines.count) line(s)",
            x: 50,
            y: y,
            size: 10
        )
        writer.pages.append(page)
        return writer.bytes()
    }
}
