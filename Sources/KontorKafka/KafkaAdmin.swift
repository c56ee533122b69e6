import CRdKafka
import Dispatch
import Logging
import Synchronization

/// A topic to create: name, partition count and replication factor.
public struct KafkaTopicSpec: Sendable, Hashable {
    public var name: String
    public var partitions: Int
    public var replicationFactor: Int

    public init(name: String, partitions: Int, replicationFactor: Int = 1) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
    }
}

/// A topic as the cluster describes it.
public struct KafkaTopicMetadata: Sendable, Hashable {
    public var name: String
    public var partitions: Int

    public init(name: String, partitions: Int) {
        self.name = name
        self.partitions = partitions
    }
}

/// One partition's consumer lag: how far the group's committed offset trails the end.
public struct KafkaPartitionLag: Sendable, Hashable {
    public var partition: KafkaTopicPartition
    /// The group's committed next-offset, nil when it has committed none.
    public var committed: Int64?
    public var low: Int64
    public var high: Int64
    /// Messages not yet consumed; counted from the oldest message still there when nothing is committed.
    public var lag: Int64 { high - max(committed ?? low, low) }
}

/// Cluster administration: topics, offsets and lag.
public final class KafkaAdmin: Sendable {
    private let client: RDKafkaClient
    private let bootstrapServers: String
    private let overrides: [String: String]
    private let logger: Logger
    /// One never-subscribing consumer handle per group, for reading committed offsets; kept
    /// because lag is read every second and a new handle starts several threads.
    private let offsetReaders = Mutex<[String: RDKafkaClient]>([:])

    public init(bootstrapServers: String, overrides: [String: String] = [:], logger: Logger) throws(KafkaError) {
        var properties = ["bootstrap.servers": bootstrapServers, "client.id": "kontor-admin"]
        properties.merge(overrides) { _, override in override }
        self.client = try RDKafkaClient.make(
            kind: .producer,
            properties: properties,
            context: RDKafkaContext(logger: logger)
        )
        self.bootstrapServers = bootstrapServers
        self.overrides = overrides
        self.logger = logger
    }

    /// Creates the topics that do not exist yet; existing ones are left as they are.
    /// Needs brokers that implement CreateTopics: real Kafka does, the embedded cluster does not
    /// (use ``EmbeddedKafkaCluster/createTopic(_:partitions:replicationFactor:)`` there).
    public func createTopics(_ topics: [KafkaTopicSpec], timeout: Duration = .seconds(30)) async throws(KafkaError) {
        guard !topics.isEmpty else { return }
        let client = self.client
        let result: Result<Void, KafkaError> = await blocking {
            Self.createTopics(client.pointer, topics, timeoutMs: Int32(timeout.milliseconds))
        }
        try result.get()
    }

    /// Every topic in the cluster with its partition count.
    public func listTopics(timeout: Duration = .seconds(10)) async throws(KafkaError) -> [KafkaTopicMetadata] {
        let client = self.client
        let result: Result<[KafkaTopicMetadata], KafkaError> = await blocking {
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(client.pointer, 1, nil, &metadata, Int32(timeout.milliseconds))
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                return .failure(.rdKafka(err, context: "cannot read cluster metadata"))
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            let topics = (0..<Int(metadata.pointee.topic_cnt)).map { index in
                let topic = metadata.pointee.topics[index]
                return KafkaTopicMetadata(name: String(cString: topic.topic), partitions: Int(topic.partition_cnt))
            }
            return .success(topics.sorted { $0.name < $1.name })
        }
        return try result.get()
    }

