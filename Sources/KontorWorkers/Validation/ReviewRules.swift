import Foundation
import KontorModel

/// When a valid order is put on hold for a person to review instead of going on to allocation.
///
/// A matching rule never rejects: the order waits as `on-hold` with the rule's reason until someone releases or
/// cancels it.
public struct ReviewRules: Sendable, Hashable {
    /// Orders whose grand total is above the amount for their currency are held (`order-value-over-threshold`).
    /// Currencies not listed have no threshold.
    public var orderValueOver: [CurrencyCode: DecimalAmount]

    /// Lines whose unit price deviates from the catalog's list price (same currency) by more than this many percent,
    /// up or down, are held (`price-deviation`); `nil` turns the rule off.
    public var priceDeviationPercent: DecimalAmount?

    /// Another order with the same fingerprint seen within this many hours is a possible duplicate
    /// (`possible-duplicate`); 0 turns duplicate detection off.
    public var duplicateWindowHours: Int

    /// The defaults: hold above 10,000 EUR, CHF or USD, or 8,500 GBP; price deviation over 25 %; duplicates within
    /// 72 hours.
    public init(
        orderValueOver: [CurrencyCode: DecimalAmount] = [
            CurrencyCode("EUR")!: 10_000, CurrencyCode("CHF")!: 10_000, CurrencyCode("USD")!: 10_000,
            CurrencyCode("GBP")!: 8_500,
        ],
        priceDeviationPercent: DecimalAmount? = 25,
        duplicateWindowHours: Int = 72
    ) {
        self.orderValueOver = orderValueOver
        self.priceDeviationPercent = priceDeviationPercent
        self.duplicateWindowHours = duplicateWindowHours
    }

    /// Parses `"EUR 10000, GBP 8500"` (an empty text means no threshold).
    public static func parseThresholds(_ text: String) throws(ReviewRulesError) -> [CurrencyCode: DecimalAmount] {
        var thresholds: [CurrencyCode: DecimalAmount] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let currency = CurrencyCode(String(parts[0])), currency.isISO4217,
                let amount = DecimalAmount(parts[1]), amount.isPositive
            else {
                throw ReviewRulesError(
                    "'\(item.trimmingCharacters(in: .whitespaces))' is not '<ISO 4217 currency> <positive amount>'"
                )
            }
            thresholds[currency] = amount
        }
        return thresholds
    }
}

/// A review rule setting that cannot be read.
public struct ReviewRulesError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
