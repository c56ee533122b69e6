/// The order's totals in the order currency. JSON: `{subtotal, shipping, tax, discount, grandTotal}`; `grandTotal`
/// is required.
///
/// `discount` is a positive amount that was taken off.
public struct OrderTotals: Sendable, Hashable, Codable {
    /// Sum of the lines.
    public var subtotal: DecimalAmount?

    /// Shipping charges.
    public var shipping: DecimalAmount?

    /// Tax.
    public var tax: DecimalAmount?

    /// Discounts taken off, as a positive amount.
    public var discount: DecimalAmount?

    /// What the buyer pays.
    public var grandTotal: DecimalAmount

    /// Creates totals.
    public init(
        subtotal: DecimalAmount? = nil,
        shipping: DecimalAmount? = nil,
        tax: DecimalAmount? = nil,
        discount: DecimalAmount? = nil,
        grandTotal: DecimalAmount
    ) {
        self.subtotal = subtotal
        self.shipping = shipping
        self.tax = tax
        self.discount = discount
        self.grandTotal = grandTotal
    }

    /// Totals computed from lines: subtotal is the sum of ``OrderLine/extendedAmount``, grand total is
    /// subtotal + shipping + tax - discount. For connectors whose source sends no totals.
    public init(
        computedFrom lines: [OrderLine],
        shipping: DecimalAmount? = nil,
        tax: DecimalAmount? = nil,
        discount: DecimalAmount? = nil
    ) {
        let subtotal = lines.reduce(DecimalAmount.zero) { $0 + $1.extendedAmount }
        let grandTotal = subtotal + (shipping ?? .zero) + (tax ?? .zero) - (discount ?? .zero)
        self.init(subtotal: subtotal, shipping: shipping, tax: tax, discount: discount, grandTotal: grandTotal)
    }
}
