/// How and whether the order is paid. JSON: `{method, status, reference, amount}`; `status` is required.
public struct Payment: Sendable, Hashable, Codable {
    /// The payment method, e.g. `credit-card` or `invoice`.
    public var method: PaymentMethod?

    /// Where the payment stands.
    public var status: PaymentStatus

    /// The payment provider's reference, e.g. a transaction id.
    public var reference: String?

    /// The amount paid or authorized, in the order currency.
    public var amount: DecimalAmount?

    /// Creates payment information.
    public init(
        method: PaymentMethod? = nil,
        status: PaymentStatus,
        reference: String? = nil,
        amount: DecimalAmount? = nil
    ) {
        self.method = method
        self.status = status
        self.reference = reference
        self.amount = amount
    }
}

/// Where a payment stands: `pending`, `authorized`, `paid`, `on-account`, `failed` or `refunded`.
public struct PaymentStatus: RawRepresentable, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible,
    ClosedStringValue
{
    /// The wire value.
    public let rawValue: String

    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    static let fieldDescription = "payment status"

    /// `pending`: not yet authorized.
    public static let pending = PaymentStatus(unchecked: "pending")
    /// `authorized`: funds reserved, not captured.
    public static let authorized = PaymentStatus(unchecked: "authorized")
    /// `paid`: captured.
    public static let paid = PaymentStatus(unchecked: "paid")
    /// `on-account`: invoiced to a business customer's account.
    public static let onAccount = PaymentStatus(unchecked: "on-account")
    /// `failed`.
    public static let failed = PaymentStatus(unchecked: "failed")
    /// `refunded`.
    public static let refunded = PaymentStatus(unchecked: "refunded")

    /// All known values.
    public static let allCases: [PaymentStatus] = [.pending, .authorized, .paid, .onAccount, .failed, .refunded]
}

/// A payment method such as `credit-card`, `paypal` or `invoice`. An open set: any string is accepted.
public struct PaymentMethod: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, OpenStringValue
{
    /// Wraps a literal, e.g. `"amazon"`.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The method name.
    public let rawValue: String

    /// Creates a method.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `credit-card`.
    public static let creditCard = PaymentMethod(rawValue: "credit-card")
    /// `paypal`.
    public static let paypal = PaymentMethod(rawValue: "paypal")
    /// `invoice`: pay after delivery against an invoice.
    public static let invoice = PaymentMethod(rawValue: "invoice")
    /// `bank-transfer`: prepayment by bank transfer.
    public static let bankTransfer = PaymentMethod(rawValue: "bank-transfer")
    /// `cash-on-delivery`.
    public static let cashOnDelivery = PaymentMethod(rawValue: "cash-on-delivery")
}
