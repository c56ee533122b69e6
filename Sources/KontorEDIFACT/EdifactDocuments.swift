import Foundation
import KontorModel

/// The response data of an ORDRSP beyond the order itself.
public struct EdifactOrderResponse: Sendable, Hashable {
    /// The response's own number (BGM 1004).
    public var documentNumber: String
    /// The response date (DTM 137).
    public var date: KontorDate
    /// BGM 1225: `29` accepted without amendment, `4` change, `27` not accepted.
    public var messageFunction: String
    /// LIN 1229 per line number: `5` accepted, `3` changed, `7` not accepted; lines not listed get `5`.
    public var lineActions: [String: String]

    /// Creates a response.
    public init(
        documentNumber: String,
        date: KontorDate,
        messageFunction: String = "29",
        lineActions: [String: String] = [:]
    ) {
        self.documentNumber = documentNumber
        self.date = date
        self.messageFunction = messageFunction
        self.lineActions = lineActions
    }
}

/// The despatch data of a DESADV.
public struct EdifactDespatchAdvice: Sendable, Hashable {
    /// The despatch advice number (BGM 1004).
    public var documentNumber: String
    /// The document date (DTM 137).
    public var date: KontorDate
    /// The despatch date (DTM 11).
    public var despatchDate: KontorDate?
    /// The carrier's tracking or consignment number (RFF+CN).
    public var trackingNumber: String?
    /// Shipped quantity per line number; lines not listed ship their full ordered quantity.
    public var shippedQuantities: [String: DecimalAmount]

    /// Creates a despatch advice.
    public init(
        documentNumber: String,
        date: KontorDate,
        despatchDate: KontorDate? = nil,
        trackingNumber: String? = nil,
        shippedQuantities: [String: DecimalAmount] = [:]
    ) {
        self.documentNumber = documentNumber
        self.date = date
        self.despatchDate = despatchDate
        self.trackingNumber = trackingNumber
        self.shippedQuantities = shippedQuantities
    }
}

/// The invoice data of an INVOIC.
public struct EdifactInvoice: Sendable, Hashable {
    /// The invoice number (BGM 1004).
    public var documentNumber: String
    /// The invoice date (DTM 137).
    public var date: KontorDate
    /// The due date (DTM 13).
    public var dueDate: KontorDate?

    /// Creates invoice data.
    public init(documentNumber: String, date: KontorDate, dueDate: KontorDate? = nil) {
        self.documentNumber = documentNumber
        self.date = date
        self.dueDate = dueDate
    }
}

extension EdifactWriter {
    /// An ORDRSP (D:96A:UN) interchange answering `order`.
    public func orderResponse(
        for order: CanonicalOrder,
        response: EdifactOrderResponse,
        envelope: EdifactEnvelope
    ) -> String {
        var segments = header(
            "231",
            number: response.documentNumber,
            function: response.messageFunction,
            date: response.date,
            order: order
        )
        for line in order.lines {
            segments += lineSegments(
                line,
                action: response.lineActions[line.lineNumber] ?? "5",
                quantityQualifier: "21"
            )
        }
        segments += summary(order, grandTotalQualifier: "86")
        return interchange(envelope, messages: [EdifactOutboundMessage(type: "ORDRSP", segments: segments)])
    }

    /// A DESADV (D:96A:UN) interchange for a shipment of `order`.
    public func despatchAdvice(
        for order: CanonicalOrder,
        advice: EdifactDespatchAdvice,
        envelope: EdifactEnvelope
    ) -> String {
        var segments = header("351", number: advice.documentNumber, function: "9", date: advice.date, order: order)
        if let despatch = advice.despatchDate {
            segments.insert(EdifactSegment("DTM", [["11", Self.ediDate(despatch), "102"]]), at: 2)
        }
        if let tracking = advice.trackingNumber {
            let index = segments.firstIndex { $0.tag == "NAD" } ?? segments.count
            segments.insert(EdifactSegment("RFF", [["CN", tracking]]), at: index)
        }
        segments.append(EdifactSegment("CPS", [["1"]]))
        var shipped: [OrderLine] = []
        for var line in order.lines {
            if let quantity = advice.shippedQuantities[line.lineNumber] { line.quantity = quantity }
            line.lineTotal = nil
            shipped.append(line)
            segments += lineSegments(line, action: nil, quantityQualifier: "12", prices: false)
        }
        segments.append(EdifactSegment("CNT", [["2", String(shipped.count)]]))
        return interchange(envelope, messages: [EdifactOutboundMessage(type: "DESADV", segments: segments)])
    }

