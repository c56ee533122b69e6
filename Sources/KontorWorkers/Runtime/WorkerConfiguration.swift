import KontorKafka

/// Where a worker reads from and how it treats failures.
public struct WorkerConfiguration: Sendable {
    /// Topics the stage consumes.
    public var inputTopics: [String]
    /// Consumer group; every replica of the stage joins the same one.
    public var groupID: String
    /// Where messages go that the stage gave up on.
    public var deadLetterTopic: String
    public var retry: RetryPolicy
    public var consumer: KafkaConsumerConfiguration

    public init(
        stage: String,
        inputTopics: [String],
        deadLetterTopic: String,
        bootstrapServers: String,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.inputTopics = inputTopics
        self.groupID = "kontor-\(stage)"
        self.deadLetterTopic = deadLetterTopic
        self.retry = retry
        self.consumer = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: "kontor-\(stage)")
    }
}
