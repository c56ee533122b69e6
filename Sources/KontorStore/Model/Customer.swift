import KontorModel

/// A customer account, chiefly for business customers who buy on account against a credit limit.
public struct Customer: Sendable, Hashable, Codable {
    /// The customer's id (the account number); unique.
    public var id: String

    /// The customer's name.
    public var name: String

    /// The most the customer may owe at once, in ``currency``; `nil` means no on-account buying.
    public var creditLimit: DecimalAmount?

    /// The currency of ``creditLimit`` and ``openBalance``.
    public var currency: CurrencyCode?

    /// What the customer owes now: on-account orders not yet paid.
    public var openBalance: DecimalAmount

    /// Creates a customer.
    public init(
        id: String,
        name: String,
        creditLimit: DecimalAmount? = nil,
        currency: CurrencyCode? = nil,
        openBalance: DecimalAmount = .zero
    ) {
        self.id = id
        self.name = name
        self.creditLimit = creditLimit
        self.currency = currency
        self.openBalance = openBalance
    }
}

/// What ``CustomerStore/charge(customerID:amount:)`` did.
public enum CreditOutcome: Sendable, Hashable {
    /// The amount was added to the open balance; the customer as it is now.
    case charged(Customer)

    /// The amount would take the open balance over the credit limit (or the customer has none); nothing changed.
    case overLimit(Customer)
}
