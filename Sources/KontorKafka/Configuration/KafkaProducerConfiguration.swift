/// Producer settings. Defaults favour latency and safety over raw batching throughput:
/// idempotent, `acks=all`, a 5 ms linger.
public struct KafkaProducerConfiguration: Sendable {
    /// Comma-separated `host:port` list.
    public var bootstrapServers: String
    public var clientID: String = "kontor"
    /// Idempotent producer: no duplicates or reordering from internal retries.
    public var idempotent: Bool = true
    /// How long the producer waits to fill a batch (`linger.ms`).
    public var linger: Duration = .milliseconds(5)
    /// Upper bound of messages in one batch (`batch.num.messages`).
    public var batchMessages: Int = 10_000
    /// How long a message may wait for delivery, retries included (`message.timeout.ms`).
    /// Long on purpose: a broker that restarts within it loses nothing.
    public var messageTimeout: Duration = .seconds(120)
    /// Set to use the transactional API (real brokers only; see `KafkaProducer.beginTransaction`).
    public var transactionalID: String?
    /// Raw librdkafka properties applied last; they win over everything above.
    public var overrides: [String: String] = [:]

    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    /// The librdkafka properties this configuration stands for.
    public var properties: [String: String] {
        var properties: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "client.id": clientID,
            "enable.idempotence": idempotent ? "true" : "false",
            "acks": "all",
            "linger.ms": "\(linger.milliseconds)",
            "batch.num.messages": "\(batchMessages)",
            "message.timeout.ms": "\(messageTimeout.milliseconds)",
            // Java clients partition by murmur2 of the key; match them so tools and services agree.
            "partitioner": "murmur2_random",
            "socket.nagle.disable": "true",
        ]
        if let transactionalID {
            properties["transactional.id"] = transactionalID
            // librdkafka requires message.timeout.ms <= transaction.timeout.ms.
            properties["transaction.timeout.ms"] = "\(max(messageTimeout.milliseconds, 60_000))"
        }
        properties.merge(overrides) { _, override in override }
        return properties
    }
}

extension Duration {
    /// Whole milliseconds, as librdkafka's `*.ms` properties want them.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
