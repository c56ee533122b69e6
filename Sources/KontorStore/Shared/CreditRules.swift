import KontorModel

/// The credit check of on-account orders, shared by both backends.
enum CreditRules {
    /// The customer with `amount` added to the open balance, or `.overLimit` when that would pass the credit limit
    /// (a customer without a limit buys nothing on account). Reductions always apply.
    static func charge(_ customer: Customer, amount: DecimalAmount) -> CreditOutcome {
        var charged = customer
        charged.openBalance = customer.openBalance + amount
        if amount.isPositive {
            guard let limit = customer.creditLimit, charged.openBalance <= limit else { return .overLimit(customer) }
        }
        return .charged(charged)
    }
}
