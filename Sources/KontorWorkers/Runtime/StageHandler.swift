import KontorKafka

/// The work of one pipeline stage: turn one input message into the messages it causes.
///
/// Handlers never see offsets or commits; the ``WorkerRuntime`` produces what they return,
/// waits for the broker's acknowledgement, and only then marks the input as processed.
/// Handlers must be deterministic in the ids they give their output events (derive them from
/// the input event id), so that a redelivered input yields the same output.
public protocol StageHandler: Sendable {
    /// The stage name: consumer group suffix, dead-letter topic and `kontor-dlq-stage` header.
    var stage: String { get }

    /// The messages to produce for `message`; may be empty.
    /// - Throws: ``StageError`` (or any error, treated as retriable) when the message cannot be handled now.
    func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage]
}
