import GRDB
import KontorModel

extension SQLiteStore: CustomerStore {
    public func upsertCustomers(_ customers: [Customer]) async throws {
        guard !customers.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO customers (id, name, credit_limit, currency, open_balance) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, credit_limit = excluded.credit_limit,
                        currency = excluded.currency, open_balance = excluded.open_balance
                    """
            )
            for customer in customers {
                try statement.execute(arguments: [
                    customer.id, customer.name, customer.creditLimit?.description, customer.currency?.rawValue,
                    customer.openBalance.description,
                ])
            }
        }
    }

    public func customer(id: String) async throws -> Customer? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]).map(SQLiteRows.customer)
        }
    }

    public func charge(customerID: String, amount: DecimalAmount) async throws -> CreditOutcome {
        try await pool.write { db in
            // Read, decide and write in one IMMEDIATE transaction: no other charge runs in between.
            guard
                let customer = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM customers WHERE id = ?",
                    arguments: [customerID]
                )
                .map(SQLiteRows.customer)
            else { throw StoreError.notFound(kind: "customer", id: customerID) }
            guard case .charged(let charged) = CreditRules.charge(customer, amount: amount) else {
                return .overLimit(customer)
            }
            try db.execute(
                sql: "UPDATE customers SET open_balance = ? WHERE id = ?",
                arguments: [charged.openBalance.description, customerID]
            )
            return .charged(charged)
        }
    }
}
