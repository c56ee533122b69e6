import Foundation
import KontorModel

/// How one order line is acknowledged in an 855 (ACK01 line item status code).
public struct X12LineAcknowledgement: Sendable, Hashable {
    /// ACK01, e.g. `IA` accepted, `IR` rejected, `IB` backordered, `IQ` quantity changed.
    public var status: String
    /// ACK02, the acknowledged quantity.
    public var quantity: DecimalAmount

    /// Creates a line acknowledgement.
    public init(status: String, quantity: DecimalAmount) {
        self.status = status
        self.quantity = quantity
    }
}

/// The content of an 856 ship notice with one shipment, one or more orders and their items (HL S / O / I).
public struct X12ShipNotice: Sendable, Hashable {
    /// One shipped item (HL I level).
    public struct Item: Sendable, Hashable {
        /// LIN01, the order line number.
        public var lineNumber: String
        /// LIN VN id.
        public var sku: String?
        /// LIN BP id.
        public var buyerSku: String?
        /// LIN UP id (GTIN).
        public var gtin: String?
        /// PID05.
        public var description: String?
        /// SN102, the shipped quantity.
        public var quantity: DecimalAmount
        /// SN103.
        public var unitOfMeasure: UnitOfMeasure

        /// Creates an item.
        public init(
            lineNumber: String,
            sku: String? = nil,
            buyerSku: String? = nil,
            gtin: String? = nil,
            description: String? = nil,
            quantity: DecimalAmount,
            unitOfMeasure: UnitOfMeasure = .each
        ) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.buyerSku = buyerSku
            self.gtin = gtin
            self.description = description
            self.quantity = quantity
            self.unitOfMeasure = unitOfMeasure
        }

        /// The whole quantity of an order line.
        public init(_ line: OrderLine) {
            self.init(
                lineNumber: line.lineNumber,
                sku: line.sku,
                buyerSku: line.buyerSku,
                gtin: line.gtin,
                description: line.description,
                quantity: line.quantity,
                unitOfMeasure: line.unitOfMeasure
            )
        }
    }

    /// One order of the shipment (HL O level).
    public struct Order: Sendable, Hashable {
        /// PRF01, the purchase order number.
        public var orderNumber: String
        /// PRF04, the purchase order date.
        public var orderDate: KontorDate?
        /// The items shipped for this order.
        public var items: [Item]

        /// Creates an order.
        public init(orderNumber: String, orderDate: KontorDate?, items: [Item]) {
            self.orderNumber = orderNumber
            self.orderDate = orderDate
            self.items = items
        }

        /// Every line of a canonical order, shipped complete.
        public init(_ order: CanonicalOrder) {
            self.init(orderNumber: order.orderNumber, orderDate: order.orderDate, items: order.lines.map(Item.init))
        }
    }

    /// BSN02, the shipment identification.
    public var shipmentID: String
    /// BSN03 and DTM*011.
    public var shipDate: KontorDate
    /// TD503 carrier code (SCAC).
    public var carrier: String?
    /// REF*CN.
    public var trackingNumber: String?
    /// REF*BM.
    public var billOfLading: String?
    /// N1*ST loop.
    public var shipTo: Address?
    /// HL O levels.
    public var orders: [Order]

    /// Creates a ship notice.
    public init(
        shipmentID: String,
        shipDate: KontorDate,
        carrier: String? = nil,
        trackingNumber: String? = nil,
        billOfLading: String? = nil,
        shipTo: Address? = nil,
        orders: [Order]
    ) {
        self.shipmentID = shipmentID
        self.shipDate = shipDate
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.billOfLading = billOfLading
        self.shipTo = shipTo
        self.orders = orders
    }
}

/// Writes outbound X12 documents (855, 856, 810) from canonical data, each in its own interchange.
///
/// Amounts are written as decimals (`9.25`), except TDS01 which has an implied 2 decimals (`36596` = 365.96).
/// Dates are CCYYMMDD. Delimiter characters inside data are replaced by spaces.
public struct X12Writer: Sendable {
    /// The envelope settings: parties, control numbers, version, delimiters.
    public var envelope: X12EnvelopeSettings

    /// Creates a writer.
    public init(envelope: X12EnvelopeSettings) {
        self.envelope = envelope
    }

    /// An 855 purchase order acknowledgement (GS01 `PR`).
    ///
    /// - Parameters:
    ///   - order: The acknowledged order.
    ///   - type: BAK02, e.g. `AD` (acknowledge with detail, no change), `AC` (with detail and change), `RD`.
    ///   - date: BAK09, the acknowledgement date.
    ///   - lines: Per line number, how the line is acknowledged; lines not listed are accepted as ordered (`IA`).
    public func orderAcknowledgement(
        _ order: CanonicalOrder,
        type: String = "AD",
        date: KontorDate,
        lines: [String: X12LineAcknowledgement] = [:]
    ) -> String {
        var body: [[String]] = [
            [
                "BAK", "00", type, order.orderNumber, X12Date.x12Date(fromISO: order.orderDate.rawValue), "", "", "",
                "",
                X12Date.x12Date(fromISO: date.rawValue),
            ],
            ["CUR", "SE", order.currency.rawValue],
        ]
        body += party("ST", order.shipTo, id: nil)
        for line in order.lines {
            body.append(po1(tag: "PO1", line))
            if let description = line.description { body.append(["PID", "F", "", "", "", description]) }
            let ack = lines[line.lineNumber] ?? X12LineAcknowledgement(status: "IA", quantity: line.quantity)
            body.append(["ACK", ack.status, number(ack.quantity), x12Unit(line.unitOfMeasure)])
        }
        body.append(["CTT", String(order.lines.count)])
        return render("PR", "855", body)
    }

