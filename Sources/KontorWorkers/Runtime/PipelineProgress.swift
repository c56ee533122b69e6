import KontorKafka
import KontorModel
import KontorStore

/// Converts between Kafka messages and the orders' recorded progress (``ProgressEvent``), so that what the store
/// keeps can be published again byte for byte: same key, value and headers, hence the same event id.
public enum PipelineProgress {
    /// The progress record of `message`, an event of the order named by its key; nil for a message without a key
    /// (it belongs to no order).
    ///
    /// - Parameters:
    ///   - stage: who records it: an ingest edge or the stage that produced it.
    ///   - step: its place in the pipeline (0 for a received event; see ``WorkerConfiguration/pipelineStep``).
    ///   - cause: the message it was produced from, whose ids stand in when `message` lacks the headers.
    public static func event(
        for message: KafkaProducerMessage,
        stage: String,
        step: Int,
        cause: KafkaConsumerMessage? = nil
    ) -> ProgressEvent? {
        guard let key = message.key else { return nil }
        let eventID =
            message.headers.value(forKey: KontorHeaders.eventID)
            ?? (try? CanonicalJSON.decodeEventHeader(from: message.value).id.rawValue)
            ?? cause.flatMap(EventMessage.eventID(of:))
            ?? ""
        let correlationID =
            message.headers.value(forKey: KontorHeaders.correlationID)
            ?? cause?.headers.value(forKey: KontorHeaders.correlationID)
            ?? eventID
        return ProgressEvent(
            orderID: OrderID(String(decoding: key, as: UTF8.self)),
            eventID: eventID,
            correlationID: correlationID,
            step: step,
            stage: stage,
            topic: message.topic,
            key: key,
            value: message.value,
            headers: message.headers.map { ProgressEvent.Header(key: $0.key, value: $0.value) }
        )
    }

    /// The message that publishes `event` again, unchanged, to its topic (partitioned by its key, as before).
    public static func message(for event: ProgressEvent) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: event.topic,
            key: event.key,
            value: event.value,
            headers: event.headers.map { KafkaHeader(key: $0.key, value: $0.value) }
        )
    }
}
