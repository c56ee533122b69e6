/// Every Kafka header key Kontor sets, in one place. Values are UTF-8 strings.
///
/// Event messages repeat a few envelope attributes as headers so that consumers can route and deduplicate without
/// parsing the body. Dead-letter and quarantine messages keep the original bytes as body and explain themselves in
/// headers.
public struct KontorHeaders: Sendable {
    private init() {}

    // MARK: Event messages

    /// `kontor-event-id`: the envelope `id`.
    public static let eventID = "kontor-event-id"

    /// `kontor-event-type`: the envelope `type`.
    public static let eventType = "kontor-event-type"

    /// `kontor-correlation-id`: the envelope `correlationid`.
    public static let correlationID = "kontor-correlation-id"

    /// `kontor-causation-id`: the envelope `causationid`, when there is one.
    public static let causationID = "kontor-causation-id"

    /// `kontor-schema-version`: the envelope `schemaversion`.
    public static let schemaVersion = "kontor-schema-version"

    /// `content-type`: the body's media type, e.g. ``cloudEventsJSON`` or the raw request's content type.
    public static let contentType = "content-type"

    /// A `content-type` value: `application/cloudevents+json; charset=utf-8`, the CloudEvents Kafka binding's
    /// structured mode.
    public static let cloudEventsJSON = "application/cloudevents+json; charset=utf-8"

    // MARK: Dead letters

    /// `kontor-dlq-stage`: the stage that gave up, e.g. `validation`.
    public static let dlqStage = "kontor-dlq-stage"

    /// `kontor-dlq-error-class`: a short machine-readable error class, e.g. `decoding` or `timeout`.
    public static let dlqErrorClass = "kontor-dlq-error-class"

    /// `kontor-dlq-error-message`: the last error, human-readable.
    public static let dlqErrorMessage = "kontor-dlq-error-message"

    /// `kontor-dlq-attempts`: how many times the stage tried, in decimal.
    public static let dlqAttempts = "kontor-dlq-attempts"

    /// `kontor-dlq-original-topic`: where the message was consumed from.
    public static let dlqOriginalTopic = "kontor-dlq-original-topic"

    /// `kontor-dlq-original-partition`: its partition, in decimal.
    public static let dlqOriginalPartition = "kontor-dlq-original-partition"

    /// `kontor-dlq-original-offset`: its offset, in decimal.
    public static let dlqOriginalOffset = "kontor-dlq-original-offset"

    /// `kontor-dlq-first-failure`: when the first attempt failed, RFC 3339 UTC.
    public static let dlqFirstFailure = "kontor-dlq-first-failure"

    /// `kontor-dlq-last-failure`: when the last attempt failed, RFC 3339 UTC.
    public static let dlqLastFailure = "kontor-dlq-last-failure"

    // MARK: Replays

    /// `kontor-replay-of`: on a dead letter published again, the id of its dead-letter record.
    public static let replayOf = "kontor-replay-of"

    /// `kontor-replay-attempts`: on a dead letter published again, the attempts it had used up, in decimal; a stage
    /// that fails it again counts on from there.
    public static let replayAttempts = "kontor-replay-attempts"

    // MARK: Quarantine

    /// `kontor-quarantine-id`: the id under which ops find a quarantined payload (also the message key).
    public static let quarantineID = "kontor-quarantine-id"

    /// `kontor-quarantine-reason`: why the payload was refused, e.g. an ``OrderDecodingError`` message.
    public static let quarantineReason = "kontor-quarantine-reason"

    /// `kontor-quarantine-field`: the offending field path, e.g. `lines[0].quantity`, when known.
    public static let quarantineField = "kontor-quarantine-field"

    /// `kontor-quarantine-source`: where the payload came from, e.g. `/kontor/ingest/http`.
    public static let quarantineSource = "kontor-quarantine-source"

    /// `kontor-received-at`: when the edge received the payload, RFC 3339 UTC.
    public static let receivedAt = "kontor-received-at"

    /// Every header key above.
    public static let all: [String] = [
        eventID, eventType, correlationID, causationID, schemaVersion, contentType, dlqStage, dlqErrorClass,
        dlqErrorMessage, dlqAttempts, dlqOriginalTopic, dlqOriginalPartition, dlqOriginalOffset, dlqFirstFailure,
        dlqLastFailure, replayOf, replayAttempts, quarantineID, quarantineReason, quarantineField, quarantineSource,
        receivedAt,
    ]
}
