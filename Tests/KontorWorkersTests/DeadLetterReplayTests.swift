import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import ServiceLifecycle
import Synchronization
import Testing

/// Validation behind a switch: while broken every event fails (a partner system down), once fixed it validates.
struct BrokenUntilFixedHandler: StageHandler {
    final class Switch: Sendable {
        let fixed = Mutex(false)
    }

    let switchState = Switch()
    var stage: String { "validation" }

    func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        // A message without an event id is poison whatever the partner does: validation refuses it as unparseable.
        guard EventMessage.eventID(of: message) == nil || switchState.fixed.withLock({ $0 }) else {
            throw StageError.transient("partner system down")
        }
        return try await ValidationHandler().handle(message)
    }
}

@Suite("Dead letters: index, replay, purge on the embedded cluster", .serialized, .timeLimit(.minutes(3)))
struct DeadLetterReplayTests {
    /// Waits until `condition` holds, for at most 30 s (a wait, not an assertion: the expectations follow).
    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !(try await condition()), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test("Poison → DLQ topic and index → fix → replay → processed once; again adds nothing; purge; audit")
    func roundTrip() async throws {
        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        let store = try WorkerTestSupport.temporaryStore()
        let order = try WorkerTestSupport.order(number: "DLQ-1")
        let eventID = EventID.random()
        let good = try WorkerTestSupport.receivedMessage(order, eventID: eventID)
        let poison: [UInt8] = Array("{\"orderNumber\": ".utf8) + [0xFF]
        try await producer.send(good)
        try await producer.send(
            KafkaProducerMessage(topic: KontorTopics.orderReceived, key: Array("ord_poison".utf8), value: poison)
        )

        let handler = BrokenUntilFixedHandler()
        let runtime = WorkerTestSupport.runtime(
            cluster,
            producer: producer,
            store: store,
            handler: handler,
            retry: RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(5))
        )
        let operations = DeadLetterOperations(store: store, producer: producer)
        let goodID = "validation:\(eventID.rawValue)"
        let group = ServiceGroup(services: [runtime], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let dead = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.validationDeadLetter],
                count: 2
            )
            #expect(dead.count == 2)
            let deadGood = try #require(
                dead.first { $0.headers.value(forKey: KontorHeaders.eventID) == eventID.rawValue }
            )
            #expect(deadGood.value == good.value)
            #expect(deadGood.headers.value(forKey: KontorHeaders.dlqAttempts) == "2")
            #expect(deadGood.headers.value(forKey: KontorHeaders.dlqErrorClass) == "transient")

            // The index holds both, written with the processed ids.
            try await Self.waitUntil { try await store.deadLetters(DeadLetterQuery()).records.count == 2 }
            let indexed = try #require(try await store.deadLetter(id: goodID))
            #expect(indexed.payload == good.value)
            #expect(indexed.key == good.key)
            #expect(indexed.headers.map(\.key) == good.headers.map(\.key))
            #expect(indexed.attempts == 2)
            #expect(indexed.status == .open)
            let poisonRecord = try #require(
                try await store.deadLetters(DeadLetterQuery(errorText: "unparseable")).records.first
            )
            #expect(poisonRecord.payload == poison)
            #expect(poisonRecord.attempts == 1)
            #expect(poisonRecord.eventID == nil)
            #expect(try await store.deadLetters(DeadLetterQuery(errorText: "partner")).records.map(\.id) == [goodID])
            #expect(try await store.deadLetters(DeadLetterQuery(stage: "allocation")).records.isEmpty)

            // A dry run publishes nothing and leaves no audit entry.
            let dry = try await operations.replay(
                DeadLetterQuery(ids: [goodID]),
                to: .original,
                dryRun: true,
                actor: "t"
            )
            #expect(dry.records.map(\.id) == [goodID])
            #expect(dry.published == 0)

            // Replayed while still broken: it fails again and comes back with its attempts counted on.
            _ = try await operations.replay(
                DeadLetterQuery(ids: [goodID]),
                to: .original,
                dryRun: false,
                actor: "erika"
            )
            try await Self.waitUntil { try await store.deadLetter(id: goodID)?.attempts == 4 }
            let failedAgain = try #require(try await store.deadLetter(id: goodID))
            #expect(failedAgain.attempts == 4)
            #expect(failedAgain.status == .open)
            #expect(failedAgain.replayCount == 1)
            #expect(failedAgain.firstFailure == indexed.firstFailure)
            #expect(!failedAgain.headers.contains { $0.key.hasPrefix("kontor-dlq-") })
            let deadAgain = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.validationDeadLetter],
                count: 3
            )
            let returned = try #require(deadAgain.first { $0.headers.value(forKey: KontorHeaders.dlqAttempts) == "4" })
            #expect(returned.headers.value(forKey: KontorHeaders.replayOf) == goodID)
            #expect(returned.value == good.value)

            // Fixed: the open dead letters of the stage are replayed; the order is validated once.
            handler.switchState.fixed.withLock { $0 = true }
            let replayed = try await operations.replay(
                DeadLetterQuery(stage: "validation", errorText: "partner"),
                to: .original,
                dryRun: false,
                actor: "erika"
            )
            #expect(replayed.published == 1)
            let validated = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.orderValidated],
                count: 1
            )
            #expect(validated.count == 1)
            try await Self.waitUntil {
                try await store.processed(stage: "validation", among: [eventID.rawValue]).count == 1
            }
            #expect(try await store.deadLetter(id: goodID)?.status == .replayed)

            // Replaying the same record again yields nothing new: the event id is processed.
            let skippedBefore = runtime.metrics.snapshot.duplicatesSkipped
            _ = try await operations.replay(
                DeadLetterQuery(ids: [goodID]),
                to: .original,
                dryRun: false,
                actor: "erika"
            )
            try await Self.waitUntil { runtime.metrics.snapshot.duplicatesSkipped > skippedBefore }
            #expect(runtime.metrics.snapshot.duplicatesSkipped == skippedBefore + 1)
            // The topic is read from the start until the one validated order is there (a reader's group join can
            // take seconds on a busy machine), plus a settle poll that would bring a second one along.
            let validatedAfter = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.orderValidated],
                count: 1
            )
            #expect(validatedAfter.count == 1)
            #expect(try await store.deadLetter(id: goodID)?.replayCount == 3)

            // Purged: the poison stays listed as purged and a filter replay skips it.
            #expect(try await operations.purge(DeadLetterQuery(errorText: "unparseable"), actor: "ops") == 1)
            #expect(try await store.deadLetter(id: poisonRecord.id)?.status == .purged)
            let nothing = try await operations.replay(DeadLetterQuery(), to: .original, dryRun: false, actor: "ops")
            #expect(nothing.records.isEmpty)

            let audit = try await store.auditEntries(limit: 10, before: nil)
            #expect(audit.map(\.action) == ["dlq.replay", "dlq.purge", "dlq.replay", "dlq.replay", "dlq.replay"])
            #expect(audit.map(\.actor) == ["ops", "ops", "erika", "erika", "erika"])
            #expect(audit.map(\.count) == [0, 1, 1, 1, 1])
            #expect(audit[1].filter == "error=unparseable")
            await group.triggerGracefulShutdown()
        }
        await producer.shutdown()
        cluster.shutdown()
    }

    @Test("A replayed message keeps payload, key and headers, without dlq headers, with replay-of and attempts")
    func replayMessage() {
        var record = DeadLetterStoreFixture.record
        record.headers += [
            .init(key: KontorHeaders.dlqStage, value: Array("validation".utf8)),
            .init(key: KontorHeaders.replayAttempts, value: Array("1".utf8)),
        ]
        let original = DeadLetterOperations.replayMessage(for: record, to: .original)
        #expect(original.topic == KontorTopics.orderReceived)
        #expect(original.value == record.payload)
        #expect(original.key == record.key)
        #expect(
            original.headers.map(\.key) == [
                "kontor-event-id", "x-binary", "kontor-replay-of", "kontor-replay-attempts",
            ]
        )
        #expect(original.headers.value(forKey: KontorHeaders.replayAttempts) == "3")
        #expect(original.headers.first { $0.key == "x-binary" }?.value == [0xFF, 0x00])
        #expect(DeadLetterOperations.replayMessage(for: record, to: .topic("elsewhere")).topic == "elsewhere")
    }

    @Test("Only the configured error classes are retried; permanent ones never")
    func retryableClasses() {
        var policy = RetryPolicy()
        #expect(policy.retries(.transient("x")))
        #expect(policy.retries(StageError(.unexpected, "x", isRetriable: true)))
        #expect(!policy.retries(.unparseable("x")))
        policy.retryable = [.unparseable]
        #expect(!policy.retries(.unparseable("x")))
        #expect(!policy.retries(.transient("x")))
    }
}

enum DeadLetterStoreFixture {
    static let record = DeadLetterRecord(
        id: "validation:E-1",
        stage: "validation",
        eventID: "E-1",
        originalTopic: KontorTopics.orderReceived,
        originalPartition: 1,
        originalOffset: 12,
        key: Array("ord_1".utf8),
        headers: [
            .init(key: "kontor-event-id", value: Array("E-1".utf8)), .init(key: "x-binary", value: [0xFF, 0x00]),
        ],
        payload: [0x7B, 0xFF],
        errorClass: "transient",
        errorMessage: "down",
        attempts: 3,
        firstFailure: Timestamp(microsecondsSinceEpoch: 1),
        lastFailure: Timestamp(microsecondsSinceEpoch: 2)
    )
}
