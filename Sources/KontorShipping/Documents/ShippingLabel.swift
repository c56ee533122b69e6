import KontorModel

/// The shipping labels of a shipment whose labels Kontor prints ("self-printed"): one 4 × 6 in label per parcel
/// with a tracking number, with sender, recipient, carrier and service, order number, parcel n of m and the
/// tracking number as a Code 128 barcode. As ZPL (203 dpi thermal printers, `^BC`) or PDF (bars computed by
/// ``Code128``).
public struct ShippingLabel: Sendable {
    /// The shipment.
    public let document: ShipmentDocument

    /// Labels for `document`'s parcels that have tracking numbers.
    public init(_ document: ShipmentDocument) {
        self.document = document
    }

    /// One `^XA … ^XZ` label per tracked parcel, UTF-8 (`^CI28`).
    /// - Throws: ``ShippingLabelError`` when no parcel has a tracking number or one cannot be a Code 128 barcode.
    public func zpl() throws(ShippingLabelError) -> String {
        let parcels = try trackedParcels()
        var output = ""
        for (number, _, tracking, modules) in parcels {
            // Module width in dots so that the symbol and its quiet zones fit the 732-dot print width.
            let moduleDots = max(1, min(4, 732 / (modules + 20)))
            var label = "^XA\n^CI28\n^PW812\n^LL1218\n^LH0,0\n"
            var y = 40
            func field(_ text: String, size: Int, wide: Bool = false) {
                label += "^FO40,\(y)^A0N,\(size),\(wide ? size + 4 : size)^FH_^FD\(Self.zplEscaped(text))^FS\n"
                y += size + 10
            }
            field("From", size: 24, wide: true)
            for line in senderLines { field(line, size: 26) }
            y = max(y, 300) + 10
            label += "^FO40,\(y)^GB732,3,3^FS\n"
            y += 20
            field("To", size: 28, wide: true)
            for line in DocumentText.addressLines(document.task.shipTo) { field(line, size: 40) }
            y = max(y, 680) + 10
            label += "^FO40,\(y)^GB732,3,3^FS\n"
            y += 20
            field(carrierLine, size: 34, wide: true)
            field("Order \(document.task.orderNumber)   Parcel \(number)/\(document.parcels.count)", size: 28)
            y += 20
            label += "^FO40,\(y)^BY\(moduleDots)^BCN,200,Y,N,N,A^FH_^FD\(Self.zplEscaped(tracking))^FS\n"
            label += "^XZ\n"
            output += label
        }
        return output
    }

    /// A PDF with one 4 × 6 in page (288 × 432 pt) per tracked parcel.
    /// - Throws: ``ShippingLabelError`` as ``zpl()``.
    public func pdf() throws(ShippingLabelError) -> [UInt8] {
        let parcels = try trackedParcels()
        var writer = PDFWriter(title: "Shipping label \(document.task.taskId)")
        for (number, _, tracking, _) in parcels {
            var page = PDFWriter.Page(width: 288, height: 432)
            var y = 410.0
            func text(_ string: String, size: Double, bold: Bool = false) {
                page.text(string, x: 14, y: y, size: size, bold: bold)
                y -= size + 3
            }
            text("From", size: 8, bold: true)
            for line in senderLines { text(DocumentText.truncated(line, to: 50), size: 8) }
            y = min(y, 340) - 4
            page.line(fromX: 14, fromY: y, toX: 274, toY: y, width: 1)
            y -= 16
            text("To", size: 9, bold: true)
            for line in DocumentText.addressLines(document.task.shipTo) {
                text(DocumentText.truncated(line, to: 32), size: 13)
            }
            y = min(y, 200) - 4
            page.line(fromX: 14, fromY: y, toX: 274, toY: y, width: 1)
            y -= 16
            text(carrierLine, size: 12, bold: true)
            text("Order \(document.task.orderNumber)   Parcel \(number)/\(document.parcels.count)", size: 9)
            drawBarcode(tracking, on: &page, top: y - 8)
            writer.pages.append(page)
        }
        return writer.bytes()
    }

    /// Bars of `text` centred across the page below `top`, 70 pt high, the text under them.
    private func drawBarcode(_ text: String, on page: inout PDFWriter.Page, top: Double) {
        // trackedParcels() has already checked that every tracking number encodes.
        guard let widths = try? Code128.modules(text) else { return }
        let modules = widths.reduce(0, +)
        // Ten modules of quiet zone on either side; at most 1.5 pt per module.
        let module = min(1.5, 260 / Double(modules + 20))
        var x = (288 - Double(modules) * module) / 2
        let height = 70.0
        for (index, width) in widths.enumerated() {
            if index % 2 == 0 {
                page.fillRectangle(x: x, y: top - height, width: Double(width) * module, height: height)
            }
            x += Double(width) * module
        }
        page.text(text, x: 40, y: top - height - 14, size: 11)
    }

    private var senderLines: [String] {
        [document.task.locationId] + (document.shipFrom.map(DocumentText.addressLines) ?? [])
    }

    private var carrierLine: String {
        [document.effectiveCarrier?.uppercased(), document.effectiveService].compactMap { $0 }
            .joined(separator: "  ")
    }

    /// The tracked parcels with their position and the barcode's width in modules; checks every tracking number.
    private func trackedParcels() throws(ShippingLabelError) -> [(Int, Parcel, String, Int)] {
        let tracked = document.trackedParcels
        guard !tracked.isEmpty else {
            throw ShippingLabelError(
                taskId: document.task.taskId,
                message: "no parcel has a tracking number yet (labels are printed once booked)"
            )
        }
        var result: [(Int, Parcel, String, Int)] = []
        for (number, parcel, tracking) in tracked {
            do {
                result.append((number, parcel, tracking, try Code128.modules(tracking).reduce(0, +)))
            } catch {
                throw ShippingLabelError(
                    taskId: document.task.taskId,
                    message: "parcels[\(number - 1)].trackingNumber: \(error)"
                )
            }
        }
        return result
    }

    /// Field data for `^FH_`: `_`, `^` and `~` as hexadecimal escapes, line breaks as spaces.
    static func zplEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "_": result += "_5F"
            case "^": result += "_5E"
            case "~": result += "_7E"
            case "\n", "\r", "\t": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}

/// Why a shipment's labels cannot be printed.
public struct ShippingLabelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The shipment (pick task).
    public var taskId: String

    /// What is missing or wrong, naming the field.
    public var message: String

    /// An error.
    public init(taskId: String, message: String) {
        self.taskId = taskId
        self.message = message
    }

    public var description: String { "shipment \(taskId): \(message)" }
}