    /// An INVOIC (D:96A:UN) interchange billing `order`.
    public func invoice(for order: CanonicalOrder, invoice: EdifactInvoice, envelope: EdifactEnvelope) -> String {
        var segments = header("380", number: invoice.documentNumber, function: "9", date: invoice.date, order: order)
        if let due = invoice.dueDate {
            segments.insert(EdifactSegment("DTM", [["13", Self.ediDate(due), "102"]]), at: 2)
        }
        for line in order.lines {
            segments += lineSegments(line, action: nil, quantityQualifier: "47")
        }
        segments += summary(order, grandTotalQualifier: "77")
        return interchange(envelope, messages: [EdifactOutboundMessage(type: "INVOIC", segments: segments)])
    }

    // MARK: Building blocks

    static func ediDate(_ date: KontorDate) -> String {
        String(date.rawValue.prefix(10).filter { $0 != "-" })
    }

    private func header(
        _ documentCode: String,
        number: String,
        function: String,
        date: KontorDate,
        order: CanonicalOrder
    ) -> [EdifactSegment] {
        var segments = [
            EdifactSegment("BGM", [[documentCode], [number], [function]]),
            EdifactSegment("DTM", [["137", Self.ediDate(date), "102"]]),
            EdifactSegment("RFF", [["ON", order.orderNumber]]),
            EdifactSegment("DTM", [["171", Self.ediDate(order.orderDate), "102"]]),
        ]
        segments.append(party("BY", id: order.buyer.id, name: order.buyer.name, address: nil))
        if let vat = order.buyer.vatId { segments.append(EdifactSegment("RFF", [["VA", vat]])) }
        segments.append(party("DP", id: nil, name: order.shipTo.name, address: order.shipTo))
        if let billTo = order.billTo { segments.append(party("IV", id: nil, name: billTo.name, address: billTo)) }
        segments.append(EdifactSegment("CUX", [["2", order.currency.rawValue, "9"]]))
        return segments
    }

    private func party(_ qualifier: String, id: String?, name: String?, address: Address?) -> EdifactSegment {
        var streets = [address?.street ?? ""]
        if let second = address?.street2 { streets.append(second) }
        return EdifactSegment(
            "NAD",
            [
                [qualifier], id.map { [$0, "", "92"] } ?? [], [], [name ?? ""], streets, [address?.city ?? ""],
                [address?.region ?? ""], [address?.postalCode ?? ""], [address?.country.rawValue ?? ""],
            ]
        )
    }

    private func lineSegments(
        _ line: OrderLine,
        action: String?,
        quantityQualifier: String,
        prices: Bool = true
    ) -> [EdifactSegment] {
        var segments = [
            EdifactSegment("LIN", [[line.lineNumber], [action ?? ""], line.gtin.map { [$0, "EN"] } ?? []])
        ]
        var ids: [[String]] = []
        if let sku = line.sku { ids.append([sku, "SA"]) }
        if let buyerSku = line.buyerSku { ids.append([buyerSku, "IN"]) }
        if !ids.isEmpty { segments.append(EdifactSegment("PIA", [["1"]] + ids)) }
        if let description = line.description {
            segments.append(EdifactSegment("IMD", [["F"], [], ["", "", "", description]]))
        }
        segments.append(
            EdifactSegment("QTY", [[quantityQualifier, line.quantity.description, line.unitOfMeasure.rawValue]])
        )
        if let date = line.requestedDeliveryDate {
            segments.append(EdifactSegment("DTM", [["2", Self.ediDate(date), "102"]]))
        }
        guard prices else { return segments }
        if let total = line.lineTotal { segments.append(EdifactSegment("MOA", [["203", total.description]])) }
        segments.append(EdifactSegment("PRI", [["AAA", line.unitPrice.description]]))
        if let rate = line.taxRate {
            segments.append(EdifactSegment("TAX", [["7"], ["VAT"], [], [], ["", "", "", rate.description]]))
        }
        return segments
    }

    private func summary(_ order: CanonicalOrder, grandTotalQualifier: String) -> [EdifactSegment] {
        var segments = [EdifactSegment("UNS", [["S"]])]
        if let subtotal = order.totals.subtotal {
            segments.append(EdifactSegment("MOA", [["79", subtotal.description]]))
        }
        if let tax = order.totals.tax { segments.append(EdifactSegment("MOA", [["124", tax.description]])) }
        segments.append(EdifactSegment("MOA", [[grandTotalQualifier, order.totals.grandTotal.description]]))
        segments.append(EdifactSegment("CNT", [["2", String(order.lines.count)]]))
        return segments
    }
}
