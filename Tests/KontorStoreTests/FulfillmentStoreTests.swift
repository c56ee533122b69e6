import KontorModel
import KontorStore
import Testing

@Suite("Pick tasks and warehouse confirmations move stock, on both backends")
struct FulfillmentStoreTests {
    static let order = OrderID("ord_00000000000000000000000000000f01")
    static let at = Timestamp(rfc3339: "2026-11-02T10:00:00Z")!

    /// 10 of A and 5 of B at WH1; the order holds 4 A (line 1) and 2 B (line 2) there; one task covers both.
    static func prepare(_ store: any KontorStoreBackend) async throws -> PickTaskRecord {
        try await store.setStock([
            StockCount(sku: "A", locationID: "WH1", onHand: 10),
            StockCount(sku: "B", locationID: "WH1", onHand: 5),
        ])
        let outcome = try await store.reserve(
            orderID: order,
            lines: [
                ReservationRequest(lineNumber: 1, sku: "A", locationID: "WH1", quantity: 4),
                ReservationRequest(lineNumber: 2, sku: "B", locationID: "WH1", quantity: 2),
            ],
            capacityDate: nil
        )
        #expect(outcome.isReserved)
        let task = PickTaskRecord(
            task: PickTask(
                taskId: "\(order.rawValue)-WH1-1",
                orderId: order,
                orderNumber: "1001",
                channel: SalesChannel("web"),
                locationId: "WH1",
                method: "ship",
                lines: [
                    PickTaskLine(lineNumber: "10", sku: "A", quantity: 4),
                    PickTaskLine(lineNumber: "20", sku: "B", quantity: 2),
                ],
                shipTo: Address(name: "Erika Muster", city: "Berlin", postalCode: "10115", country: CountryCode("DE")!),
                carrier: "dhl",
                createdAt: at
            ),
            sequence: 1,
            causeID: "allocated-1",
            lines: [
                PickTaskRecord.Line(lineNumber: "10", reservationLine: 1, sku: "A", quantity: 4),
                PickTaskRecord.Line(lineNumber: "20", reservationLine: 2, sku: "B", quantity: 2),
            ],
            updatedAt: at
        )
        try await store.savePickTasks([task])
        return task
    }

    static func confirmation(
        _ id: String,
        _ kind: WarehouseConfirmationKind,
        lines: [ConfirmedLine] = [],
        shortLines: [ConfirmedLine] = [],
        parcels: [Parcel] = []
    ) -> WarehouseConfirmation {
        WarehouseConfirmation(
            confirmationId: id,
            taskId: "\(order.rawValue)-WH1-1",
            orderId: order,
            kind: kind,
            lines: lines,
            shortLines: shortLines,
            parcels: parcels,
            occurredAt: at
        )
    }

    static func level(_ store: any KontorStoreBackend, _ sku: String) async throws -> StockLevel? {
        try await store.stockLevels(skus: [sku], locationIDs: ["WH1"]).first
    }