    /// The oldest and next offsets of a partition.
    public func watermarks(_ partition: KafkaTopicPartition) async throws(KafkaError) -> (low: Int64, high: Int64) {
        let client = self.client
        let result: Result<(low: Int64, high: Int64), KafkaError> = await blocking {
            var low: Int64 = 0
            var high: Int64 = 0
            let err = rd_kafka_query_watermark_offsets(
                client.pointer,
                partition.topic,
                partition.partition,
                &low,
                &high,
                10_000
            )
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                return .failure(.rdKafka(err, context: "cannot read offsets of \(partition)"))
            }
            return .success((low, high))
        }
        return try result.get()
    }

    /// Lag of `group` on every partition of `topics`.
    public func consumerLag(group: String, topics: [String]) async throws(KafkaError) -> [KafkaPartitionLag] {
        let all = try await listTopics()
        let partitions = all.filter { topics.contains($0.name) }.flatMap { topic in
            (0..<topic.partitions).map { KafkaTopicPartition(topic: topic.name, partition: Int32($0)) }
        }
        // Committed offsets are read through a consumer handle of the group that never subscribes,
        // so it does not join the group or disturb its members.
        var properties = ["bootstrap.servers": bootstrapServers, "group.id": group, "client.id": "kontor-admin-lag"]
        properties.merge(overrides) { _, override in override }
        let reader = try RDKafkaClient.make(
            kind: .consumer,
            properties: properties,
            context: RDKafkaContext(logger: logger)
        )
        let committedResult: Result<[KafkaTopicPartition: Int64], KafkaError> = await blocking {
            KafkaConsumer.committed(reader.pointer, partitions)
        }
        let committed = try committedResult.get()
        var lags: [KafkaPartitionLag] = []
        for partition in partitions {
            let (low, high) = try await watermarks(partition)
            lags.append(KafkaPartitionLag(partition: partition, committed: committed[partition], low: low, high: high))
        }
        return lags
    }

    /// A consumer handle of `group` that never subscribes, so it does not join the group or
    /// disturb its members; it only reads the group's committed offsets.
    private func offsetReader(group: String) throws(KafkaError) -> RDKafkaClient {
        if let reader = offsetReaders.withLock({ $0[group] }) { return reader }
        var properties = ["bootstrap.servers": bootstrapServers, "group.id": group, "client.id": "kontor-admin-lag"]
        properties.merge(overrides) { _, override in override }
        let reader = try RDKafkaClient.make(
            kind: .consumer,
            properties: properties,
            context: RDKafkaContext(logger: logger)
        )
        return offsetReaders.withLock { readers in
            if let existing = readers[group] { return existing }
            readers[group] = reader
            return reader
        }
    }

    private func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    private static func createTopics(
        _ handle: OpaquePointer,
        _ topics: [KafkaTopicSpec],
        timeoutMs: Int32
    ) -> Result<Void, KafkaError> {
        var errorText = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
        for topic in topics {
            guard
                let newTopic = rd_kafka_NewTopic_new(
                    topic.name,
                    Int32(topic.partitions),
                    Int32(topic.replicationFactor),
                    &errorText,
                    errorText.count
                )
            else {
                return .failure(.client(.invalidArgument, "topic \(topic.name): \(errorText.kafkaString)"))
            }
            newTopics.append(newTopic)
        }
        let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, &errorText, errorText.count)
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }
        rd_kafka_CreateTopics(handle, &newTopics, newTopics.count, options, queue)
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 5000) else {
            return .failure(.client(.timedOut, "no answer to CreateTopics"))
        }
        defer { rd_kafka_event_destroy(event) }
        if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR {
            return .failure(
                .rdKafka(rd_kafka_event_error(event), context: String(cString: rd_kafka_event_error_string(event)))
            )
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            return .failure(.client(.invalidArgument, "unexpected answer to CreateTopics"))
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return .success(()) }
        for index in 0..<count {
            let err = rd_kafka_topic_result_error(results[index])
            guard err != RD_KAFKA_RESP_ERR_NO_ERROR, err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS else { continue }
            let name = String(cString: rd_kafka_topic_result_name(results[index]))
            let text = rd_kafka_topic_result_error_string(results[index]).map { String(cString: $0) } ?? ""
            return .failure(.rdKafka(err, context: "cannot create topic \(name): \(text)"))
        }
        return .success(())
    }
}
