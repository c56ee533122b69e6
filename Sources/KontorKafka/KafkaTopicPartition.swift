/// A topic and one of its partitions.
public struct KafkaTopicPartition: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// Logical offsets understood by `seek`.
public enum KafkaOffset: Sendable, Hashable {
    /// The oldest message the broker still has.
    case beginning
    /// The next message to be written.
    case end
    /// An absolute offset.
    case exact(Int64)
}
