import Foundation
import KontorModel

/// The replacement order of an exchange: the original's buyer, ship-to and channel, the returned lines at their
/// original prices, fully discounted (the customer paid with the original order), marked paid by the RMA and
/// linked to the original by the attribute `exchangeOf`.
///
/// Original prices (not zero) keep the validation stage's price-deviation rule quiet; the zero grand total sets the
/// order apart from the original for duplicate detection.
public enum ExchangeOrder {
    /// The attribute naming the original order.
    public static let exchangeOfAttribute = "exchangeOf"

    /// The attribute naming the RMA.
    public static let rmaAttribute = "rmaNumber"

    /// The replacement for `receipt` of `rmaNumber` on `original`, with its Kontor id assigned. Its order number is
    /// the RMA number (with `-<n>` for the RMA's second and later receipts), so the id is the same every time.
    public static func make(
        from original: CanonicalOrder,
        originalID: OrderID,
        rmaNumber: String,
        receiptNumber: Int,
        lines: [ConfirmedLine],
        date: Timestamp
    ) -> CanonicalOrder {
        let orderLines = lines.compactMap { returned -> OrderLine? in
            guard var line = original.lines.first(where: { $0.lineNumber == returned.lineNumber }) else { return nil }
            let perUnit = line.unitOfMeasure.piecesPerUnit ?? 1
            // Pieces back as pieces; the price per piece keeps the value when the original unit was a pack.
            line.quantity = DecimalAmount(returned.quantity)
            if perUnit != 1 {
                line.unitOfMeasure = .one
                line.unitPrice = DecimalAmount(line.unitPrice.value / Decimal(perUnit)).rounded(toScale: 4)
            }
            line.lineTotal = nil
            line.sku = returned.sku
            line.requestedDeliveryDate = nil
            return line
        }
        let subtotal = orderLines.reduce(DecimalAmount.zero) { $0 + $1.extendedAmount }
        var attributes = [exchangeOfAttribute: originalID.rawValue, rmaAttribute: rmaNumber]
        // The original's own attributes travel along; the two links are this order's.
        if let inherited = original.attributes {
            attributes.merge(inherited) { link, _ in link }
        }
        var order = CanonicalOrder(
            orderNumber: receiptNumber > 1 ? "\(rmaNumber)-\(receiptNumber)" : rmaNumber,
            channel: original.channel,
            orderDate: KontorDate(date),
            currency: original.currency,
            customerType: original.customerType,
            buyer: original.buyer,
            shipTo: original.shipTo,
            billTo: original.billTo,
            lines: orderLines,
            totals: OrderTotals(subtotal: subtotal, discount: subtotal, grandTotal: .zero),
            payment: Payment(status: .paid, reference: rmaNumber, amount: .zero),
            delivery: original.delivery,
            notes: "Exchange for order \(original.orderNumber) (\(rmaNumber))",
            attributes: attributes
        )
        order.id = order.derivedID
        return order
    }
}
