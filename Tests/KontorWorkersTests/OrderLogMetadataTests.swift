import Foundation
import KontorKafka
import KontorModel
import KontorWorkers
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// Keeps every log record, with the metadata a real handler would print: the provider's, the logger's and the
/// line's, merged in that order (as swift-log's `StreamLogHandler` does).
struct CapturingLogHandler: LogHandler {
    struct Record: Sendable {
        var message: String
        var metadata: [String: String]
    }

    final class Records: Sendable {
        let all = Mutex<[Record]>([])
    }

    let records: Records
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadataProvider?.get() ?? [:]
        merged.merge(metadata) { $1 }
        merged.merge(event.metadata ?? [:]) { $1 }
        let record = Record(message: "\(event.message)", metadata: merged.mapValues { "\($0)" })
        records.all.withLock { $0.append(record) }
    }
}

/// A stage handler that logs through its own logger (as a handler given the process's logger does), then
/// delegates to a handler that fails once.
struct LoggingHandler: StageHandler {
    let logger: Logger
    let inner = FlakyHandler(failures: 1)
    var stage: String { inner.stage }

    func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        logger.info("checking order")
        return try await inner.handle(message)
    }
}

@Suite("Order ids on log lines", .serialized, .timeLimit(.minutes(2)))
struct OrderLogMetadataTests {
    @Test("Every line about one order going through a stage carries its order id and correlation id")
    func linesCarryOrderIDs() async throws {
        let records = CapturingLogHandler.Records()
        // The handler's logger gets the ids only through the task-local context the runtime sets.
        let handlerLogger = Logger(label: "kontor.test.handler") { _ in
            CapturingLogHandler(records: records, metadataProvider: OrderLogContext.metadataProvider)
        }
        let runtimeLogger = Logger(label: "kontor.test.runtime") { _ in CapturingLogHandler(records: records) }

        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        let order = try WorkerTestSupport.order(number: "LOG-1")
        let eventID = EventID.random()
        try await producer.send(try WorkerTestSupport.receivedMessage(order, eventID: eventID))

        let handler = LoggingHandler(logger: handlerLogger)
        var configuration = WorkerConfiguration(
            stage: handler.stage,
            inputTopics: [KontorTopics.orderReceived],
            deadLetterTopic: KontorTopics.deadLetter(stage: handler.stage),
            bootstrapServers: cluster.bootstrapServers,
            retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10))
        )
        configuration.consumer.groupID = configuration.groupID
        let runtime = WorkerRuntime(
            handler: handler,
            configuration: configuration,
            producer: producer,
            processedLog: nil,
            logger: runtimeLogger
        )
        let group = ServiceGroup(services: [runtime], logger: WorkerTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let outputs = try await WorkerTestSupport.readAll(
                cluster,
                topics: [KontorTopics.orderValidated],
                count: 1
            )
            #expect(outputs.count == 1)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        await producer.shutdown()
        cluster.shutdown()

        let lines = records.all.withLock { $0 }
        let aboutTheOrder = lines.filter {
            ["checking order", "handler failed; retrying", "event handled"].contains($0.message)
        }
        // Two attempts (the first fails), one retry line, one line for the handled event.
        #expect(
            aboutTheOrder.map(\.message).sorted() == [
                "checking order", "checking order", "event handled", "handler failed; retrying",
            ]
        )
        for line in aboutTheOrder {
            #expect(line.metadata[OrderLogContext.orderIDKey] == order.id?.rawValue, "\(line)")
            #expect(line.metadata[OrderLogContext.correlationIDKey] == eventID.rawValue, "\(line)")
        }
        // Lines about no order carry no order id.
        let started = try #require(lines.first { $0.message == "worker started" })
        #expect(started.metadata[OrderLogContext.orderIDKey] == nil)
        #expect(started.metadata["kontor.stage"] == "validation")
    }
}
