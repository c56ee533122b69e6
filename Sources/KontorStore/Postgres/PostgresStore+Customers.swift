import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: CustomerStore {
    public func upsertCustomers(_ customers: [Customer]) async throws {
        guard !customers.isEmpty else { return }
        try await transaction { connection in
            for customer in customers {
                try await connection.execute(
                    """
                    INSERT INTO customers (id, name, credit_limit, currency, open_balance)
                    VALUES (\(customer.id), \(customer.name), \(customer.creditLimit?.description)::numeric,
                        \(customer.currency?.rawValue), \(customer.openBalance.description)::numeric)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, credit_limit = excluded.credit_limit,
                        currency = excluded.currency, open_balance = excluded.open_balance
                    """,
                    logger: logger
                )
            }
        }
    }

    public func customer(id: String) async throws -> Customer? {
        try await fetch(
            "SELECT \(unescaped: PostgresRows.customerColumns) FROM customers WHERE id = \(id)",
            PostgresRows.customer
        ).first
    }

    public func charge(customerID: String, amount: DecimalAmount) async throws -> CreditOutcome {
        try await transaction { connection in
            // FOR UPDATE: concurrent charges of the customer wait here until this one commits.
            guard
                let customer = try await connection.fetch(
                    """
                    SELECT \(unescaped: PostgresRows.customerColumns) FROM customers WHERE id = \(customerID)
                    FOR UPDATE
                    """,
                    logger: logger,
                    PostgresRows.customer
                ).first
            else { throw StoreError.notFound(kind: "customer", id: customerID) }
            guard case .charged(let charged) = CreditRules.charge(customer, amount: amount) else {
                return .overLimit(customer)
            }
            try await connection.execute(
                """
                UPDATE customers SET open_balance = \(charged.openBalance.description)::numeric
                WHERE id = \(customerID)
                """,
                logger: logger
            )
            return .charged(charged)
        }
    }
}
