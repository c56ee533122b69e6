/// The seller's answer for one order line.
///
/// JSON: `{lineNumber, sku, buyerSku, gtin, description, orderedQuantity, unitOfMeasure, status, acceptedQuantity,
/// changedDeliveryDate, changedUnitPrice, reason}`. A quantity change is a ``OrderResponseStatus/changed`` line whose
/// ``acceptedQuantity`` differs from ``orderedQuantity``; the rest (``rejectedQuantity``) is not delivered.
public struct OrderResponseLine: Sendable, Hashable, Codable {
    /// The order's line number (``OrderLine/lineNumber``).
    public var lineNumber: String

    /// The seller's item number.
    public var sku: String?

    /// The buyer's item number.
    public var buyerSku: String?

    /// The GS1 GTIN of the item.
    public var gtin: String?

    /// The item description.
    public var description: String?

    /// How many units were ordered.
    public var orderedQuantity: DecimalAmount

    /// The unit of both quantities.
    public var unitOfMeasure: UnitOfMeasure

    /// Accepted, rejected or changed.
    public var status: OrderResponseStatus

    /// How many units the seller confirms: all of ``orderedQuantity`` for an accepted line, zero for a rejected one.
    public var acceptedQuantity: DecimalAmount

    /// The delivery date the seller confirms, when it differs from the requested one.
    public var changedDeliveryDate: KontorDate?

    /// The unit price the seller confirms, in ``OrderResponse/currency``, when it differs from the ordered one.
    public var changedUnitPrice: DecimalAmount?

    /// Why the line is rejected or changed, as text for people.
    public var reason: String?

    /// Creates a line response.
    public init(
        lineNumber: String,
        sku: String? = nil,
        buyerSku: String? = nil,
        gtin: String? = nil,
        description: String? = nil,
        orderedQuantity: DecimalAmount,
        unitOfMeasure: UnitOfMeasure = .one,
        status: OrderResponseStatus,
        acceptedQuantity: DecimalAmount,
        changedDeliveryDate: KontorDate? = nil,
        changedUnitPrice: DecimalAmount? = nil,
        reason: String? = nil
    ) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.buyerSku = buyerSku
        self.gtin = gtin
        self.description = description
        self.orderedQuantity = orderedQuantity
        self.unitOfMeasure = unitOfMeasure
        self.status = status
        self.acceptedQuantity = acceptedQuantity
        self.changedDeliveryDate = changedDeliveryDate
        self.changedUnitPrice = changedUnitPrice
        self.reason = reason
    }

    /// An order line accepted as ordered.
    public static func accepted(_ line: OrderLine) -> OrderResponseLine {
        OrderResponseLine(line, status: .accepted, acceptedQuantity: line.quantity)
    }

    /// An order line rejected as a whole.
    public static func rejected(_ line: OrderLine, reason: String? = nil) -> OrderResponseLine {
        OrderResponseLine(line, status: .rejected, acceptedQuantity: .zero, reason: reason)
    }

    /// An order line accepted with changes; leave out what does not change.
    public static func changed(
        _ line: OrderLine,
        acceptedQuantity: DecimalAmount? = nil,
        deliveryDate: KontorDate? = nil,
        unitPrice: DecimalAmount? = nil,
        reason: String? = nil
    ) -> OrderResponseLine {
        var response = OrderResponseLine(
            line,
            status: .changed,
            acceptedQuantity: acceptedQuantity ?? line.quantity,
            reason: reason
        )
        response.changedDeliveryDate = deliveryDate
        response.changedUnitPrice = unitPrice
        return response
    }

    private init(_ line: OrderLine, status: OrderResponseStatus, acceptedQuantity: DecimalAmount, reason: String? = nil)
    {
        self.init(
            lineNumber: line.lineNumber,
            sku: line.sku,
            buyerSku: line.buyerSku,
            gtin: line.gtin,
            description: line.description,
            orderedQuantity: line.quantity,
            unitOfMeasure: line.unitOfMeasure,
            status: status,
            acceptedQuantity: acceptedQuantity,
            reason: reason
        )
    }

    /// The units that will not be delivered: ``orderedQuantity`` minus ``acceptedQuantity``, never below zero.
    public var rejectedQuantity: DecimalAmount {
        let rest = orderedQuantity - acceptedQuantity
        return rest.isNegative ? .zero : rest
    }
}
