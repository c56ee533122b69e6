import Foundation
import KontorModel

/// What a return is worth: returned pieces × the line's unit price per piece, plus the line's tax when the order
/// line has a tax rate, in the order's currency, rounded to its minor units. Decimal throughout, never floating
/// point.
public enum RefundCalculator {
    /// Why a refund cannot be computed.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The refund for `lines` (pieces per order line) of `order`.
    /// - Throws: ``Failure`` naming the line when the order has no such line or its unit does not convert to pieces.
    public static func amount(for lines: [ConfirmedLine], of order: CanonicalOrder) throws -> Money {
        var total = Money.zero(order.currency)
        for line in lines {
            guard let orderLine = order.lines.first(where: { $0.lineNumber == line.lineNumber }) else {
                throw Failure(description: "line \(line.lineNumber) is not a line of order \(order.orderNumber)")
            }
            guard let perUnit = orderLine.unitOfMeasure.piecesPerUnit else {
                throw Failure(
                    description: "line \(line.lineNumber): unit \(orderLine.unitOfMeasure) does not convert to pieces"
                )
            }
            // unitPrice is per unit of measure (a dozen, a pair): per piece it is unitPrice / pieces per unit.
            var net = orderLine.unitPrice.value * Decimal(line.quantity) / Decimal(perUnit)
            if let rate = orderLine.taxRate {
                net += net * rate.value / 100
            }
            total.amount = total.amount + DecimalAmount(net)
        }
        return total.roundedToMinorUnits(rule: .halfUp)
    }
}
