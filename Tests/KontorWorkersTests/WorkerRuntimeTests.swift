import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import ServiceLifecycle
import Synchronization
import Testing

/// A handler that fails a given number of times per message before delegating.
struct FlakyHandler: StageHandler {
    let failures: Int
    let attempts = Attempts()
    var stage: String { "validation" }

    final class Attempts: Sendable {
        let counts = Mutex<[String: Int]>([:])
    }

    func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        let attempt = attempts.counts.withLock { counts in
            let key = "\(message.partition)/\(message.offset)"
            counts[key, default: 0] += 1
            return counts[key]!
        }
        if attempt <= failures {
            throw StageError.transient("partner system unavailable (attempt \(attempt))")
        }
        return try await ValidationHandler().handle(message)
    }
}

@Suite("Worker runtime on the embedded cluster", .serialized, .timeLimit(.minutes(3)))
struct WorkerRuntimeTests {
    @Test("Received orders come out validated or rejected; the same event delivered twice yields one output")
    func validatesAndDeduplicates() async throws {
        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        let store = try WorkerTestSupport.temporaryStore()
        let good = try WorkerTestSupport.receivedMessage(try WorkerTestSupport.order(number: "G-1"))
        let bad = try WorkerTestSupport.receivedMessage(try WorkerTestSupport.order(number: "B-1", quantity: "-1"))
        // The same event is produced twice, as an edge that retried after a lost acknowledgement would.
        for message in [good, bad, good] {
            try await producer.send(message)
        }
        let runtime = WorkerTestSupport.runtime(cluster, producer: producer, store: store)
        let group = ServiceGroup(services: [runtime], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let outputs = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.orderValidated, KontorTopics.orderRejected],
                count: 2
            )
            #expect(outputs.filter { $0.topic == KontorTopics.orderValidated }.count == 1)
            #expect(outputs.filter { $0.topic == KontorTopics.orderRejected }.count == 1)
            // The duplicate may come in a later batch than the two outputs already read: wait for its skip.
            let deadline = ContinuousClock.now + .seconds(20)
            while runtime.metrics.snapshot.duplicatesSkipped < 1 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(runtime.metrics.snapshot.duplicatesSkipped == 1)

