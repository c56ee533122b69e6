import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging

enum WorkerTestSupport {
    static let logger: Logger = {
        var logger = Logger(label: "kontor.workers.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["KONTOR_TEST_LOG"] == "1" ? .debug : .critical
        return logger
    }()

    static func temporaryStore() throws -> SQLiteStore {
        try SQLiteStore(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("kontor-workers-\(UUID().uuidString)/kontor.sqlite").path
        )
    }

    /// An embedded cluster with Kontor's topics.
    static func cluster() throws -> EmbeddedKafkaCluster {
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        for topic in KontorTopics.all {
            try cluster.createTopic(topic.name, partitions: topic.partitions)
        }
        return cluster
    }

    static func order(number: String, country: String = "DE", quantity: String = "2") throws -> CanonicalOrder {
        let json = """
            {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"web","orderDate":"2026-11-28",
             "currency":"EUR","buyer":{"id":"C-1","name":"Erika Mustermann"},
             "shipTo":{"name":"Erika Mustermann","street":"Heidestraße 17","city":"Köln","postalCode":"51147",
                       "country":"\(country)"},
             "lines":[{"lineNumber":"1","sku":"SKU-1","quantity":"\(quantity)","unitOfMeasure":"C62",
                       "unitPrice":"9.95"}],
             "totals":{"grandTotal":"19.90"}}
            """
        var order = try CanonicalJSON.decodeOrder(from: Data(json.utf8))
        order.id = OrderID.derived(channel: order.channel, orderNumber: order.orderNumber)
        return order
    }

    static func receivedMessage(_ order: CanonicalOrder, eventID: EventID = .random()) throws -> KafkaProducerMessage {
        let event = OrderReceivedEvent(
            id: eventID,
            source: .ingestHTTP,
            subject: order.id?.rawValue,
            correlationID: CorrelationID(eventID),
            data: OrderReceived(order: order)
        )
        return try EventMessage.make(event, topic: KontorTopics.orderReceived)
    }

    static func runtime(
        _ cluster: EmbeddedKafkaCluster,
        producer: KafkaProducer,
        store: SQLiteStore?,
        handler: any StageHandler = ValidationHandler(),
        group: String = "kontor-validation",
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10))
    ) -> WorkerRuntime {
        var configuration = WorkerConfiguration(
            stage: handler.stage,
            inputTopics: [KontorTopics.orderReceived],
            deadLetterTopic: KontorTopics.deadLetter(stage: handler.stage),
            bootstrapServers: cluster.bootstrapServers,
            retry: retry
        )
        configuration.groupID = group
        configuration.consumer.groupID = group
        return WorkerRuntime(
            handler: handler,
            configuration: configuration,
            producer: producer,
            processedLog: store,
            logger: logger
        )
    }

    /// Reads every message of `topics` from the beginning until `count` arrived or `timeout` passed
    /// (then a further `settle` to catch extras).
    static func readAll(
        _ cluster: EmbeddedKafkaCluster,
        topics: [String],
        count: Int,
        timeout: Duration = .seconds(30),
        settle: Duration = .milliseconds(700)
    ) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                bootstrapServers: cluster.bootstrapServers,
                groupID: "reader-\(UUID().uuidString)"
            ),
            topics: topics,
            logger: logger
        )
        var received: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + timeout
        while received.count < count, ContinuousClock.now < deadline {
            received += try await consumer.poll(maxWait: deadline - ContinuousClock.now) ?? []
        }
        received += try await consumer.poll(maxWait: settle) ?? []
        await consumer.close()
        return received
    }
}
