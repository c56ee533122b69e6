/// An amount in a currency, for code that computes with prices.
///
/// On the wire the canonical order carries one ``CanonicalOrder/currency`` and plain ``DecimalAmount`` strings;
/// `Money` pairs them back up when you calculate.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount, e.g. `19.99`.
    public var amount: DecimalAmount

    /// The currency of ``amount``.
    public var currency: CurrencyCode

    /// Creates an amount of money.
    public init(_ amount: DecimalAmount, _ currency: CurrencyCode) {
        self.amount = amount
        self.currency = currency
    }

    /// Parses a strict decimal string; returns `nil` when `amount` is not one.
    public init?(_ amount: String, _ currency: CurrencyCode) {
        guard let parsed = DecimalAmount(amount) else { return nil }
        self.init(parsed, currency)
    }

    /// Zero in `currency`.
    public static func zero(_ currency: CurrencyCode) -> Money {
        Money(.zero, currency)
    }

    /// `"19.99 EUR"`.
    public var description: String {
        "\(amount) \(currency)"
    }

    /// The sum, or `nil` when the currencies differ.
    public func adding(_ other: Money) -> Money? {
        guard other.currency == currency else { return nil }
        return Money(amount + other.amount, currency)
    }

    /// The difference, or `nil` when the currencies differ.
    public func subtracting(_ other: Money) -> Money? {
        guard other.currency == currency else { return nil }
        return Money(amount - other.amount, currency)
    }

    /// The amount times a factor such as a quantity.
    public func multiplied(by factor: DecimalAmount) -> Money {
        Money(amount * factor, currency)
    }

    /// Rounds to the currency's ISO 4217 minor units (2 when the currency has none listed).
    public func roundedToMinorUnits(rule: DecimalAmount.RoundingRule = .halfEven) -> Money {
        Money(amount.rounded(toScale: currency.minorUnits ?? 2, rule: rule), currency)
    }

    /// Sums amounts that all share `currency`; `nil` when any differs.
    public static func sum(_ values: some Sequence<Money>, currency: CurrencyCode) -> Money? {
        var total = Money.zero(currency)
        for value in values {
            guard let next = total.adding(value) else { return nil }
            total = next
        }
        return total
    }
}
