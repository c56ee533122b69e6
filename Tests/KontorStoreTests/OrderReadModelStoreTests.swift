import Foundation
import KontorModel
import KontorStore
import Testing

@Suite("Order read model, on both backends")
struct OrderReadModelStoreTests {
    static let base = Timestamp(rfc3339: "2026-11-02T09:00:00Z")!

    static func record(
        _ number: Int,
        channel: SalesChannel = .web,
        status: String = "received",
        customer: (id: String, name: String)? = nil,
        minutesAfterBase: Int64? = nil
    ) -> OrderRecord {
        let created = Timestamp(
            microsecondsSinceEpoch: base.microsecondsSinceEpoch + (minutesAfterBase ?? Int64(number)) * 60_000_000
        )
        return OrderRecord(
            orderID: OrderID.derived(channel: channel, orderNumber: "SO-\(number)"),
            orderNumber: "SO-\(number)",
            channel: channel,
            customerID: customer?.id,
            customerName: customer?.name,
            status: status,
            totalAmount: DecimalAmount("\(number).50"),
            currency: .eur,
            createdAt: created,
            updatedAt: created,
            orderJSON: Data(#"{"orderNumber":"SO-\#(number)","note":"Grüße"}"#.utf8)
        )
    }

    @Test("Saving checks the expected version", arguments: StoreBackend.allCases)
    func versions(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let record = Self.record(1)
            let saved = try await store.saveOrder(record, expectedVersion: nil)
            #expect(saved.version == 1)
            #expect(try await store.order(id: record.orderID) == saved)
            await #expect(throws: StoreError.versionConflict(orderID: record.orderID, expected: nil, actual: 1)) {
                try await store.saveOrder(record, expectedVersion: nil)
            }
            var validated = saved
            validated.status = "validated"
            let second = try await store.saveOrder(validated, expectedVersion: 1)
            #expect(second.version == 2)
            await #expect(throws: StoreError.versionConflict(orderID: record.orderID, expected: 1, actual: 2)) {
                try await store.saveOrder(validated, expectedVersion: 1)
            }
            let unknown = Self.record(2)
            await #expect(throws: StoreError.versionConflict(orderID: unknown.orderID, expected: 3, actual: nil)) {
                try await store.saveOrder(unknown, expectedVersion: 3)
            }
            let stored = try #require(try await store.order(id: record.orderID))
            #expect(stored.status == "validated")
            #expect(stored.totalAmount?.description == "1.50")
            #expect(String(decoding: stored.orderJSON, as: UTF8.self) == #"{"orderNumber":"SO-1","note":"Grüße"}"#)
        }
    }

    @Test(
        "The latest allocation is kept beside the order, and cleared when saved as nil",
        arguments: StoreBackend.allCases
    )
    func allocation(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let saved = try await store.saveOrder(Self.record(1), expectedVersion: nil)
            #expect(saved.allocationJSON == nil)
            #expect(try await store.order(id: saved.orderID)?.allocationJSON == nil)
            var allocated = saved
            allocated.status = "allocated"
            allocated.allocationJSON = Data(#"{"shipments":[{"locationId":"WH-KÖLN"}],"backorders":[]}"#.utf8)
            let second = try await store.saveOrder(allocated, expectedVersion: 1)
            let stored = try #require(try await store.order(id: saved.orderID))
            #expect(stored == second)
            #expect(
                stored.allocationJSON.map { String(decoding: $0, as: UTF8.self) }
                    == #"{"shipments":[{"locationId":"WH-KÖLN"}],"backorders":[]}"#
            )
            let page = try await store.searchOrders(OrderQuery(statuses: ["allocated"]))
            #expect(page.records.map(\.allocationJSON) == [stored.allocationJSON])
            var cleared = stored
            cleared.allocationJSON = nil
            _ = try await store.saveOrder(cleared, expectedVersion: 2)
            #expect(try await store.order(id: saved.orderID)?.allocationJSON == nil)
        }
    }

    @Test("Racing savers with the same expected version: exactly one wins", arguments: StoreBackend.allCases)
    func concurrentSaves(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            let saved = try await store.saveOrder(Self.record(1), expectedVersion: nil)
            let other = try await database.open()
            let results = await withTaskGroup(of: Bool.self) { group in
                for attempt in 0..<8 {
                    let worker = attempt.isMultiple(of: 2) ? store : other
                    var update = saved
                    update.status = "status-\(attempt)"
                    group.addTask { (try? await worker.saveOrder(update, expectedVersion: 1)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            await other.close()
            #expect(results.filter { $0 }.count == 1)
            #expect(try await store.order(id: saved.orderID)?.version == 2)
        }
    }

    @Test("Timeline entries are numbered per order and a replayed event adds nothing", arguments: StoreBackend.allCases)
    func timeline(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let order = Self.record(1).orderID
            let other = Self.record(2).orderID
            func entry(_ orderID: OrderID, _ event: String, _ status: String) -> TimelineEntry {
                TimelineEntry(
                    orderID: orderID,
                    at: Self.base,
                    stage: "validation",
                    eventType: "order.\(status)",
                    status: status,
                    reasonsJSON: status == "rejected" ? #"[{"code":"MISSING_SHIP_TO"}]"# : nil,
                    eventID: event
                )
            }
            let first = try await store.appendTimeline([entry(order, "e1", "received"), entry(other, "e1", "received")])
            #expect(first.map(\.sequence) == [1, 1])
            let second = try await store.appendTimeline([
                entry(order, "e1", "received"), entry(order, "e2", "rejected"), entry(order, "e2", "rejected"),
            ])
            #expect(second.map(\.eventID) == ["e2"])
            #expect(second.map(\.sequence) == [2])
            let stored = try await store.timeline(orderID: order)
            #expect(stored.map(\.eventID) == ["e1", "e2"])
            #expect(stored.map(\.sequence) == [1, 2])
            #expect(stored.last?.reasonsJSON == #"[{"code":"MISSING_SHIP_TO"}]"#)
            #expect(
                stored.first
                    == TimelineEntry(
                        orderID: order,
                        sequence: 1,
                        at: Self.base,
                        stage: "validation",
                        eventType: "order.received",
                        status: "received",
                        eventID: "e1"
                    )
            )
        }
    }

    @Test(
        "Timeline counts: distinct orders per slot with an entry of one type, in the window only",
        arguments: StoreBackend.allCases
    )
    func timelineCounts(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let hour: Int64 = 3_600_000_000
            func entry(_ number: Int, _ event: String, hours: Double, type: String = "order.received") -> TimelineEntry
            {
                TimelineEntry(
                    orderID: Self.record(number).orderID,
                    at: Timestamp(
                        microsecondsSinceEpoch: Self.base.microsecondsSinceEpoch + Int64(hours * Double(hour))
                    ),
                    stage: "ingest",
                    eventType: type,
                    status: "received",
                    eventID: event
                )
            }
            try await store.appendTimeline([
                entry(1, "e1", hours: 0),
                // The same order received twice (another event id) counts once.
                entry(1, "e1b", hours: 0.5),
                entry(2, "e2", hours: 0.99),
                entry(3, "e3", hours: 2.25),
                entry(3, "e3v", hours: 2.5, type: "order.validated"),
                // Before the window and at its end (exclusive): not counted.
                entry(4, "e4", hours: -0.01),
                entry(5, "e5", hours: 3),
            ])
            let counts = try await store.timelineCounts(
                eventType: "order.received",
                from: Self.base,
                before: Timestamp(microsecondsSinceEpoch: Self.base.microsecondsSinceEpoch + 3 * hour),
                slotMicroseconds: hour
            )
            #expect(counts == [0: 2, 2: 1])
            let none = try await store.timelineCounts(
                eventType: "order.shipped",
                from: Self.base,
                before: Timestamp(microsecondsSinceEpoch: Self.base.microsecondsSinceEpoch + 3 * hour),
                slotMicroseconds: hour
            )
            #expect(none.isEmpty)
        }
    }

    @Test(
        "Search filters by status, channel, dates, customer and text, newest first, with counts",
        arguments: StoreBackend.allCases
    )
    func search(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let hofmann = (id: "C-1001", name: "Hofmann Haustechnik GmbH")
            let records = [
                Self.record(1, channel: .web, status: "received"),
                Self.record(2, channel: .shopify, status: "validated", customer: hofmann),
                Self.record(3, channel: .ediX12, status: "rejected"),
                Self.record(4, channel: .shopify, status: "validated"),
                Self.record(5, channel: .web, status: "validated", customer: hofmann),
                Self.record(6, channel: .web, status: "received", customer: (id: "C-2002", name: "50%_Rabatt Markt")),
            ]
            for record in records { _ = try await store.saveOrder(record, expectedVersion: nil) }
            func numbers(_ query: OrderQuery) async throws -> [String] {
                try await store.searchOrders(query).records.map(\.orderNumber)
            }
            #expect(try await numbers(OrderQuery()) == ["SO-6", "SO-5", "SO-4", "SO-3", "SO-2", "SO-1"])
            #expect(try await numbers(OrderQuery(statuses: ["validated"])) == ["SO-5", "SO-4", "SO-2"])
            #expect(try await numbers(OrderQuery(statuses: ["rejected", "received"])) == ["SO-6", "SO-3", "SO-1"])
            #expect(try await numbers(OrderQuery(channels: [.shopify])) == ["SO-4", "SO-2"])
            #expect(try await numbers(OrderQuery(statuses: ["validated"], channels: [.web])) == ["SO-5"])
            #expect(try await numbers(OrderQuery(customerID: "C-1001")) == ["SO-5", "SO-2"])
            let from = records[1].createdAt
            let before = records[4].createdAt
            #expect(
                try await numbers(OrderQuery(createdFrom: from, createdBefore: before)) == ["SO-4", "SO-3", "SO-2"]
            )
            #expect(try await numbers(OrderQuery(text: "so-3")) == ["SO-3"])
            #expect(try await numbers(OrderQuery(text: "HAUSTECHNIK")) == ["SO-5", "SO-2"])
            // LIKE wildcards in the text match themselves.
            #expect(try await numbers(OrderQuery(text: "50%_")) == ["SO-6"])
            #expect(try await numbers(OrderQuery(text: "%")) == ["SO-6"])

            let counts = try await store.orderCounts(OrderQuery())
            #expect(counts.byStatus == ["received": 2, "validated": 3, "rejected": 1])
            #expect(counts.byChannel == [.web: 3, .shopify: 2, .ediX12: 1])
            #expect(counts.total == 6)
            let webCounts = try await store.orderCounts(OrderQuery(channels: [.web]))
            #expect(webCounts.byStatus == ["received": 2, "validated": 1])
        }
    }

    @Test(
        "Pages follow a stable cursor, also when orders share a creation time or arrive meanwhile",
        arguments: StoreBackend.allCases
    )
    func pagination(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            // Five orders created in the same minute: the order id breaks the tie.
            for number in 1...7 {
                _ = try await store.saveOrder(
                    Self.record(number, minutesAfterBase: number <= 5 ? 0 : Int64(number)),
                    expectedVersion: nil
                )
            }
            let all = try await store.searchOrders(OrderQuery(limit: 100)).records.map(\.orderNumber)
            #expect(all.count == 7)
            var seen: [String] = []
            var query = OrderQuery(limit: 3)
            var pages = 0
            while true {
                let page = try await store.searchOrders(query)
                seen += page.records.map(\.orderNumber)
                pages += 1
                if pages == 1 {
                    // A newer order arriving after the first page does not shift the later pages.
                    _ = try await store.saveOrder(Self.record(99, minutesAfterBase: 500), expectedVersion: nil)
                }
                guard let next = page.nextCursor else { break }
                query.after = next
            }
            #expect(pages == 3)
            #expect(seen == all)
            await #expect(throws: StoreError.invalidCursor("garbage")) {
                try await store.searchOrders(OrderQuery(after: "garbage"))
            }
            await #expect(throws: StoreError.self) { try await store.searchOrders(OrderQuery(limit: 0)) }
        }
    }
}
