import KontorModel

/// Customer accounts and their credit for on-account orders.
public protocol CustomerStore: Sendable {
    /// Inserts or replaces customers by id, all in one transaction; the open balance is replaced too.
    func upsertCustomers(_ customers: [Customer]) async throws

    /// The customer with this id.
    func customer(id: String) async throws -> Customer?

    /// Adds `amount` to the customer's open balance if that stays within the credit limit, atomically against
    /// concurrent charges. A negative amount (a payment or a cancelled order) is always applied.
    /// Throws ``StoreError/notFound(kind:id:)`` for an unknown customer.
    func charge(customerID: String, amount: DecimalAmount) async throws -> CreditOutcome
}