            // A replay of the whole input topic by a fresh consumer (as after a restart before the
            // commit) produces nothing new: every event id is known.
            let replay = WorkerTestSupport.runtime(cluster, producer: producer, store: store, group: "replay")
            let replayGroup = ServiceGroup(services: [replay], logger: WorkerTestSupport.logger)
            tasks.addTask { try await replayGroup.run() }
            while replay.metrics.snapshot.duplicatesSkipped < 3 { try await Task.sleep(for: .milliseconds(50)) }
            // Every output the replay could have made is on the topics by now (it skipped all three): read the two
            // known ones however slowly the reader joins, then look a while longer for a third.
            let after = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.orderValidated, KontorTopics.orderRejected],
                count: 2,
                timeout: .seconds(60),
                settle: .seconds(3)
            )
            #expect(after.count == 2)
            await replayGroup.triggerGracefulShutdown()
            await group.triggerGracefulShutdown()
        }
        await producer.shutdown()
    }

    @Test("Poison messages go to the dead-letter topic byte for byte with headers; transient failures are retried")
    func deadLettersAndRetries() async throws {
        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        let poison: [UInt8] = Array("{\"not\": \"an event\"".utf8) + [0xFF, 0x00]
        let poisonReport = try await producer.send(
            KafkaProducerMessage(
                topic: KontorTopics.orderReceived,
                partition: 2,
                key: Array("k-1".utf8),
                value: poison,
                headers: [KafkaHeader(key: "x-partner", string: "acme")]
            )
        )
        let good = try WorkerTestSupport.receivedMessage(try WorkerTestSupport.order(number: "R-1"))
        try await producer.send(good)

        let flaky = FlakyHandler(failures: 2)
        let runtime = WorkerTestSupport.runtime(
            cluster,
            producer: producer,
            store: try WorkerTestSupport.temporaryStore(),
            handler: flaky
        )
        let group = ServiceGroup(services: [runtime], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let dead = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.validationDeadLetter],
                count: 1
            )
            let record = try #require(dead.first)
            #expect(dead.count == 1)
            #expect(record.value == poison)
            #expect(record.key == Array("k-1".utf8))
            #expect(record.headers.value(forKey: "x-partner") == "acme")
            #expect(record.headers.value(forKey: KontorHeaders.dlqStage) == "validation")
            // Two transient failures, then the permanent one ends the retries.
            #expect(record.headers.value(forKey: KontorHeaders.dlqErrorClass) == "unparseable")
            #expect(record.headers.value(forKey: KontorHeaders.dlqAttempts) == "3")
            #expect(record.headers.value(forKey: KontorHeaders.dlqOriginalTopic) == KontorTopics.orderReceived)
            #expect(record.headers.value(forKey: KontorHeaders.dlqOriginalPartition) == "2")
            #expect(record.headers.value(forKey: KontorHeaders.dlqOriginalOffset) == "\(poisonReport.offset)")
            #expect(record.headers.value(forKey: KontorHeaders.dlqFirstFailure) != nil)
            #expect(record.headers.value(forKey: KontorHeaders.dlqLastFailure) != nil)

            let validated = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.orderValidated],
                count: 1
            )
            #expect(validated.count == 1)
            #expect(runtime.metrics.snapshot.retried >= 4)
            await group.triggerGracefulShutdown()
        }
        await producer.shutdown()
    }

    @Test("Graceful shutdown mid-stream commits only processed input; a restart finishes the rest once")
    func shutdownMidStream() async throws {
        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        let store = try WorkerTestSupport.temporaryStore()
        let total = 3000
        let inputs = try (0..<total).map { index in
            try WorkerTestSupport.receivedMessage(try WorkerTestSupport.order(number: "S-\(index)"))
        }
        let slow = SlowHandler()
        let first = WorkerTestSupport.runtime(cluster, producer: producer, store: store, handler: slow)
        let firstGroup = ServiceGroup(services: [first], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await firstGroup.run() }
            tasks.addTask { _ = await producer.send(inputs) }
            while first.metrics.snapshot.processed < 300 { try await Task.sleep(for: .milliseconds(20)) }
            await firstGroup.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let processedBeforeStop = first.metrics.snapshot.processed
        #expect(processedBeforeStop < total, "the stop came mid-stream")

        // Everything committed has its output: read committed offsets and compare.
        let admin = try KafkaAdmin(bootstrapServers: cluster.bootstrapServers, logger: WorkerTestSupport.logger)
        let lag = try await admin.consumerLag(group: "kontor-validation", topics: [KontorTopics.orderReceived])
        let committedCount = lag.reduce(0) { $0 + ($1.committed ?? 0) }
        let outputsAfterStop = try await WorkerTestSupport.readAll(
            cluster,
            topics: [KontorTopics.orderValidated],
            count: processedBeforeStop
        )
        #expect(committedCount == Int64(processedBeforeStop))
        #expect(outputsAfterStop.count == processedBeforeStop)

        let second = WorkerTestSupport.runtime(cluster, producer: producer, store: store)
        let secondGroup = ServiceGroup(services: [second], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await secondGroup.run() }
            let all = try await WorkerTestSupport.readAll(cluster, topics: [KontorTopics.orderValidated], count: total)
            #expect(all.count == total)
            let ids = Set(all.compactMap { $0.headers.value(forKey: KontorHeaders.eventID) })
            #expect(ids.count == total, "no event twice")
            await secondGroup.triggerGracefulShutdown()
        }
        await producer.shutdown()
    }
}

/// Validation that takes a little time, so a shutdown lands mid-stream.
struct SlowHandler: StageHandler {
    var stage: String { "validation" }

    func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        try await Task.sleep(for: .microseconds(300))
        return try await ValidationHandler().handle(message)
    }
}
