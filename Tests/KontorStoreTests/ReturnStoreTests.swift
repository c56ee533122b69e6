import KontorModel
import KontorStore
import Testing

/// RMAs, receipts, shipments and quarantine on both backends, with concurrent callers through separate stores (as
/// separate processes have): numbers stay unique and sequential, returnable pieces are never authorized twice.
@Suite("Return store, on both backends")
struct ReturnStoreTests {
    static let march = Timestamp(rfc3339: "2026-03-02T10:00:00Z")!

    static func request(
        _ order: String,
        line: String = "1",
        quantity: Int = 1,
        returnable: Int = 5,
        resolution: ReturnResolution = .refund
    ) -> ReturnRequest {
        ReturnRequest(
            orderID: OrderID(order),
            lines: [ReturnLine(lineNumber: line, sku: "SKU-1", quantity: quantity, reason: "damaged")],
            returnable: [line: returnable],
            resolution: resolution,
            returnCarrier: "dhl",
            returnLocationID: "WH1",
            note: "test",
            authorizedBy: "ops",
            authorizedAt: march
        )
    }

    static func authorized(_ outcome: ReturnAuthorizationOutcome) -> ReturnRecord? {
        if case .authorized(let record) = outcome { return record }
        return nil
    }

    /// Runs `attempts` calls of `body` at once over `count` stores on the database.
    private func race<T: Sendable>(
        _ database: TestDatabase,
        stores count: Int,
        attempts: Int,
        _ body: @escaping @Sendable (any KontorStoreBackend, Int) async throws -> T
    ) async throws -> [T] {
        var stores: [any KontorStoreBackend] = []
        for _ in 0..<count { stores.append(try await database.open()) }
        let workers = stores
        let results = try await withThrowingTaskGroup(of: T.self) { group in
            for attempt in 0..<attempts {
                let store = workers[attempt % workers.count]
                group.addTask { try await body(store, attempt) }
            }
            return try await group.reduce(into: [T]()) { $0.append($1) }
        }
        for store in stores { await store.close() }
        return results
    }

