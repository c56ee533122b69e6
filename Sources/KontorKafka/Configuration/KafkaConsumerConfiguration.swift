/// Consumer-group settings. Offsets are stored only after a message is processed (at-least-once);
/// stored offsets are committed periodically, on rebalance and on close.
public struct KafkaConsumerConfiguration: Sendable {
    public var bootstrapServers: String
    public var groupID: String
    public var clientID: String = "kontor"
    /// How long the broker holds an empty fetch (`fetch.wait.max.ms`). librdkafka's 500 ms default
    /// adds half a second per pipeline hop; 10 ms keeps hops near the network round trip.
    public var fetchWaitMax: Duration = .milliseconds(10)
    /// How often stored offsets are committed; nil commits only on `commit()`, rebalance and close.
    public var autoCommitInterval: Duration? = .seconds(1)
    /// How long the group waits for a silent member before moving its partitions.
    public var sessionTimeout: Duration = .seconds(10)
    /// Messages handed out per poll at most.
    public var maxBatchSize: Int = 500
    /// How long one poll blocks when nothing is buffered; bounds shutdown latency.
    public var pollTimeout: Duration = .milliseconds(100)
    /// Raw librdkafka properties applied last; they win over everything above.
    public var overrides: [String: String] = [:]

    public init(bootstrapServers: String, groupID: String) {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
    }

    /// The librdkafka properties this configuration stands for.
    public var properties: [String: String] {
        var properties: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "group.id": groupID,
            "client.id": clientID,
            "fetch.wait.max.ms": "\(fetchWaitMax.milliseconds)",
            "fetch.min.bytes": "1",
            "enable.auto.offset.store": "false",
            "enable.auto.commit": autoCommitInterval == nil ? "false" : "true",
            "auto.commit.interval.ms": "\((autoCommitInterval ?? .seconds(5)).milliseconds)",
            "session.timeout.ms": "\(sessionTimeout.milliseconds)",
            "heartbeat.interval.ms": "\(max(sessionTimeout.milliseconds / 10, 100))",
            // A fetch position the broker no longer has (retention, or the embedded cluster's
            // trimming) must not be skipped silently: the consumer reports it and decides.
            "auto.offset.reset": "error",
            "isolation.level": "read_committed",
            "enable.partition.eof": "false",
            "socket.nagle.disable": "true",
        ]
        properties.merge(overrides) { _, override in override }
        return properties
    }
}
