import Foundation
import KontorKafka
import Logging

/// Test support: a quiet logger, unique names, and producers/consumers on an embedded cluster.
enum KafkaTestSupport {
    static let logger: Logger = {
        var logger = Logger(label: "kontor.kafka.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["KONTOR_TEST_LOG"] == "1" ? .debug : .critical
        return logger
    }()

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func cluster(brokers: Int = 1) throws -> EmbeddedKafkaCluster {
        try EmbeddedKafkaCluster(brokers: brokers, logger: logger)
    }

    static func producer(_ cluster: EmbeddedKafkaCluster) throws -> KafkaProducer {
        try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: logger
        )
    }

    static func consumer(
        _ cluster: EmbeddedKafkaCluster,
        group: String,
        topics: [String],
        onDataLoss: (@Sendable (KafkaDataLoss) -> Void)? = nil
    ) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group)
        configuration.autoCommitInterval = nil
        return try KafkaConsumer(configuration: configuration, topics: topics, logger: logger, onDataLoss: onDataLoss)
    }

    static func messages(topic: String, count: Int, from start: Int = 0, size: Int = 64) -> [KafkaProducerMessage] {
        (start..<start + count).map { index in
            let body = "message-\(index)"
            let padded = body + String(repeating: ".", count: max(0, size - body.utf8.count))
            return KafkaProducerMessage(topic: topic, key: "key-\(index % 97)", value: Array(padded.utf8))
        }
    }

    /// Consumes until `count` messages arrived (or `timeout` passed), storing each batch's offsets.
    static func consume(
        _ consumer: KafkaConsumer,
        count: Int,
        timeout: Duration = .seconds(30),
        store: Bool = true
    ) async throws -> [KafkaConsumerMessage] {
        var received: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + timeout
        while received.count < count, ContinuousClock.now < deadline {
            guard let batch = try await consumer.poll(maxWait: deadline - ContinuousClock.now) else { break }
            received += batch
            if store { consumer.store(batch) }
        }
        return received
    }
}

extension KafkaConsumerMessage {
    var text: String { String(decoding: value, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
}
