import KontorModel
import KontorStore
import Testing

@Suite("Cancelled pick tasks put stock back, and the first cancellation request stays, on both backends")
struct FulfillmentCancellationStoreTests {
    typealias Fixture = FulfillmentStoreTests

    @Test("A cancelled confirmation releases the open pieces and keeps them on hand", arguments: StoreBackend.allCases)
    func cancelledPiecesGoBack(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            _ = try await Fixture.prepare(store)
            // One A left before the cancellation; one B was not there.
            _ = try await store.applyConfirmation(
                Fixture.confirmation("s-1", .shipped, lines: [ConfirmedLine(lineNumber: "10", sku: "A", quantity: 1)])
            )
            let outcome = try await store.applyConfirmation(
                Fixture.confirmation(
                    "c-1",
                    .cancelled,
                    shortLines: [ConfirmedLine(lineNumber: "20", sku: "B", quantity: 1)]
                )
            )
            // Without lines: everything still open, i.e. 3 A and 1 B.
            #expect(
                outcome.cancelled == [
                    ConfirmedLine(lineNumber: "10", sku: "A", quantity: 3),
                    ConfirmedLine(lineNumber: "20", sku: "B", quantity: 1),
                ]
            )
            #expect(outcome.task.lines.map(\.cancelled) == [3, 1])
            #expect(outcome.task.lines.map(\.open) == [0, 0])
            // Something shipped, so the task counts as shipped; its order is not cancelled by it.
            #expect(outcome.task.status == .shipped)
            #expect(
                try await Fixture.level(store, "A") == StockLevel(sku: "A", locationID: "WH1", onHand: 9, reserved: 0)
            )
            #expect(
                try await Fixture.level(store, "B") == StockLevel(sku: "B", locationID: "WH1", onHand: 4, reserved: 0)
            )
            let reservations = try await store.reservations(orderID: Fixture.order)
            #expect(reservations.filter { $0.status == .active }.isEmpty)
            // Once applied, the same confirmation changes nothing.
            let again = try await store.applyConfirmation(Fixture.confirmation("c-1", .cancelled))
            #expect(again.replayed && again.cancelled == outcome.cancelled)
            #expect(try await Fixture.level(store, "A")?.onHand == 9)
        }
    }

    @Test(
        "Nothing shipped: the task is cancelled; nothing open: refused, naming the field",
        arguments: StoreBackend.allCases
    )
    func wholeTask(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            _ = try await Fixture.prepare(store)
            let outcome = try await store.applyConfirmation(Fixture.confirmation("c-2", .cancelled))
            #expect(outcome.task.status == .cancelled)
            #expect(
                try await Fixture.level(store, "A") == StockLevel(sku: "A", locationID: "WH1", onHand: 10, reserved: 0)
            )
            do {
                _ = try await store.applyConfirmation(Fixture.confirmation("c-3", .cancelled))
                Issue.record("cancelling a task with nothing open was accepted")
            } catch StoreError.invalidValue(let field, _, let reason) {
                #expect(field == "confirmation[c-3].lines")
                #expect(reason.contains("nothing open left to cancel"))
            }
        }
    }

    @Test("The first cancellation request of an order is kept", arguments: StoreBackend.allCases)
    func firstRequestWins(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            #expect(try await store.cancellation(orderID: Fixture.order) == nil)
            let first = FulfillmentCancellation(
                orderID: Fixture.order,
                eventID: "cr-1",
                reason: "customer changed their mind",
                requestedBy: "ops@example.com",
                requestedAt: Fixture.at
            )
            #expect(try await store.requestCancellation(first) == first)
            var second = first
            second.eventID = "cr-2"
            second.requestedBy = "someone-else"
            #expect(try await store.requestCancellation(second) == first)
            #expect(try await store.cancellation(orderID: Fixture.order) == first)
        }
    }
}
