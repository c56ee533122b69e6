import Foundation
import KontorKafka
import KontorModel

/// Builds the dead-letter record of a message a stage gave up on: the payload and key byte for
/// byte, the original headers, and `kontor-dlq-*` headers saying where it came from and why.
enum DeadLetter {
    static func message(
        for original: KafkaConsumerMessage,
        stage: String,
        topic: String,
        error: StageError,
        attempts: Int,
        firstFailure: Date,
        lastFailure: Date
    ) -> KafkaProducerMessage {
        let dlqKeys: Set<String> = [
            KontorHeaders.dlqStage, KontorHeaders.dlqErrorClass, KontorHeaders.dlqErrorMessage,
            KontorHeaders.dlqAttempts, KontorHeaders.dlqOriginalTopic, KontorHeaders.dlqOriginalPartition,
            KontorHeaders.dlqOriginalOffset, KontorHeaders.dlqFirstFailure, KontorHeaders.dlqLastFailure,
        ]
        var headers = original.headers.filter { !dlqKeys.contains($0.key) }
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
