import KontorModel
import KontorStore
import Testing

@Suite("Stock, available to promise, reservations and capacity, on both backends")
struct InventoryStoreTests {
    static let order = OrderID("ord_00000000000000000000000000000001")
    static let otherOrder = OrderID("ord_00000000000000000000000000000002")

    @Test(
        "Available to promise is on hand minus reserved minus safety stock, never below zero",
        arguments: StoreBackend.allCases
    )
    func availableToPromise(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.setStock([
                StockCount(sku: "A", locationID: "WH1", onHand: 10, safetyStock: 2),
                StockCount(sku: "A", locationID: "WH2", onHand: 1, safetyStock: 3),
                StockCount(sku: "B", locationID: "WH1", onHand: 4),
            ])
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 8)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH2") == 0)
            #expect(try await store.availableToPromise(sku: "A", locationID: "nowhere") == 0)

            let outcome = try await store.reserve(
                orderID: Self.order,
                lines: [ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 3)],
                capacityDate: nil
            )
            #expect(outcome.isReserved)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 5)
            let levels = try await store.stockLevels(skus: ["A", "B"], locationIDs: nil)
            #expect(
                levels == [
                    StockLevel(sku: "A", locationID: "WH1", onHand: 10, reserved: 3, safetyStock: 2),
                    StockLevel(sku: "A", locationID: "WH2", onHand: 1, reserved: 0, safetyStock: 3),
                    StockLevel(sku: "B", locationID: "WH1", onHand: 4, reserved: 0, safetyStock: 0),
                ]
            )
            #expect(try await store.stockLevels(skus: ["A"], locationIDs: ["WH2"]).map(\.locationID) == ["WH2"])

            // A recount replaces on hand and safety stock but keeps the reservation.
            try await store.setStock([StockCount(sku: "A", locationID: "WH1", onHand: 6, safetyStock: 0)])
            #expect(try await store.stockLevels(skus: ["A"], locationIDs: ["WH1"]).first?.reserved == 3)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 3)
        }
    }

    @Test("On hand is adjusted by stock changes and never goes below zero", arguments: StoreBackend.allCases)
    func adjustOnHand(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            #expect(try await store.adjustOnHand(sku: "A", locationID: "WH1", by: 7).onHand == 7)
            #expect(try await store.adjustOnHand(sku: "A", locationID: "WH1", by: -2).onHand == 5)
            await #expect(throws: StoreError.self) {
                try await store.adjustOnHand(sku: "A", locationID: "WH1", by: -6)
            }
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 5)
            await #expect(throws: StoreError.self) {
                try await store.setStock([StockCount(sku: "A", locationID: "WH1", onHand: -1)])
            }
        }
    }

    @Test("Inbound stock is listed by arrival date and replaced by reference", arguments: StoreBackend.allCases)
    func inbound(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let late = InboundStock(
                reference: "PO-1",
                sku: "A",
                locationID: "WH1",
                quantity: 50,
                eta: KontorDate("2026-12-10")!
            )
            let early = InboundStock(
                reference: "PO-2",
                sku: "A",
                locationID: "WH2",
                quantity: 20,
                eta: KontorDate("2026-12-03")!
            )
            try await store.upsertInbound([late, early])
            #expect(try await store.inbound(skus: ["A"]) == [early, late])
            var moved = late
            moved.eta = KontorDate("2026-12-01")!
            moved.quantity = 40
            try await store.upsertInbound([moved])
            #expect(try await store.inbound(skus: ["A", "B"]) == [moved, early])
        }
    }

    @Test("A multi-line reservation is all or nothing and names every short line", arguments: StoreBackend.allCases)
    func allOrNothing(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.setStock([
                StockCount(sku: "A", locationID: "WH1", onHand: 5),
                StockCount(sku: "B", locationID: "WH1", onHand: 1, safetyStock: 1),
            ])
            let outcome = try await store.reserve(
                orderID: Self.order,
                lines: [
                    ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 2),
                    ReservationRequest(lineNumber: 2, sku: "B", locationID: "WH1", quantity: 1),
                    ReservationRequest(lineNumber: 3, sku: "C", locationID: "WH1", quantity: 1),
                ],
                capacityDate: nil
            )
            guard case .refused(let shortfalls) = outcome else {
                Issue.record("expected a refusal, got \(outcome)")
                return
            }
            #expect(shortfalls.map(\.lineNumber) == [2, 3])
            #expect(shortfalls.allSatisfy { $0.reason == .insufficientStock && $0.available == 0 })
            #expect(try await store.stockLevels(skus: ["A"], locationIDs: nil).first?.reserved == 0)
            #expect(try await store.reservations(orderID: Self.order).isEmpty)
        }
    }

    @Test("Two lines of the same SKU and location count together", arguments: StoreBackend.allCases)
    func linesAddUp(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.setStock([StockCount(sku: "A", locationID: "WH1", onHand: 3)])
            let outcome = try await store.reserve(
                orderID: Self.order,
                lines: [
                    ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 2),
                    ReservationRequest(lineNumber: 2, sku: "A", locationID: "WH1", quantity: 2),
                ],
                capacityDate: nil
            )
            #expect(!outcome.isReserved)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 3)
        }
    }

    @Test(
        "Reserving again with the same lines is a replay; different lines are refused",
        arguments: StoreBackend.allCases
    )
    func replay(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.setStock([StockCount(sku: "A", locationID: "WH1", onHand: 5)])
            let lines = [ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 2)]
            let first = try await store.reserve(orderID: Self.order, lines: lines, capacityDate: nil)
            let again = try await store.reserve(orderID: Self.order, lines: lines, capacityDate: nil)
            #expect(first.reservations.count == 1)
            #expect(again == first)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 3)
            await #expect(throws: StoreError.conflictingReservation(orderID: Self.order)) {
                try await store.reserve(
                    orderID: Self.order,
                    lines: [ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 1)],
                    capacityDate: nil
                )
            }
            await #expect(throws: StoreError.self) {
                try await store.reserve(
                    orderID: Self.otherOrder,
                    lines: [ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 0)],
                    capacityDate: nil
                )
            }
        }
    }

    @Test("Releasing gives the units back; consuming ships them", arguments: StoreBackend.allCases)
    func releaseAndConsume(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.setStock([StockCount(sku: "A", locationID: "WH1", onHand: 10)])
            let lines = [ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 4)]
            #expect(try await store.reserve(orderID: Self.order, lines: lines, capacityDate: nil).isReserved)
            #expect(try await store.reserve(orderID: Self.otherOrder, lines: lines, capacityDate: nil).isReserved)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 2)

            let released = try await store.releaseReservations(orderID: Self.order)
            #expect(released.map(\.status) == [.released])
            #expect(try await store.releaseReservations(orderID: Self.order).isEmpty)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 6)

            let consumed = try await store.consumeReservations(orderID: Self.otherOrder)
            #expect(consumed.map(\.quantity) == [4])
            #expect(try await store.consumeReservations(orderID: Self.otherOrder).isEmpty)
            #expect(
                try await store.stockLevels(skus: ["A"], locationIDs: nil)
                    == [StockLevel(sku: "A", locationID: "WH1", onHand: 6, reserved: 0, safetyStock: 0)]
            )
            #expect(try await store.reservations(orderID: Self.otherOrder).map(\.status) == [.consumed])
            // A released order may be reserved again.
            #expect(try await store.reserve(orderID: Self.order, lines: lines, capacityDate: nil).isReserved)
        }
    }

    @Test("Daily capacity counts each order once per location and refuses a full day", arguments: StoreBackend.allCases)
    func capacity(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let day = KontorDate("2026-12-01")!
            try await store.upsertLocations([
                Location(
                    id: "ST1",
                    name: "Utrecht Oudegracht",
                    kind: .store,
                    address: Address(city: "Utrecht", country: .nl),
                    dailyCapacity: 2
                ),
                Location(
                    id: "ST2",
                    name: "Closed store",
                    kind: .store,
                    address: Address(city: "Lyon", country: .fr),
                    active: false
                ),
            ])
            try await store.setStock([
                StockCount(sku: "A", locationID: "ST1", onHand: 100),
                StockCount(sku: "B", locationID: "ST1", onHand: 100),
                StockCount(sku: "A", locationID: "ST2", onHand: 100),
            ])
            let orders = (1...3).map { OrderID("ord_cap_\($0)") }
            let twoLines = [
                ReservationRequest(lineNumber: 1, sku: "A", locationID: "ST1", quantity: 1),
                ReservationRequest(lineNumber: 2, sku: "B", locationID: "ST1", quantity: 1),
            ]
            #expect(try await store.reserve(orderID: orders[0], lines: twoLines, capacityDate: day).isReserved)
            #expect(try await store.capacityUsage(locationID: "ST1", date: day) == 1)
            #expect(try await store.reserve(orderID: orders[1], lines: twoLines, capacityDate: day).isReserved)
            let third = try await store.reserve(orderID: orders[2], lines: twoLines, capacityDate: day)
            #expect(
                third
                    == .refused([
                        ReservationShortfall(
                            reason: .capacityExhausted,
                            lineNumber: nil,
                            sku: nil,
                            locationID: "ST1",
                            requested: 1,
                            available: 0
                        )
                    ])
            )
            #expect(try await store.availableToPromise(sku: "A", locationID: "ST1") == 98)
            // Another day has room; releasing an order frees its slot.
            #expect(try await store.capacityUsage(locationID: "ST1", date: KontorDate("2026-12-02")!) == 0)
            try await store.releaseReservations(orderID: orders[0])
            #expect(try await store.capacityUsage(locationID: "ST1", date: day) == 1)
            #expect(try await store.reserve(orderID: orders[2], lines: twoLines, capacityDate: day).isReserved)

            let closed = try await store.reserve(
                orderID: OrderID("ord_cap_closed"),
                lines: [ReservationRequest(lineNumber: 1, sku: "A", locationID: "ST2", quantity: 1)],
                capacityDate: nil
            )
            #expect(
                closed
                    == .refused([
                        ReservationShortfall(
                            reason: .locationUnavailable,
                            lineNumber: nil,
                            sku: nil,
                            locationID: "ST2",
                            requested: 1,
                            available: 0
                        )
                    ])
            )
        }
    }
}