    @Test("A task is saved once and read back by id and by order", arguments: StoreBackend.allCases)
    func saveAndRead(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let task = try await Self.prepare(store)
            var changed = task
            changed.causeID = "another"
            try await store.savePickTasks([changed])
            #expect(try await store.pickTask(id: task.taskID) == task)
            #expect(try await store.pickTasks(orderID: Self.order) == [task])
            #expect(try await store.pickTask(id: "nope") == nil)
        }
    }

    @Test(
        "Shipping part of a line consumes that many reserved units and takes them off on hand, journaled",
        arguments: StoreBackend.allCases
    )
    func shipDecrementsStock(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            _ = try await Self.prepare(store)
            let journalBefore = try await store.stockJournal(after: 0, limit: 100).last?.sequence ?? 0
            let parcel = Parcel(parcelId: "P1", trackingNumber: "00340434161234567890", weightGrams: 1200)
            let outcome = try await store.applyConfirmation(
                Self.confirmation(
                    "c-ship-1",
                    .shipped,
                    lines: [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 3)],
                    parcels: [parcel]
                )
            )
            #expect(outcome.shipped == [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 3)])
            #expect(outcome.orderShipped == ["10": 3])
            #expect(outcome.task.status == .open)
            #expect(outcome.task.parcels == [parcel])
            #expect(outcome.replayed == false)
            #expect(try await Self.level(store, "A") == StockLevel(sku: "A", locationID: "WH1", onHand: 7, reserved: 1))
            #expect(try await Self.level(store, "B") == StockLevel(sku: "B", locationID: "WH1", onHand: 5, reserved: 2))
            let reservations = try await store.reservations(orderID: Self.order).filter { $0.sku == "A" }
            #expect(reservations.filter { $0.status == .consumed }.map(\.quantity) == [3])
            #expect(reservations.filter { $0.status == .active }.map(\.quantity) == [1])
            let journal = try await store.stockJournal(after: journalBefore, limit: 100)
            #expect(journal.map(\.change) == [.shipped])
            #expect(journal.map(\.sku) == ["A"])

            // Without lines, a shipped confirmation ships everything still open: the task is done.
            let rest = try await store.applyConfirmation(Self.confirmation("c-ship-2", .shipped))
            #expect(
                rest.shipped == [
                    ConfirmedLine(lineNumber: "10", sku: "A", quantity: 1),
                    ConfirmedLine(lineNumber: "20", sku: "B", quantity: 2),
                ]
            )
            #expect(rest.orderShipped == ["10": 4, "20": 2])
            #expect(rest.task.status == .shipped)
            #expect(rest.task.parcels == [parcel])
            #expect(try await Self.level(store, "A") == StockLevel(sku: "A", locationID: "WH1", onHand: 6, reserved: 0))
            #expect(try await Self.level(store, "B") == StockLevel(sku: "B", locationID: "WH1", onHand: 3, reserved: 0))
            #expect(try await store.reservations(orderID: Self.order).allSatisfy { $0.status == .consumed })
        }
    }

    @Test(
        "A short pick releases the missing units' reservations and writes them off at the location",
        arguments: StoreBackend.allCases
    )
    func shortPick(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            _ = try await Self.prepare(store)
            let journalBefore = try await store.stockJournal(after: 0, limit: 100).last?.sequence ?? 0
            let outcome = try await store.applyConfirmation(
                Self.confirmation(
                    "c-short",
                    .shortPicked,
                    shortLines: [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 2)]
                )
            )
            #expect(outcome.short == [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 2)])
            #expect(outcome.shipped.isEmpty)
            #expect(outcome.task.lines[0].short == 2)
            #expect(outcome.task.lines[0].open == 2)
            // On hand 10 − 2 written off; reserved 4 − 2 released: the other 6 stay available.
            #expect(try await Self.level(store, "A") == StockLevel(sku: "A", locationID: "WH1", onHand: 8, reserved: 2))
            let reservations = try await store.reservations(orderID: Self.order).filter { $0.sku == "A" }
            #expect(reservations.filter { $0.status == .released }.map(\.quantity) == [2])
            #expect(reservations.filter { $0.status == .active }.map(\.quantity) == [2])
            let journal = try await store.stockJournal(after: journalBefore, limit: 100)
            #expect(journal.map(\.change) == [.shortPick])

            // The rest ships; a task with short pieces and the rest shipped is shipped.
            let shipped = try await store.applyConfirmation(Self.confirmation("c-ship", .shipped))
            #expect(shipped.task.status == .shipped)
            #expect(shipped.orderShipped == ["10": 2, "20": 2])
        }
    }

    @Test("The same confirmation again changes nothing and answers the first outcome", arguments: StoreBackend.allCases)
    func idempotent(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            _ = try await Self.prepare(store)
            let confirmation = Self.confirmation(
                "c-1",
                .shipped,
                lines: [ConfirmedLine(lineNumber: "20", sku: "B", quantity: 1)],
                shortLines: [ConfirmedLine(lineNumber: "20", sku: "B", quantity: 1)]
            )
            let first = try await store.applyConfirmation(confirmation)
            let levels = try await store.stockLevels(skus: ["A", "B"], locationIDs: nil)
            let reservations = try await store.reservations(orderID: Self.order)
            let again = try await store.applyConfirmation(confirmation)
            #expect(again.replayed)
            var unreplayed = again
            unreplayed.replayed = false
            #expect(unreplayed == first)
            #expect(try await store.stockLevels(skus: ["A", "B"], locationIDs: nil) == levels)
            #expect(try await store.reservations(orderID: Self.order) == reservations)
            #expect(try await store.pickTask(id: first.task.taskID) == first.task)
        }
    }

    @Test("Confirmations that do not fit the task are refused, naming the field", arguments: StoreBackend.allCases)
    func refusals(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            _ = try await Self.prepare(store)
            var unknown = Self.confirmation("c-x", .shipped)
            unknown.taskId = "no-such-task"
            await #expect(throws: StoreError.notFound(kind: "pick task", id: "no-such-task")) {
                try await store.applyConfirmation(unknown)
            }
            let tooMany = Self.confirmation(
                "c-y",
                .shipped,
                lines: [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 5)]
            )
            do {
                _ = try await store.applyConfirmation(tooMany)
                Issue.record("shipping 5 of a 4-piece line was accepted")
            } catch let StoreError.invalidValue(field, value, reason) {
                #expect(field == "confirmation[c-y].lines[lineNumber=10].quantity")
                #expect(value == "5")
                #expect(reason.contains("exceeds the 4 pieces"))
            }
            let wrongLine = Self.confirmation(
                "c-z",
                .picked,
                lines: [ConfirmedLine(lineNumber: "99", sku: "A", quantity: 1)]
            )
            do {
                _ = try await store.applyConfirmation(wrongLine)
                Issue.record("an unknown line was accepted")
            } catch let StoreError.invalidValue(field, _, _) {
                #expect(field == "confirmation[c-z].lines[0].lineNumber")
            }
            // Nothing moved, and a refused confirmation id may be sent again corrected.
            #expect(
                try await Self.level(store, "A") == StockLevel(sku: "A", locationID: "WH1", onHand: 10, reserved: 4)
            )
            let fixed = try await store.applyConfirmation(
                Self.confirmation("c-y", .shipped, lines: [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 4)])
            )
            #expect(fixed.orderShipped == ["10": 4])
        }
    }

    @Test("Picked and packed are recorded with parcels and carrier, stock untouched", arguments: StoreBackend.allCases)
    func pickedAndPacked(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            _ = try await Self.prepare(store)
            let picked = try await store.applyConfirmation(
                Self.confirmation("c-p", .picked, lines: [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 4)])
            )
            #expect(picked.task.status == .picked)
            #expect(picked.task.lines[0].picked == 4)
            var pack = Self.confirmation("c-k", .packed, parcels: [Parcel(parcelId: "P1", weightGrams: 900)])
            pack.carrier = "ups"
            let packed = try await store.applyConfirmation(pack)
            #expect(packed.task.status == .packed)
            #expect(packed.task.carrier == "ups")
            #expect(packed.task.parcels == [Parcel(parcelId: "P1", weightGrams: 900)])
            #expect(
                try await Self.level(store, "A") == StockLevel(sku: "A", locationID: "WH1", onHand: 10, reserved: 4)
            )
            #expect(try await store.pickTask(id: packed.task.taskID)?.status == .packed)
        }
    }
}
