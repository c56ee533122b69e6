import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import ServiceLifecycle
import Synchronization
import Testing

/// The real SQLite store behind a log that refuses the first recordings, as a store that is briefly unavailable
/// would. (A real store cannot be made to fail on demand, hence this wrapper.) It also notes which recording
/// method the runtime used.
final class FailingFirstLog: ProcessedEventLog {
    let store: SQLiteStore
    let failuresLeft: Mutex<Int>
    let singleStageCalls = Mutex(0)
    let combinedCalls = Mutex(0)

    init(store: SQLiteStore, failures: Int) {
        self.store = store
        self.failuresLeft = Mutex(failures)
    }

    struct Unavailable: Error {}

    func processed(stage: String, among eventIDs: [String]) async throws -> Set<String> {
        try await store.processed(stage: stage, among: eventIDs)
    }

    func record(stage: String, eventIDs: [String]) async throws {
        singleStageCalls.withLock { $0 += 1 }
        try await store.record(stage: stage, eventIDs: eventIDs)
    }

    func record(processed: [String: [String]], progress: [ProgressEvent]) async throws {
        combinedCalls.withLock { $0 += 1 }
        let fail = failuresLeft.withLock { left in
            defer { left = max(0, left - 1) }
            return left > 0
        }
        if fail { throw Unavailable() }
        try await store.record(processed: processed, progress: progress)
    }
}

@Suite("Worker runtime: outputs recorded as the orders' progress", .serialized, .timeLimit(.minutes(3)))
struct WorkerProgressTests {
    @Test("Each processed input's output is its order's progress, recorded with the processed id")
    func outputsBecomeProgress() async throws {
        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        let store = try WorkerTestSupport.temporaryStore()
        let goodOrder = try WorkerTestSupport.order(number: "P-1")
        let badOrder = try WorkerTestSupport.order(number: "P-2", quantity: "-1")
        let good = try WorkerTestSupport.receivedMessage(goodOrder)
        let bad = try WorkerTestSupport.receivedMessage(badOrder)
        let poison = KafkaProducerMessage(
            topic: KontorTopics.orderReceived,
            key: Array("ord_poison".utf8),
            value: Array("not json".utf8)
        )
        // As the ingest edge does: the received events are the orders' progress before the stage runs.
        try await store.recordProgress(
            [good, bad].compactMap { PipelineProgress.event(for: $0, stage: "ingest-http", step: 0) }
        )
        #expect(try await store.unfinishedProgress(topics: [KontorTopics.orderReceived]).count == 2)
        for message in [good, bad, poison] { try await producer.send(message) }

        let log = FailingFirstLog(store: store, failures: 0)
        let runtime = Self.runtime(cluster, producer: producer, log: log)
        let group = ServiceGroup(services: [runtime], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let outputs = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.orderValidated, KontorTopics.orderRejected, KontorTopics.validationDeadLetter],
                count: 3
            )
            #expect(outputs.count == 3)
            // Metrics count a batch once it is recorded.
            while runtime.metrics.snapshot.processed < 3 { try await Task.sleep(for: .milliseconds(20)) }
            await group.triggerGracefulShutdown()

            for output in outputs {
                let orderID = OrderID(String(decoding: try #require(output.key), as: UTF8.self))
                let progress = try #require(try await store.progress(orderID: orderID))
                #expect(progress.topic == output.topic)
                #expect(progress.value == output.value, "byte for byte")
                #expect(progress.key == output.key)
                #expect(progress.headers.map(\.key) == output.headers.map(\.key))
                #expect(progress.headers.map(\.value) == output.headers.map(\.value))
                #expect(progress.step == 1)
                #expect(progress.stage == "validation")
            }
            let goodID = try #require(goodOrder.id)
            let goodProgress = try #require(try await store.progress(orderID: goodID))
            #expect(goodProgress.topic == KontorTopics.orderValidated)
            #expect(goodProgress.correlationID == good.headers.value(forKey: KontorHeaders.eventID))
            let badID = try #require(badOrder.id)
            let badProgress = try #require(try await store.progress(orderID: badID))
            #expect(badProgress.topic == KontorTopics.orderRejected)
            #expect(
                try await store.progress(orderID: OrderID("ord_poison"))?.topic == KontorTopics.validationDeadLetter
            )
            let inputIDs = [good, bad].compactMap { $0.headers.value(forKey: KontorHeaders.eventID) }
            #expect(try await store.processed(stage: "validation", among: inputIDs) == Set(inputIDs))
            #expect(try await store.unfinishedProgress(topics: [KontorTopics.orderReceived]).isEmpty)
            #expect(log.singleStageCalls.withLock { $0 } == 0, "every recording goes through the combined method")
        }
        await producer.shutdown()
    }

    @Test("A store failure while recording is retried until processed ids and progress are recorded together")
    func failedRecordingIsRetried() async throws {
        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        let store = try WorkerTestSupport.temporaryStore()
        let order = try WorkerTestSupport.order(number: "F-1")
        let received = try WorkerTestSupport.receivedMessage(order)
        let receivedID = try #require(received.headers.value(forKey: KontorHeaders.eventID))
        let receivedProgress = try #require(PipelineProgress.event(for: received, stage: "ingest", step: 0))
        try await store.recordProgress([receivedProgress])
        try await producer.send(received)

        let log = FailingFirstLog(store: store, failures: 2)
        let runtime = Self.runtime(cluster, producer: producer, log: log)
        let group = ServiceGroup(services: [runtime], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // The output is produced before the recording, which fails twice: the order stays unfinished meanwhile.
            _ = try await WorkerTestSupport.readAll(cluster, topics: [KontorTopics.orderValidated], count: 1)
            while log.combinedCalls.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(20)) }
            while runtime.metrics.snapshot.processed < 1 { try await Task.sleep(for: .milliseconds(20)) }
            await group.triggerGracefulShutdown()
        }
        let orderID = try #require(order.id)
        let progress = try #require(try await store.progress(orderID: orderID))
        #expect(progress.topic == KontorTopics.orderValidated)
        #expect(try await store.processed(stage: "validation", among: [receivedID]) == [receivedID])
        #expect(log.combinedCalls.withLock { $0 } == 3)
        await producer.shutdown()
    }

    static func runtime(
        _ cluster: EmbeddedKafkaCluster,
        producer: KafkaProducer,
        log: FailingFirstLog
    ) -> WorkerRuntime {
        var configuration = WorkerConfiguration(
            stage: ValidationHandler.stageName,
            inputTopics: [KontorTopics.orderReceived],
            deadLetterTopic: KontorTopics.validationDeadLetter,
            bootstrapServers: cluster.bootstrapServers,
            retry: RetryPolicy(maxAttempts: 1, initialBackoff: .milliseconds(10))
        )
        configuration.groupID = "progress-\(UUID().uuidString)"
        configuration.consumer.groupID = configuration.groupID
        return WorkerRuntime(
            handler: ValidationHandler(),
            configuration: configuration,
            producer: producer,
            processedLog: log,
            logger: WorkerTestSupport.logger
        )
    }
}
