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
    /// The stage's place in the pipeline (1 for the first stage after ingest, which is 0), recorded with its outputs
    /// as the orders' progress: a later step replaces an earlier one, never the reverse. Stages further down a path
    /// of the pipeline need higher numbers.
    public var pipelineStep = 1
    /// Whether the stage's outputs (and dead letters) are recorded as the orders' progress. False for a side branch
    /// such as the notification stage: it consumes events other stages still have to act on, so its outputs must not
    /// replace them as the event `kontor run` publishes again after the embedded cluster lost them.
    public var recordsProgress = true

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
