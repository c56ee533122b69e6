import Foundation
import KontorModel
import KontorStore
import Testing

@Suite("Dead-letter index and audit log")
struct DeadLetterStoreTests {
    static func record(
        _ eventID: String?,
        stage: String = "validation",
        offset: Int64 = 7,
        error: String = "unparseable",
        message: String = "not JSON",
        attempts: Int = 1,
        at seconds: Int64 = 1_000
    ) -> DeadLetterRecord {
        DeadLetterRecord(
            id: DeadLetterRecord.id(
                stage: stage,
                eventID: eventID,
                topic: "kontor.order.received.v1",
                partition: 2,
                offset: offset
            ),
            stage: stage,
            eventID: eventID,
            originalTopic: "kontor.order.received.v1",
            originalPartition: 2,
            originalOffset: offset,
            key: Array("ord_1".utf8),
            headers: [
                .init(key: "kontor-event-id", value: eventID.map { Array($0.utf8) }),
                .init(key: "x-binary", value: [0xFF, 0x00, 0x7F]), .init(key: "x-empty", value: nil),
            ],
            payload: [0x7B, 0xFF, 0x00, 0x22],
            errorClass: error,
            errorMessage: message,
            attempts: attempts,
            firstFailure: Timestamp(microsecondsSinceEpoch: seconds * 1_000_000),
            lastFailure: Timestamp(microsecondsSinceEpoch: seconds * 1_000_000)
        )
    }

    @Test(
        "Dead letters are indexed with the processed ids; a repeat failure updates the same record",
        arguments: StoreBackend.allCases
    )
    func indexAndUpsert(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let first = Self.record("E-1", error: "transient", message: "partner down", attempts: 2, at: 1_000)
            try await store.record(
                processed: ["validation#dead-letter": ["kontor.order.received.v1/2/7"]],
                progress: [],
                deadLetters: [first]
            )
            #expect(first.id == "validation:E-1")
            #expect(try await store.deadLetter(id: first.id) == first)
            #expect(
                try await store.processed(stage: "validation#dead-letter", among: ["kontor.order.received.v1/2/7"])
                    .count == 1
            )

            #expect(try await store.markReplayed(ids: [first.id, "validation:unknown"]) == 1)
            var again = Self.record(
                "E-1",
                offset: 99,
                error: "transient",
                message: "still down",
                attempts: 4,
                at: 2_000
            )
            again.firstFailure = Timestamp(microsecondsSinceEpoch: 1_999_000_000)
            try await store.record(processed: [:], progress: [], deadLetters: [again])
            let stored = try #require(try await store.deadLetter(id: first.id))
            #expect(stored.attempts == 4)
            #expect(stored.originalOffset == 99)
            #expect(stored.errorMessage == "still down")
            #expect(stored.status == .open)
            #expect(stored.replayCount == 1)
            // The first failure stays the first one.
            #expect(stored.firstFailure == first.firstFailure)
            #expect(stored.lastFailure == again.lastFailure)
            #expect(stored.payload == [0x7B, 0xFF, 0x00, 0x22])

            // Without an event id the id is the position.
            #expect(Self.record(nil, offset: 5).id == "validation:kontor.order.received.v1/2/5")
        }
    }

    @Test("Filters by stage, time, error text, status and ids; pages newest first", arguments: StoreBackend.allCases)
    func filtersAndPaging(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let records = [
                Self.record("A", error: "unparseable", message: "unexpected end of JSON", at: 1_000),
                Self.record("B", error: "transient", message: "Partner 100% down", at: 2_000),
                Self.record("C", stage: "allocation", error: "schema-violation", message: "wrong type", at: 3_000),
                Self.record("D", error: "transient", message: "timeout", at: 4_000),
            ]
            try await store.record(processed: [:], progress: [], deadLetters: records)
            func ids(_ query: DeadLetterQuery) async throws -> [String] {
                try await store.deadLetters(query).records.map { $0.eventID ?? "" }
            }
            #expect(try await ids(DeadLetterQuery()) == ["D", "C", "B", "A"])
            #expect(try await ids(DeadLetterQuery(stage: "validation")) == ["D", "B", "A"])
            #expect(
                try await ids(DeadLetterQuery(since: Timestamp(microsecondsSinceEpoch: 2_000_000_000))) == [
                    "D", "C", "B",
                ]
            )
            #expect(try await ids(DeadLetterQuery(errorText: "partner 100%")) == ["B"])
            #expect(try await ids(DeadLetterQuery(errorText: "SCHEMA")) == ["C"])
            #expect(try await ids(DeadLetterQuery(errorText: "_")).isEmpty)
            #expect(try await ids(DeadLetterQuery(ids: ["validation:A", "allocation:C"])) == ["C", "A"])

            try await store.markReplayed(ids: ["validation:D"])
            #expect(try await store.purgeDeadLetters(ids: ["validation:A", "validation:A"]) == 1)
            #expect(try await store.purgeDeadLetters(ids: ["validation:A"]) == 0)
            #expect(try await ids(DeadLetterQuery(status: .open)) == ["C", "B"])
            #expect(try await ids(DeadLetterQuery(status: .replayed)) == ["D"])
            #expect(try await ids(DeadLetterQuery(status: .purged)) == ["A"])
            // Counts per stage and status, in one grouped query.
            #expect(try await store.deadLetterCounts(status: .open) == ["validation": 1, "allocation": 1])
            #expect(try await store.deadLetterCounts(status: .replayed) == ["validation": 1])
            #expect(try await store.deadLetterCounts(status: .purged) == ["validation": 1])

            var query = DeadLetterQuery(limit: 3)
            let first = try await store.deadLetters(query)
            #expect(first.records.map(\.eventID) == ["D", "C", "B"])
            query.after = try #require(first.nextCursor)
            let second = try await store.deadLetters(query)
            #expect(second.records.map(\.eventID) == ["A"])
            #expect(second.nextCursor == nil)
            await #expect(throws: StoreError.invalidCursor("nonsense")) {
                _ = try await store.deadLetters(DeadLetterQuery(after: "nonsense"))
            }
            await #expect(throws: StoreError.self) { _ = try await store.deadLetters(DeadLetterQuery(limit: 0)) }
        }
    }

    @Test("The audit log keeps entries in order, newest first", arguments: StoreBackend.allCases)
    func auditLog(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let at = Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000)
            let first = try await store.appendAudit(
                AuditEntry(actor: "erika", at: at, action: "dlq.replay", filter: "stage=validation", count: 2)
            )
            let second = try await store.appendAudit(
                AuditEntry(actor: "ops", at: at, action: "dlq.purge", filter: "all", count: 0)
            )
            #expect(second.sequence > first.sequence)
            let entries = try await store.auditEntries(limit: 10, before: nil)
            #expect(entries == [second, first])
            #expect(try await store.auditEntries(limit: 1, before: nil) == [second])
            #expect(try await store.auditEntries(limit: 10, before: second.sequence) == [first])
        }
    }
}
