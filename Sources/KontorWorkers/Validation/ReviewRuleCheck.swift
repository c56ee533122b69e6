import Foundation
import KontorModel
import KontorStore

/// The findings of ``ReviewRules`` that need no store round trip: order value and price deviation.
struct ReviewRuleCheck: Sendable {
    let rules: ReviewRules

    func findings(_ order: CanonicalOrder, products: [Int: Product]) -> [ValidationReason] {
        var findings: [ValidationReason] = []
        if let threshold = rules.orderValueOver[order.currency], order.totals.grandTotal > threshold {
            findings.append(
                ValidationReason(
                    code: .orderValueOverThreshold,
                    field: "totals.grandTotal",
                    message: "\(order.totals.grandTotal) \(order.currency) is above the review threshold of "
                        + "\(threshold) \(order.currency)"
                )
            )
        }
        guard let allowed = rules.priceDeviationPercent else { return findings }
        for (index, line) in order.lines.enumerated() {
            guard let product = products[index], let listPrice = product.listPrice, listPrice.isPositive,
                product.currency == nil || product.currency == order.currency,
                let perPiece = line.unitOfMeasure.piecesPerUnit
            else { continue }
            let listPerUnit = listPrice * DecimalAmount(perPiece)
            let deviation = (line.unitPrice - listPerUnit) * DecimalAmount(100)
            let limit = listPerUnit * allowed
            if deviation > limit || -deviation > limit {
                let percent = DecimalAmount(deviation.value / listPerUnit.value).rounded(toScale: 1)
                findings.append(
                    ValidationReason(
                        code: .priceDeviation,
                        field: "lines[\(index)].unitPrice",
                        message: "\(line.unitPrice) deviates \(percent) % from the list price \(listPerUnit) "
                            + "(allowed ±\(allowed) %)"
                    )
                )
            }
        }
        return findings
    }
}
