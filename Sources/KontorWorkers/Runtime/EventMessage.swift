import Foundation
import KontorKafka
import KontorModel

/// Kafka messages that carry Kontor events: CloudEvents structured JSON as the value, the order
/// id as the key, and the main envelope attributes repeated as headers.
public enum EventMessage {
    /// The message for `event` on `topic`.
    public static func make<Payload>(_ event: EventEnvelope<Payload>, topic: String) throws -> KafkaProducerMessage {
        var headers = [
            KafkaHeader(key: KontorHeaders.eventID, string: event.id.rawValue),
            KafkaHeader(key: KontorHeaders.eventType, string: event.type.rawValue),
            KafkaHeader(key: KontorHeaders.correlationID, string: event.correlationID.rawValue),
            KafkaHeader(key: KontorHeaders.schemaVersion, string: event.schemaVersion.rawValue),
            KafkaHeader(key: KontorHeaders.contentType, string: KontorHeaders.cloudEventsJSON),
        ]
        if let causation = event.causationID {
            headers.append(KafkaHeader(key: KontorHeaders.causationID, string: causation.rawValue))
        }
        return KafkaProducerMessage(
            topic: topic,
            key: event.subject,
            value: Array(try CanonicalJSON.encodeEvent(event)),
            headers: headers
        )
    }

    /// The event id of a message: its `kontor-event-id` header, else the envelope's `id`.
    public static func eventID(of message: KafkaConsumerMessage) -> String? {
        if let id = message.headers.value(forKey: KontorHeaders.eventID) {
            return id
        }
        return try? CanonicalJSON.decodeEventHeader(from: message.value).id.rawValue
    }
}
