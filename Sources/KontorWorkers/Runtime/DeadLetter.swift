import Foundation
import KontorKafka
import KontorModel
import KontorStore

/// Builds the dead-letter record of a message a stage gave up on: the payload and key byte for
/// byte, the original headers, and `kontor-dlq-*` headers saying where it came from and why.
public enum DeadLetter {
    /// The `kontor-dlq-*` header keys a dead-letter message adds.
    public static let headerKeys: Set<String> = [
        KontorHeaders.dlqStage, KontorHeaders.dlqErrorClass, KontorHeaders.dlqErrorMessage,
        KontorHeaders.dlqAttempts, KontorHeaders.dlqOriginalTopic, KontorHeaders.dlqOriginalPartition,
        KontorHeaders.dlqOriginalOffset, KontorHeaders.dlqFirstFailure, KontorHeaders.dlqLastFailure,
    ]

    /// The attempts a replayed message had used up before (its `kontor-replay-attempts` header), else 0.
    static func priorAttempts(of message: KafkaConsumerMessage) -> Int {
        message.headers.value(forKey: KontorHeaders.replayAttempts).flatMap { Int($0) } ?? 0
    }

    /// The store's index entry of a message `stage` gave up on (see ``DeadLetterRecord``).
    static func record(
        for original: KafkaConsumerMessage,
        stage: String,
        error: StageError,
        attempts: Int,
        firstFailure: Date,
        lastFailure: Date
    ) -> DeadLetterRecord {
        let eventID = EventMessage.eventID(of: original)
        return DeadLetterRecord(
            id: DeadLetterRecord.id(
                stage: stage,
                eventID: eventID,
                topic: original.topic,
                partition: Int(original.partition),
                offset: original.offset
            ),
            stage: stage,
            eventID: eventID,
            originalTopic: original.topic,
            originalPartition: Int(original.partition),
            originalOffset: original.offset,
            key: original.key,
            headers: original.headers.filter { !headerKeys.contains($0.key) }.map {
                ProgressEvent.Header(key: $0.key, value: $0.value)
            },
            payload: original.value,
            errorClass: error.errorClass.rawValue,
            errorMessage: String(error.message.prefix(4000)),
            attempts: attempts,
            firstFailure: Timestamp(firstFailure),
            lastFailure: Timestamp(lastFailure)
        )
    }

    static func message(
        for original: KafkaConsumerMessage,
        stage: String,
        topic: String,
        error: StageError,
        attempts: Int,
        firstFailure: Date,
        lastFailure: Date
    ) -> KafkaProducerMessage {
        var headers = original.headers.filter { !headerKeys.contains($0.key) }
        headers += [
            KafkaHeader(key: KontorHeaders.dlqStage, string: stage),
            KafkaHeader(key: KontorHeaders.dlqErrorClass, string: error.errorClass.rawValue),
            KafkaHeader(key: KontorHeaders.dlqErrorMessage, string: String(error.message.prefix(4000))),
            KafkaHeader(key: KontorHeaders.dlqAttempts, string: "\(attempts)"),
            KafkaHeader(key: KontorHeaders.dlqOriginalTopic, string: original.topic),
            KafkaHeader(key: KontorHeaders.dlqOriginalPartition, string: "\(original.partition)"),
            KafkaHeader(key: KontorHeaders.dlqOriginalOffset, string: "\(original.offset)"),
            KafkaHeader(key: KontorHeaders.dlqFirstFailure, string: Timestamp(firstFailure).rfc3339String),
            KafkaHeader(key: KontorHeaders.dlqLastFailure, string: Timestamp(lastFailure).rfc3339String),
        ]
        return KafkaProducerMessage(topic: topic, key: original.key, value: original.value, headers: headers)
    }
}
