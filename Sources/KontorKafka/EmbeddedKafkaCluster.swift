import CRdKafka
import Logging
import Synchronization

/// An in-process Kafka cluster: librdkafka's mock cluster, which speaks the Kafka protocol over
/// TCP on loopback, so any client (librdkafka, `kcat`) can use it.
///
/// Know its limits: partitions live in memory only (empty after a restart) and each keeps only
/// its newest ~5 MiB / 100,000 messages; aborted transactions are not hidden from
/// `read_committed` consumers. It can inject faults for reliability tests.
public final class EmbeddedKafkaCluster: Sendable {
    /// `host:port` of every broker, comma-separated.
    public let bootstrapServers: String
    public let brokerCount: Int
    /// Owns the mock cluster; the cluster is destroyed before this handle.
    private let owner: RDKafkaClient
    private let cluster: SendablePointer
    private let isShutDown = Atomic<Bool>(false)

    /// Starts `brokers` brokers (ids 1...brokers) listening on free loopback ports.
    public init(brokers: Int = 3, logger: Logger) throws(KafkaError) {
        // The mock cluster needs a client instance to run on; a bare producer serves.
        let owner = try RDKafkaClient.make(
            kind: .producer,
            // No bootstrap servers: this client only hosts the cluster; it would warn about that.
            properties: ["client.id": "kontor-embedded-cluster", "log_level": "3"],
            context: RDKafkaContext(logger: logger)
        )
        guard let cluster = rd_kafka_mock_cluster_new(owner.pointer, Int32(brokers)) else {
            throw .client(.invalidArgument, "cannot start an embedded Kafka cluster of \(brokers) brokers")
        }
        self.owner = owner
        self.cluster = SendablePointer(cluster)
        self.brokerCount = brokers
        self.bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        shutdown()
    }

    /// Stops every broker; clients connected to it will see the cluster down.
    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        rd_kafka_mock_cluster_destroy(cluster.pointer)
    }

    /// Creates a topic directly in the cluster; an existing topic is left as it is.
    /// (The embedded cluster does not implement the CreateTopics request that ``KafkaAdmin`` uses.)
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws(KafkaError) {
        let err = rd_kafka_mock_topic_create(
            cluster.pointer,
            name,
            Int32(partitions),
            Int32(min(replicationFactor, brokerCount))
        )
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS else {
            throw .rdKafka(err, context: "create topic \(name)")
        }
    }

    // MARK: Fault injection

    /// Takes a broker down: its connections close and it refuses new ones until `setBrokerUp`.
    public func setBrokerDown(_ brokerID: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_down(cluster.pointer, brokerID), "broker \(brokerID) down")
    }

    public func setBrokerUp(_ brokerID: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_up(cluster.pointer, brokerID), "broker \(brokerID) up")
    }

    /// Adds round-trip latency to every request a broker answers.
    public func setBrokerRoundTrip(_ brokerID: Int32, milliseconds: Int) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_rtt(cluster.pointer, brokerID, Int32(milliseconds)), "broker rtt")
    }

    /// Makes the next requests of one Kafka API (e.g. ``KafkaAPIKey/produce``) fail with `errors`, in order.
    public func pushRequestErrors(_ apiKey: KafkaAPIKey, _ errors: [KafkaErrorCode]) {
        let codes = errors.map { rd_kafka_resp_err_t(rawValue: $0.rawValue) }
        codes.withUnsafeBufferPointer {
            rd_kafka_mock_push_request_errors_array(cluster.pointer, apiKey.rawValue, $0.count, $0.baseAddress)
        }
    }

    /// Moves the leadership of a partition to `brokerID` (-1: no leader).
    public func setPartitionLeader(_ partition: KafkaTopicPartition, brokerID: Int32) throws(KafkaError) {
        try check(
            rd_kafka_mock_partition_set_leader(cluster.pointer, partition.topic, partition.partition, brokerID),
            "leader of \(partition)"
        )
    }

    /// Makes `brokerID` the coordinator of a consumer group (`"group"`) or transactional id (`"transaction"`).
    public func setCoordinator(keyType: String, key: String, brokerID: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_coordinator_set(cluster.pointer, keyType, key, brokerID), "coordinator")
    }

    private func check(_ err: rd_kafka_resp_err_t, _ what: String) throws(KafkaError) {
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .rdKafka(err, context: what) }
    }
}

/// Kafka protocol API keys used for request-error injection.
public struct KafkaAPIKey: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }

    public static let produce = Self(rawValue: 0)
    public static let fetch = Self(rawValue: 1)
    public static let listOffsets = Self(rawValue: 2)
    public static let metadata = Self(rawValue: 3)
    public static let offsetCommit = Self(rawValue: 8)
    public static let offsetFetch = Self(rawValue: 9)
    public static let findCoordinator = Self(rawValue: 10)
    public static let joinGroup = Self(rawValue: 11)
    public static let heartbeat = Self(rawValue: 12)
    public static let syncGroup = Self(rawValue: 14)
    public static let initProducerID = Self(rawValue: 22)
}
