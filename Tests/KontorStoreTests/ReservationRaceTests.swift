import KontorModel
import KontorStore
import Testing

/// Many allocators reserving at once through separate stores (separate SQLite connection pools or PostgreSQL
/// clients on one database, as separate worker processes have): the stock is never promised twice.
@Suite("Concurrent reservations, on both backends")
struct ReservationRaceTests {
    /// Opens `count` stores on the database, runs `body` once per attempt on them round robin, all at once, and
    /// returns the outcomes.
    private func race(
        _ database: TestDatabase,
        stores count: Int,
        attempts: Int,
        _ body: @escaping @Sendable (any KontorStoreBackend, Int) async throws -> ReservationOutcome
    ) async throws -> [ReservationOutcome] {
        var stores: [any KontorStoreBackend] = []
        for _ in 0..<count { stores.append(try await database.open()) }
        let workers = stores
        let outcomes = try await withThrowingTaskGroup(of: ReservationOutcome.self) { group in
            for attempt in 0..<attempts {
                let store = workers[attempt % workers.count]
                group.addTask { try await body(store, attempt) }
            }
            return try await group.reduce(into: [ReservationOutcome]()) { $0.append($1) }
        }
        for store in stores { await store.close() }
        return outcomes
    }

    @Test("20 allocators after the last 5 units: exactly 5 get one", arguments: StoreBackend.allCases)
    func lastUnits(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            try await store.setStock([StockCount(sku: "A", locationID: "WH1", onHand: 7, safetyStock: 2)])
            let outcomes = try await race(database, stores: 4, attempts: 20) { worker, attempt in
                try await worker.reserve(
                    orderID: OrderID("ord_race_\(attempt)"),
                    lines: [ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 1)],
                    capacityDate: nil
                )
            }
            #expect(outcomes.filter(\.isReserved).count == 5)
            #expect(outcomes.filter { !$0.isReserved }.count == 15)
            let level = try #require(try await store.stockLevels(skus: ["A"], locationIDs: ["WH1"]).first)
            #expect(level.reserved == 5)
            #expect(level.onHand - level.reserved - level.safetyStock == 0)
        }
    }

    @Test(
        "Multi-line orders race all or nothing, lines in either order, without deadlock",
        arguments: StoreBackend.allCases
    )
    func multiLine(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            try await store.setStock([
                StockCount(sku: "A", locationID: "WH1", onHand: 5),
                StockCount(sku: "B", locationID: "WH1", onHand: 3),
            ])
            let outcomes = try await race(database, stores: 4, attempts: 20) { worker, attempt in
                var lines = [
                    ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 1),
                    ReservationRequest(lineNumber: 2, sku: "B", locationID: "WH1", quantity: 1),
                ]
                if attempt.isMultiple(of: 2) { lines.reverse() }
                return try await worker.reserve(
                    orderID: OrderID("ord_multi_\(attempt)"),
                    lines: lines,
                    capacityDate: nil
                )
            }
            let winners = outcomes.filter(\.isReserved)
            #expect(winners.count == 3)
            #expect(winners.allSatisfy { $0.reservations.count == 2 })
            let levels = try await store.stockLevels(skus: ["A", "B"], locationIDs: nil)
            #expect(levels.map(\.reserved) == [3, 3])
            #expect(levels.allSatisfy { $0.onHand - $0.reserved - $0.safetyStock >= 0 })
        }
    }

    @Test(
        "Allocators racing for a location's last daily slots: exactly the capacity gets through",
        arguments: StoreBackend.allCases
    )
    func capacitySlots(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            try await store.upsertLocations([
                Location(
                    id: "ST1",
                    name: "Manchester Market Street",
                    kind: .store,
                    address: Address(city: "Manchester", country: .gb),
                    dailyCapacity: 3
                )
            ])
            try await store.setStock([StockCount(sku: "A", locationID: "ST1", onHand: 100)])
            let day = KontorDate("2026-12-01")!
            let outcomes = try await race(database, stores: 3, attempts: 12) { worker, attempt in
                try await worker.reserve(
                    orderID: OrderID("ord_slot_\(attempt)"),
                    lines: [ReservationRequest(lineNumber: 1, sku: "A", locationID: "ST1", quantity: 1)],
                    capacityDate: day
                )
            }
            #expect(outcomes.filter(\.isReserved).count == 3)
            #expect(try await store.capacityUsage(locationID: "ST1", date: day) == 3)
            #expect(try await store.stockLevels(skus: ["A"], locationIDs: nil).first?.reserved == 3)
        }
    }
}