    @Test("RMA numbers: sequential per year and unique under 24 concurrent creators", arguments: StoreBackend.allCases)
    func numbering(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            let records = try await race(database, stores: 4, attempts: 24) { worker, attempt in
                try await worker.authorizeReturn(Self.request("ord_number_\(attempt)"))
            }.compactMap(Self.authorized)
            #expect(records.count == 24)
            let expected = (1...24).map { "RMA-2026-" + String(repeating: "0", count: 6 - "\($0)".count) + "\($0)" }
            #expect(records.map(\.rmaNumber).sorted() == expected)
            #expect(Set(records.map(\.returnTrackingNumber)).count == 24)
            // A new year starts again at 1.
            var next = Self.request("ord_next_year")
            next.authorizedAt = Timestamp(rfc3339: "2027-01-01T00:00:01Z")!
            #expect(Self.authorized(try await store.authorizeReturn(next))?.rmaNumber == "RMA-2027-000001")
        }
    }

    @Test(
        "Quantities: 12 concurrent RMAs of 1 piece when 5 are returnable: exactly 5",
        arguments: StoreBackend.allCases
    )
    func quantities(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            let outcomes = try await race(database, stores: 4, attempts: 12) { worker, _ in
                try await worker.authorizeReturn(Self.request("ord_quantity"))
            }
            #expect(outcomes.compactMap(Self.authorized).count == 5)
            let refused = outcomes.compactMap { outcome -> ReturnLineRefusal? in
                if case .refused(let lines) = outcome { return lines.first }
                return nil
            }
            #expect(refused.count == 7)
            #expect(refused.allSatisfy { $0 == ReturnLineRefusal(lineNumber: "1", requested: 1, remaining: 0) })
            // Two lines of one request count together; another line has its own limit.
            var both = Self.request("ord_lines", quantity: 2, returnable: 3)
            both.lines.append(ReturnLine(lineNumber: "1", sku: "SKU-1", quantity: 2, reason: "wrong-item"))
            guard case .refused(let lines) = try await store.authorizeReturn(both) else {
                Issue.record("4 of 3 pieces authorized")
                return
            }
            #expect(lines.first == ReturnLineRefusal(lineNumber: "1", requested: 4, remaining: 3))
            #expect(try await store.returnAuthorizations(orderID: OrderID("ord_lines"), status: nil, limit: 10).isEmpty)
            #expect(
                try await store.returnAuthorizations(orderID: OrderID("ord_quantity"), status: nil, limit: 10).count
                    == 5
            )
        }
    }

    @Test(
        "Receipt: resalable back on hand with a journal entry, damaged quarantined; once per receipt id",
        arguments: StoreBackend.allCases
    )
    func receipt(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.setStock([StockCount(sku: "SKU-1", locationID: "WH1", onHand: 10)])
            let rma = try #require(Self.authorized(try await store.authorizeReturn(Self.request("ord_r", quantity: 3))))
            let journalBefore = try await store.stockJournal(after: 0, limit: 100).count
            let receipt = ReturnReceiptRecord(
                receiptID: "evt-1",
                rmaNumber: rma.rmaNumber,
                receiptNumber: 0,
                locationID: "WH1",
                lines: [
                    ReceivedReturnLine(lineNumber: "1", sku: "", quantity: 2, condition: .resalable, restocked: false),
                    ReceivedReturnLine(lineNumber: "1", sku: "", quantity: 1, condition: .damaged, restocked: true),
                ],
                receivedAt: Self.march
            )
            guard case .recorded(let recorded, let updated) = try await store.recordReturnReceipt(receipt) else {
                Issue.record("receipt refused")
                return
            }
            #expect(recorded.receiptNumber == 1)
            #expect(recorded.lines.map(\.sku) == ["SKU-1", "SKU-1"])
            #expect(recorded.lines.map(\.restocked) == [true, false])
            #expect(updated.status == .received)
            // Redelivered: the stored receipt, no second restock.
            guard case .recorded(let again, _) = try await store.recordReturnReceipt(receipt) else {
                Issue.record("redelivered receipt refused")
                return
            }
            #expect(again == recorded)
            #expect(try await store.stockLevels(skus: ["SKU-1"], locationIDs: ["WH1"]).first?.onHand == 12)
            #expect(
                try await store.quarantineStock(locationID: "WH1") == [
                    QuarantineStock(locationID: "WH1", sku: "SKU-1", quantity: 1)
                ]
            )
            #expect(try await store.quarantineStock(locationID: "WH2").isEmpty)
            let journal = try await store.stockJournal(after: 0, limit: 100)
            #expect(journal.count == journalBefore + 1)
            #expect(journal.last?.change == .receipt)
            #expect(try await store.returnAuthorization(rmaNumber: rma.rmaNumber)?.status == .received)

            // Nothing outstanding any more: a further receipt is refused and changes nothing.
            var more = receipt
            more.receiptID = "evt-2"
            more.lines = [
                ReceivedReturnLine(lineNumber: "1", sku: "", quantity: 1, condition: .resalable, restocked: true)
            ]
            guard case .refused(let reason) = try await store.recordReturnReceipt(more) else {
                Issue.record("a receipt beyond the RMA was recorded")
                return
            }
            #expect(reason.hasPrefix("lines[0].quantity:"))
            more.rmaNumber = "RMA-2026-999999"
            #expect(try await store.recordReturnReceipt(more) == .refused("no RMA \"RMA-2026-999999\""))
            #expect(try await store.stockLevels(skus: ["SKU-1"], locationIDs: ["WH1"]).first?.onHand == 12)
        }
    }

    @Test(
        "Settlement: refunded once per event, exchange linked both ways; shipments once per id",
        arguments: StoreBackend.allCases
    )
    func settlementAndShipments(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let refund = try #require(Self.authorized(try await store.authorizeReturn(Self.request("ord_s"))))
            let amount = Money(DecimalAmount("11.84")!, CurrencyCode("EUR")!)
            for _ in 0..<2 {
                try await store.settleReturn(
                    rmaNumber: refund.rmaNumber,
                    eventID: "e1",
                    refund: amount,
                    exchangeOrderID: nil
                )
            }
            let refunded = try #require(try await store.returnAuthorization(rmaNumber: refund.rmaNumber))
            #expect(refunded.status == .refunded)
            #expect(refunded.refund == amount)
            #expect(
                try await store.returnAuthorizations(orderID: nil, status: .refunded, limit: 10).map(\.rmaNumber) == [
                    refund.rmaNumber
                ]
            )

            let exchange = try #require(
                Self.authorized(try await store.authorizeReturn(Self.request("ord_x", resolution: .exchange)))
            )
            try await store.settleReturn(
                rmaNumber: exchange.rmaNumber,
                eventID: "e2",
                refund: nil,
                exchangeOrderID: OrderID("ord_new")
            )
            #expect(
                try await store.returnAuthorization(exchangeOrderID: OrderID("ord_new"))?.rmaNumber
                    == exchange.rmaNumber
            )
            #expect(try await store.returnAuthorization(rmaNumber: exchange.rmaNumber)?.status == .exchanged)

            let shipment = ShipmentRecord(
                shipmentID: "ord_s-WH1-1",
                orderID: OrderID("ord_s"),
                locationID: "WH1",
                carrier: "ups",
                lines: [ConfirmedLine(lineNumber: "1", sku: "SKU-1", quantity: 2)],
                shippedAt: Self.march
            )
            try await store.recordShipment(shipment)
            try await store.recordShipment(shipment)
            #expect(try await store.shipments(orderID: OrderID("ord_s")) == [shipment])
            #expect(try await store.shipments(orderID: OrderID("ord_x")).isEmpty)
        }
    }
}
