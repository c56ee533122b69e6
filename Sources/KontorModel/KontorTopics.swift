/// A Kafka topic Kontor uses, with the partition count it is created with by default.
public struct TopicSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The topic name, e.g. `kontor.order.received.v1`.
    public var name: String

    /// The default number of partitions.
    public var partitions: Int

    /// What flows through the topic.
    public var summary: String

    /// Creates a topic description.
    public init(name: String, partitions: Int, summary: String) {
        self.name = name
        self.partitions = partitions
        self.summary = summary
    }

    /// `"kontor.order.received.v1 (6 partitions)"`.
    public var description: String { "\(name) (\(partitions) partitions)" }
}

/// Every Kafka topic name Kontor uses, in one place. Scheme: `kontor.<domain>.<event>.v<major>`.
///
/// Order topics are keyed by order id so that all events of one order stay in one partition, in order.
public struct KontorTopics: Sendable {
    private init() {}

    /// Default partition count of order topics: 6.
    public static let orderTopicPartitions = 6

    /// Default partition count of quarantine and dead-letter topics: 3.
    public static let auxiliaryTopicPartitions = 3

    /// `kontor.order.received.v1`: ``OrderReceivedEvent``s from the ingest edges.
    public static let orderReceived = "kontor.order.received.v1"

    /// `kontor.order.validated.v1`: ``OrderValidatedEvent``s.
    public static let orderValidated = "kontor.order.validated.v1"

    /// `kontor.order.rejected.v1`: ``OrderRejectedEvent``s.
    public static let orderRejected = "kontor.order.rejected.v1"

    /// `kontor.ingest.quarantine.v1`: raw payloads the HTTP edge could not decode, as received, with
    /// `kontor-quarantine-*` headers saying why (see ``KontorHeaders``).
    public static let ingestQuarantine = "kontor.ingest.quarantine.v1"

    /// `kontor.dlq.<stage>.v1`: messages a stage gave up on, unchanged, with `kontor-dlq-*` headers. `stage` is a
    /// lowercase name such as `validation`.
    public static func deadLetter(stage: String) -> String {
        "kontor.dlq.\(stage).v1"
    }

    /// `kontor.dlq.validation.v1`: messages the validation worker gave up on.
    public static let validationDeadLetter = deadLetter(stage: "validation")

    /// Every topic Kontor creates at startup, with its default partition count.
    public static let all: [TopicSpec] = [
        TopicSpec(
            name: orderReceived,
            partitions: orderTopicPartitions,
            summary: "Orders that passed structural decoding at an ingest edge."
        ),
        TopicSpec(
            name: orderValidated,
            partitions: orderTopicPartitions,
            summary: "Orders that passed business validation."
        ),
        TopicSpec(
            name: orderRejected,
            partitions: orderTopicPartitions,
            summary: "Orders that failed business validation, with reasons."
        ),
        TopicSpec(
            name: ingestQuarantine,
            partitions: auxiliaryTopicPartitions,
            summary: "Raw payloads the HTTP edge could not decode."
        ),
        TopicSpec(
            name: validationDeadLetter,
            partitions: auxiliaryTopicPartitions,
            summary: "Messages the validation worker could not process."
        ),
    ]

    /// The description of a topic in ``all``.
    public static func spec(named name: String) -> TopicSpec? {
        all.first { $0.name == name }
    }

    /// The topic that carries events of `type`, for the order event types.
    public static func topic(for type: EventType) -> String? {
        switch type {
        case OrderEventType.received: orderReceived
        case OrderEventType.validated: orderValidated
        case OrderEventType.rejected: orderRejected
        default: nil
        }
    }
}
