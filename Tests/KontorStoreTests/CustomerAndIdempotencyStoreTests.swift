import KontorModel
import KontorStore
import Testing

@Suite("Customers' credit and idempotency keys, on both backends")
struct CustomerAndIdempotencyStoreTests {
    @Test("On-account charges stop at the credit limit, also when they race", arguments: StoreBackend.allCases)
    func credit(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            try await store.upsertCustomers([
                Customer(
                    id: "C-1001",
                    name: "Hofmann Haustechnik GmbH",
                    creditLimit: DecimalAmount("100.00"),
                    currency: .eur
                ),
                Customer(id: "C-2002", name: "Walk-in customer"),
            ])
            #expect(try await store.customer(id: "C-1001")?.creditLimit?.description == "100.00")
            #expect(try await store.customer(id: "C-2002")?.openBalance == .zero)
            guard case .overLimit = try await store.charge(customerID: "C-2002", amount: DecimalAmount("1.00")!) else {
                Issue.record("a customer without a credit limit bought on account")
                return
            }
            await #expect(throws: StoreError.notFound(kind: "customer", id: "C-9999")) {
                try await store.charge(customerID: "C-9999", amount: DecimalAmount("1.00")!)
            }

            let other = try await database.open()
            let outcomes = try await withThrowingTaskGroup(of: CreditOutcome.self) { group in
                for attempt in 0..<10 {
                    let worker = attempt.isMultiple(of: 2) ? store : other
                    group.addTask { try await worker.charge(customerID: "C-1001", amount: DecimalAmount("30.00")!) }
                }
                return try await group.reduce(into: [CreditOutcome]()) { $0.append($1) }
            }
            await other.close()
            let charged = outcomes.filter { if case .charged = $0 { true } else { false } }
            #expect(charged.count == 3)
            #expect(try await store.customer(id: "C-1001")?.openBalance == DecimalAmount("90.00"))
            guard
                case .charged(let paid) = try await store.charge(customerID: "C-1001", amount: DecimalAmount("-90.00")!)
            else {
                Issue.record("a payment was refused")
                return
            }
            #expect(paid.openBalance.isZero)
        }
    }

    @Test(
        "An idempotency key answers the same request again and refuses a different one",
        arguments: StoreBackend.allCases
    )
    func idempotencyKeys(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let created = IdempotentResponse(statusCode: 201, body: Array(#"{"orderId":"ord_1"}"#.utf8))
            #expect(try await store.storedResponse(scope: "api:shop-1", key: "k-1", requestHash: "h1") == nil)
            #expect(
                try await store.saveResponse(scope: "api:shop-1", key: "k-1", requestHash: "h1", response: created)
                    == created
            )
            #expect(try await store.storedResponse(scope: "api:shop-1", key: "k-1", requestHash: "h1") == created)

            // A second identical request that finished later gets the first answer.
            let later = IdempotentResponse(statusCode: 201, body: Array(#"{"orderId":"ord_2"}"#.utf8))
            #expect(
                try await store.saveResponse(scope: "api:shop-1", key: "k-1", requestHash: "h1", response: later)
                    == created
            )

            await #expect(throws: StoreError.idempotencyConflict(scope: "api:shop-1", key: "k-1")) {
                try await store.storedResponse(scope: "api:shop-1", key: "k-1", requestHash: "h2")
            }
            await #expect(throws: StoreError.idempotencyConflict(scope: "api:shop-1", key: "k-1")) {
                try await store.saveResponse(scope: "api:shop-1", key: "k-1", requestHash: "h2", response: later)
            }
            // Keys are per scope.
            #expect(try await store.storedResponse(scope: "api:shop-2", key: "k-1", requestHash: "h2") == nil)

            #expect(try await store.pruneIdempotencyKeys(olderThan: .seconds(3600)) == 0)
            #expect(try await store.pruneIdempotencyKeys(olderThan: .zero) == 1)
            #expect(try await store.storedResponse(scope: "api:shop-1", key: "k-1", requestHash: "h2") == nil)
        }
    }
}
