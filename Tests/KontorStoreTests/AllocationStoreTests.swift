import KontorModel
import KontorStore
import Testing

@Suite("Allocation records, added reservations and the stock journal, on both backends")
struct AllocationStoreTests {
    private func record(_ order: String, priority: Int, at micros: Int64, wanting skus: [String]) -> AllocationRecord {
        AllocationRecord(
            orderID: OrderID(order),
            correlationID: "corr-\(order)",
            priority: priority,
            receivedAt: Timestamp(microsecondsSinceEpoch: micros),
            wantedSKUs: skus,
            lastEventID: "event-\(order)",
            lastCauseID: "cause-\(order)",
            lastEvent: Array("{\"order\":\"\(order)\"}".utf8)
        )
    }

    @Test(
        "Backorders come out by priority, then age; fully allocated and deleted ones do not",
        arguments: StoreBackend.allCases
    )
    func backorderQueue(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.saveAllocation(record("ord_old", priority: 3, at: 1, wanting: ["A"]))
            try await store.saveAllocation(record("ord_fast", priority: 2, at: 5, wanting: ["A", "B"]))
            try await store.saveAllocation(record("ord_new", priority: 3, at: 9, wanting: ["A"]))
            try await store.saveAllocation(record("ord_done", priority: 0, at: 0, wanting: []))
            #expect(
                try await store.backorders(wanting: "A").map(\.orderID.rawValue) == ["ord_fast", "ord_old", "ord_new"]
            )
            #expect(try await store.backorders(wanting: "B").map(\.orderID.rawValue) == ["ord_fast"])
            let saved = try #require(try await store.allocation(orderID: OrderID("ord_fast")))
            #expect(saved == record("ord_fast", priority: 2, at: 5, wanting: ["A", "B"]))
            #expect(try await store.allocations(lastCausedBy: "cause-ord_done").map(\.orderID.rawValue) == ["ord_done"])

            // Saving again replaces the wanted SKUs.
            try await store.saveAllocation(record("ord_fast", priority: 2, at: 5, wanting: ["B"]))
            #expect(try await store.backorders(wanting: "A").map(\.orderID.rawValue) == ["ord_old", "ord_new"])
            try await store.deleteAllocation(orderID: OrderID("ord_old"))
            #expect(try await store.backorders(wanting: "A").map(\.orderID.rawValue) == ["ord_new"])
            #expect(try await store.allocation(orderID: OrderID("ord_old")) == nil)
        }
    }

    @Test("Reservations are added to those an order holds, all or nothing", arguments: StoreBackend.allCases)
    func addReservations(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.upsertLocations([
                Location(
                    id: "WH1",
                    name: "One",
                    kind: .warehouse,
                    address: Address(country: CountryCode("DE")!),
                    dailyCapacity: 10
                )
            ])
            try await store.setStock([
                StockCount(sku: "A", locationID: "WH1", onHand: 5),
                StockCount(sku: "B", locationID: "WH1", onHand: 1),
            ])
            let order = OrderID("ord_add")
            let day = KontorDate("2026-11-29")!
            let first = try await store.reserve(
                orderID: order,
                lines: [ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 2)],
                capacityDate: day
            )
            #expect(first.isReserved)
            // `reserve` refuses an order holding other reservations; `addReservations` adds to them.
            await #expect(throws: StoreError.self) {
                _ = try await store.reserve(
                    orderID: order,
                    lines: [ReservationRequest(lineNumber: 2, sku: "B", locationID: "WH1", quantity: 1)],
                    capacityDate: day
                )
            }
            let refused = try await store.addReservations(
                orderID: order,
                lines: [
                    ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 1),
                    ReservationRequest(lineNumber: 2, sku: "B", locationID: "WH1", quantity: 2),
                ],
                capacityDate: day
            )
            #expect(!refused.isReserved)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 3)
            let added = try await store.addReservations(
                orderID: order,
                lines: [
                    ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 1),
                    ReservationRequest(lineNumber: 2, sku: "B", locationID: "WH1", quantity: 1),
                ],
                capacityDate: day
            )
            #expect(added.reservations.map(\.quantity).reduce(0, +) == 4)
            #expect(added.reservations.count == 3)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 2)
            #expect(try await store.availableToPromise(sku: "B", locationID: "WH1") == 0)
            // The order took the location's day once.
            #expect(try await store.capacityUsage(locationID: "WH1", date: day) == 1)
            #expect(try await store.releaseReservations(orderID: order).count == 3)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 5)
        }
    }

    @Test(
        "Stock changes are journalled in order by every operation that changes stock",
        arguments: StoreBackend.allCases
    )
    func journal(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.setStock([
                StockCount(sku: "A", locationID: "WH1", onHand: 5),
                StockCount(sku: "B", locationID: "WH2", onHand: 5),
            ])
            try await store.adjustOnHand(sku: "A", locationID: "WH1", by: 3)
            try await store.adjustOnHand(sku: "A", locationID: "WH1", by: -1)
            try await store.upsertInbound([
                InboundStock(reference: "PO", sku: "B", locationID: "WH2", quantity: 4, eta: KontorDate("2026-12-01")!)
            ])
            let order = OrderID("ord_journal")
            _ = try await store.reserve(
                orderID: order,
                lines: [ReservationRequest(lineNumber: 1, sku: "B", locationID: "WH2", quantity: 2)],
                capacityDate: nil
            )
            try await store.releaseReservations(orderID: order)
            let entries = try await store.stockJournal(after: 0, limit: 100)
            #expect(entries.map(\.change) == [.count, .count, .receipt, .adjustment, .inbound, .released])
            #expect(entries.map(\.sku) == ["A", "B", "A", "A", "B", "B"])
            #expect(entries.map(\.sequence) == entries.map(\.sequence).sorted())
            #expect(Set(entries.map(\.sequence)).count == entries.count)
            let tail = try await store.stockJournal(after: entries[3].sequence, limit: 1)
            #expect(tail.map(\.change) == [.inbound])
        }
    }
}
