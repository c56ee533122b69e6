import Foundation
import KontorStore
import Testing

@Suite("Processed events and connector state, on both backends")
struct EventLogAndConnectorStateTests {
    @Test(
        "Processed events are remembered per stage, survive reopening, and can be pruned",
        arguments: StoreBackend.allCases
    )
    func processedEvents(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            #expect(try await store.processed(stage: "validation", among: ["a", "b"]).isEmpty)
            try await store.record(stage: "validation", eventIDs: ["a", "c"])
            try await store.record(stage: "validation", eventIDs: ["a"])
            #expect(try await store.processed(stage: "validation", among: ["a", "b", "c"]) == ["a", "c"])
            #expect(try await store.processed(stage: "allocation", among: ["a"]).isEmpty)

            let reopened = try await database.open()
            #expect(try await reopened.processed(stage: "validation", among: ["c"]) == ["c"])
            #expect(try await prune(reopened, olderThan: .seconds(3600)) == 0)
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await prune(reopened, olderThan: .seconds(1)) == 2)
            await reopened.close()
        }
    }

    private func prune(_ store: any KontorStoreBackend, olderThan age: Duration) async throws -> Int {
        switch store {
        case let sqlite as SQLiteStore: try await sqlite.pruneProcessedEvents(olderThan: age)
        case let postgres as PostgresStore: try await postgres.pruneProcessedEvents(olderThan: age)
        default: -1
        }
    }

    @Test("Lookups of thousands of ids work", arguments: StoreBackend.allCases)
    func largeLookups(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let ids = (0..<2500).map { "event-\($0)" }
            try await store.record(stage: "s", eventIDs: ids)
            #expect(try await store.processed(stage: "s", among: ids + ["missing"]).count == 2500)
        }
    }

    @Test(
        "Webhook deliveries are taken once per connector; checkpoints are saved and replaced",
        arguments: StoreBackend.allCases
    )
    func connectorState(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            #expect(try await store.recordDelivery(connector: "shopify", deliveryID: "w-1"))
            #expect(try await !store.recordDelivery(connector: "shopify", deliveryID: "w-1"))
            #expect(try await store.recordDelivery(connector: "woo", deliveryID: "w-1"))
            #expect(try await store.hasDelivery(connector: "shopify", deliveryID: "w-1"))
            #expect(try await !store.hasDelivery(connector: "shopify", deliveryID: "w-2"))
            #expect(try await store.checkpoint(connector: "amazon") == nil)
            try await store.saveCheckpoint(connector: "amazon", value: "2026-11-01T00:00:00Z")
            try await store.saveCheckpoint(connector: "amazon", value: "2026-11-02T00:00:00Z")
            #expect(try await store.checkpoint(connector: "amazon") == "2026-11-02T00:00:00Z")
        }
    }

    @Test(
        "Sequences count up from 1 per name, across reopening and concurrent callers",
        arguments: StoreBackend.allCases
    )
    func sequences(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            #expect(try await store.nextSequenceNumber("ack:acme") == 1)
            #expect(try await store.nextSequenceNumber("ack:acme") == 2)
            #expect(try await store.nextSequenceNumber("ack:other") == 1)
            let reopened = try await database.open()
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    let caller = index.isMultiple(of: 2) ? store : reopened
                    group.addTask { try await caller.nextSequenceNumber("ack:acme") }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(numbers.sorted() == Array(3...22))
            await reopened.close()
        }
    }
}
