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
        /// `line-total-mismatch` (warning): a line total differs from quantity times unit price.
        public static let lineTotalMismatch = Code(rawValue: "line-total-mismatch")
        /// `subtotal-mismatch` (warning): the subtotal differs from the sum of the lines.
        public static let subtotalMismatch = Code(rawValue: "subtotal-mismatch")
    }
}
