import Foundation
import KontorStore
import Testing

@Suite("SQLite store")
struct SQLiteStoreTests {
    private func temporaryStore() throws -> SQLiteStore {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-store-\(UUID().uuidString)/kontor.sqlite").path
        return try SQLiteStore(path: path)
    }

    @Test("Migrations run when the store opens and again harmlessly on reopen")
    func migrations() throws {
        let store = try temporaryStore()
        #expect(try store.appliedMigrations() == ["v1-processed-events", "v2-connector-state", "v3-sequences"])
        let reopened = try SQLiteStore(path: store.path)
        #expect(try reopened.appliedMigrations() == ["v1-processed-events", "v2-connector-state", "v3-sequences"])
    }

    @Test("Processed events are remembered per stage, survive reopening, and can be pruned")
    func processedEvents() async throws {
        let store = try temporaryStore()
        #expect(try await store.processed(stage: "validation", among: ["a", "b"]).isEmpty)
        try await store.record(stage: "validation", eventIDs: ["a", "c"])
        try await store.record(stage: "validation", eventIDs: ["a"])
        #expect(try await store.processed(stage: "validation", among: ["a", "b", "c"]) == ["a", "c"])
        #expect(try await store.processed(stage: "allocation", among: ["a"]).isEmpty)

        let reopened = try SQLiteStore(path: store.path)
        #expect(try await reopened.processed(stage: "validation", among: ["c"]) == ["c"])
        #expect(try await reopened.pruneProcessedEvents(olderThan: .seconds(3600)) == 0)
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await reopened.pruneProcessedEvents(olderThan: .seconds(1)) == 2)
    }

    @Test("Lookups larger than SQLite's parameter limit work")
    func largeLookups() async throws {
        let store = try temporaryStore()
        let ids = (0..<2500).map { "event-\($0)" }
        try await store.record(stage: "s", eventIDs: ids)
        #expect(try await store.processed(stage: "s", among: ids + ["missing"]).count == 2500)
    }

    @Test("Webhook deliveries are taken once per connector; checkpoints are saved and replaced")
    func connectorState() async throws {
        let store = try temporaryStore()
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

    @Test("Sequences count up from 1 per name, across reopening and concurrent callers")
    func sequences() async throws {
        let store = try temporaryStore()
        #expect(try await store.nextSequenceNumber("ack:acme") == 1)
        #expect(try await store.nextSequenceNumber("ack:acme") == 2)
        #expect(try await store.nextSequenceNumber("ack:other") == 1)
        let reopened = try SQLiteStore(path: store.path)
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await reopened.nextSequenceNumber("ack:acme") } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(numbers.sorted() == Array(3...22))
    }
}
