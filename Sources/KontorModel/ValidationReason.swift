/// One finding of business validation. JSON: `{code, field, message}`.
public struct ValidationReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of finding, machine-readable.
    public var code: Code

    /// The path of the field concerned, e.g. `lines[2].quantity`.
    public var field: String

    /// What is wrong, for humans.
    public var message: String

    /// Creates a finding.
    public init(code: Code, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// `"non-positive-quantity at lines[0].quantity: ..."`.
    public var description: String {
        "\(code) at \(field): \(message)"
    }

    /// Machine-readable finding codes. Stable: consumers match on them.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible, StringValue {
        /// The code string.
        public let rawValue: String

        /// Wraps a code string.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// `missing-field`: a field the business needs is absent (buyer id or name, `shipTo.street`, ...).
        public static let missingField = Code(rawValue: "missing-field")
        /// `empty-required-field`: a required text field is empty or only whitespace.
        public static let emptyRequiredField = Code(rawValue: "empty-required-field")
        /// `non-positive-quantity`: a line quantity is zero or negative.
        public static let nonPositiveQuantity = Code(rawValue: "non-positive-quantity")
        /// `negative-price`: a unit price is negative.
        public static let negativePrice = Code(rawValue: "negative-price")
        /// `negative-amount`: a line total, a total or the payment amount is negative.
        public static let negativeAmount = Code(rawValue: "negative-amount")
        /// `unknown-currency`: the currency is not an active ISO 4217 code.
        public static let unknownCurrency = Code(rawValue: "unknown-currency")
        /// `unknown-country`: a country is not an assigned ISO 3166-1 alpha-2 code.
        public static let unknownCountry = Code(rawValue: "unknown-country")
        /// `unknown-unit`: a unit of measure is not a Rec. 20 code Kontor knows.
        public static let unknownUnit = Code(rawValue: "unknown-unit")
        /// `line-without-item-id`: a line has none of `sku`, `buyerSku` and `gtin`.
        public static let lineWithoutItemID = Code(rawValue: "line-without-item-id")
        /// `duplicate-line-number`: two lines share a line number.
        public static let duplicateLineNumber = Code(rawValue: "duplicate-line-number")
        /// `invalid-gtin`: a GTIN has the wrong length, non-digits or a wrong check digit.
        public static let invalidGTIN = Code(rawValue: "invalid-gtin")
        /// `invalid-tax-rate`: a tax rate is below 0 or above 100 percent.
        public static let invalidTaxRate = Code(rawValue: "invalid-tax-rate")
        /// `implausible-postal-code`: a postal code does not have its country's format (e.g. five digits in DE).
        public static let implausiblePostalCode = Code(rawValue: "implausible-postal-code")
        /// `unit-not-convertible`: a line's quantity does not convert to whole pieces (a measure such as `KGM`, a
        /// packaging unit without a known pack size, or a fractional count).
        public static let unitNotConvertible = Code(rawValue: "unit-not-convertible")
        /// `unknown-sku`: no catalog product matches the line's SKU, GTIN or the buyer's article number.
        public static let unknownSKU = Code(rawValue: "unknown-sku")
        /// `payment-failed`: the channel reports the payment as failed or refunded.
        public static let paymentFailed = Code(rawValue: "payment-failed")
        /// `payment-not-authorized` (hold): the payment is neither authorized nor paid, and the order is not on account.
        public static let paymentNotAuthorized = Code(rawValue: "payment-not-authorized")
        /// `unknown-customer` (hold): an on-account order names no customer account Kontor knows.
        public static let unknownCustomer = Code(rawValue: "unknown-customer")
        /// `credit-limit-exceeded` (hold): an on-account order would take the customer over the credit limit.
        public static let creditLimitExceeded = Code(rawValue: "credit-limit-exceeded")
        /// `possible-duplicate` (hold): another order (possibly from another channel) has the same buyer, ship-to,
        /// items and total.
        public static let possibleDuplicate = Code(rawValue: "possible-duplicate")
        /// `order-value-over-threshold` (hold): the order total is above the review threshold for its currency.
        public static let orderValueOverThreshold = Code(rawValue: "order-value-over-threshold")
        /// `price-deviation` (hold): a line's unit price deviates from the catalog's list price by more than allowed.
        public static let priceDeviation = Code(rawValue: "price-deviation")
        /// `held-by-operator` (hold): a person put the order on hold.
        public static let heldByOperator = Code(rawValue: "held-by-operator")
        /// `payment-not-reported` (warning): the order carries no payment details and names no customer account.
        public static let paymentNotReported = Code(rawValue: "payment-not-reported")
        /// `line-total-mismatch` (warning): a line total differs from quantity times unit price.
        public static let lineTotalMismatch = Code(rawValue: "line-total-mismatch")
        /// `subtotal-mismatch` (warning): the subtotal differs from the sum of the lines.
        public static let subtotalMismatch = Code(rawValue: "subtotal-mismatch")
    }
}