    /// An 856 ship notice (GS01 `SH`) with the hierarchy shipment → order → item (BSN05 `0004`).
    public func shipNotice(_ notice: X12ShipNotice) -> String {
        let date = X12Date.x12Date(fromISO: notice.shipDate.rawValue)
        var body: [[String]] = [["BSN", "00", notice.shipmentID, date, "0000", "0004"]]
        var hl = 1
        body.append(["HL", "1", "", "S"])
        if let carrier = notice.carrier { body.append(["TD5", "", "2", carrier]) }
        if let bol = notice.billOfLading { body.append(["REF", "BM", bol]) }
        if let tracking = notice.trackingNumber { body.append(["REF", "CN", tracking]) }
        body.append(["DTM", "011", date])
        if let shipTo = notice.shipTo { body += party("ST", shipTo, id: nil) }
        for order in notice.orders {
            hl += 1
            let orderLevel = hl
            body.append(["HL", String(orderLevel), "1", "O"])
            body.append([
                "PRF", order.orderNumber, "", "", order.orderDate.map { X12Date.x12Date(fromISO: $0.rawValue) } ?? "",
            ])
            for item in order.items {
                hl += 1
                body.append(["HL", String(hl), String(orderLevel), "I"])
                var lin = ["LIN", item.lineNumber]
                for (qualifier, id) in [("VN", item.sku), ("BP", item.buyerSku), ("UP", item.gtin)] {
                    if let id, !id.isEmpty { lin += [qualifier, id] }
                }
                body.append(lin)
                body.append(["SN1", "", number(item.quantity), x12Unit(item.unitOfMeasure)])
                if let description = item.description { body.append(["PID", "F", "", "", "", description]) }
            }
        }
        body.append(["CTT", String(hl)])
        return render("SH", "856", body)
    }

    /// An 810 invoice (GS01 `IN`) for the lines of an order (all of them by default).
    ///
    /// TDS01 is the sum of the invoiced lines plus ``OrderTotals/shipping`` (written as SAC*C*G830) when present.
    public func invoice(
        for order: CanonicalOrder,
        invoiceNumber: String,
        invoiceDate: KontorDate,
        lines: [OrderLine]? = nil
    ) -> String {
        let invoiced = lines ?? order.lines
        var body: [[String]] = [
            [
                "BIG", X12Date.x12Date(fromISO: invoiceDate.rawValue), invoiceNumber,
                X12Date.x12Date(fromISO: order.orderDate.rawValue), order.orderNumber,
            ],
            ["CUR", "SE", order.currency.rawValue],
        ]
        if order.buyer.name != nil || order.buyer.id != nil {
            body.append(["N1", "BY", order.buyer.name ?? "", order.buyer.id == nil ? "" : "92", order.buyer.id ?? ""])
        }
        body += party("ST", order.shipTo, id: nil)
        var total = DecimalAmount.zero
        for line in invoiced {
            body.append(po1(tag: "IT1", line))
            if let description = line.description { body.append(["PID", "F", "", "", "", description]) }
            total = total + line.extendedAmount
        }
        let shipping = order.totals.shipping ?? .zero
        total = total + shipping
        body.append(["TDS", cents(total)])
        if !shipping.isZero { body.append(["SAC", "C", "G830", "", "", cents(shipping)]) }
        body.append(["CTT", String(invoiced.count)])
        return render("IN", "810", body)
    }

    private func render(_ functionalIdentifier: String, _ setIdentifier: String, _ body: [[String]]) -> String {
        X12Render.interchange(
            [
                X12OutboundGroup(
                    functionalIdentifier: functionalIdentifier,
                    version: envelope.groupVersion,
                    transactions: [X12OutboundTransaction(setIdentifier: setIdentifier, body: body)]
                )
            ],
            settings: envelope
        )
    }

    private func po1(tag: String, _ line: OrderLine) -> [String] {
        var segment = [
            tag, line.lineNumber, number(line.quantity), x12Unit(line.unitOfMeasure), number(line.unitPrice), "",
        ]
        for (qualifier, id) in [("VN", line.sku), ("BP", line.buyerSku), ("UP", line.gtin)] {
            if let id, !id.isEmpty { segment += [qualifier, id] }
        }
        return segment
    }

    private func party(_ code: String, _ address: Address, id: String?) -> [[String]] {
        var segments: [[String]] = [
            ["N1", code, address.name ?? address.company ?? "", id == nil ? "" : "92", id ?? ""]
        ]
        if address.name != nil, let company = address.company { segments.append(["N2", company]) }
        if let street = address.street { segments.append(["N3", street, address.street2 ?? ""]) }
        segments.append([
            "N4", address.city ?? "", address.region ?? "", address.postalCode ?? "", address.country.rawValue,
        ])
        return segments
    }

    /// The X12 unit code for a Rec 20 unit (inverse of ``X12PurchaseOrderReader/unitCodes``).
    func x12Unit(_ unit: UnitOfMeasure) -> String {
        if unit == .one { return "EA" }
        return X12PurchaseOrderReader.unitCodes.first { $0.value == unit.rawValue && $0.key != "PC" }?.key
            ?? unit.rawValue
    }

    private func number(_ amount: DecimalAmount) -> String {
        amount.description
    }

    private func cents(_ amount: DecimalAmount) -> String {
        let scaled = (amount * DecimalAmount(100)).rounded(toScale: 0, rule: .halfUp)
        return String(scaled.description.prefix { $0 != "." })
    }
}
