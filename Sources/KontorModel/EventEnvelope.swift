/// A CloudEvents 1.0 event in structured JSON mode, the unit of every Kontor topic.
///
/// JSON attributes: `specversion` (`"1.0"`), `id`, `source`, `type`, `subject` (the order id), `time` (RFC 3339,
/// UTC, microseconds), `datacontenttype` (`"application/json"`), the extensions `correlationid`, `causationid`
/// (optional) and `schemaversion`, and `data` (the payload). See `schemas/event-envelope.v1.schema.json`.
public struct EventEnvelope<Payload: Codable & Sendable & Hashable>: Sendable, Hashable, Codable {
    /// The CloudEvents version: `"1.0"`.
    public var specVersion: String

    /// Unique per event; the consumer's deduplication key.
    public var id: EventID

    /// Who produced the event.
    public var source: EventSource

    /// What happened.
    public var type: EventType

    /// What the event is about: the order id for order events.
    public var subject: String?

    /// When it happened.
    public var time: Timestamp

    /// The media type of ``data``: `"application/json"`.
    public var dataContentType: String

    /// Ties together all events that stem from one original request.
    public var correlationID: CorrelationID

    /// The event that caused this one, if any.
    public var causationID: EventID?

    /// The version of the payload contract.
    public var schemaVersion: SchemaVersion

    /// The payload.
    public var data: Payload

    /// Creates an envelope.
    public init(
        id: EventID = .random(),
        source: EventSource,
        type: EventType,
        subject: String? = nil,
        time: Timestamp = .now(),
        correlationID: CorrelationID,
        causationID: EventID? = nil,
        schemaVersion: SchemaVersion = .current,
        data: Payload
    ) {
        self.specVersion = EventHeader.specVersion
        self.id = id
        self.source = source
        self.type = type
        self.subject = subject
        self.time = time
        self.dataContentType = EventHeader.jsonContentType
        self.correlationID = correlationID
        self.causationID = causationID
        self.schemaVersion = schemaVersion
        self.data = data
    }

    /// The attributes without the payload.
    public var header: EventHeader {
        EventHeader(
            specVersion: specVersion,
            id: id,
            source: source,
            type: type,
            subject: subject,
            time: time,
            dataContentType: dataContentType,
            correlationID: correlationID,
            causationID: causationID,
            schemaVersion: schemaVersion
        )
    }

    /// Decodes an envelope; `specversion` must be `"1.0"`.
    public init(from decoder: any Decoder) throws {
        let header = try EventHeader(from: decoder)
        let container = try decoder.container(keyedBy: EventHeader.CodingKeys.self)
        specVersion = header.specVersion
        id = header.id
        source = header.source
        type = header.type
        subject = header.subject
        time = header.time
        dataContentType = header.dataContentType
        correlationID = header.correlationID
        causationID = header.causationID
        schemaVersion = header.schemaVersion
        data = try container.decode(Payload.self, forKey: .data)
    }

    /// Encodes the attributes and `data`; `nil` attributes are left out.
    public func encode(to encoder: any Encoder) throws {
        try header.encode(to: encoder)
        var container = encoder.container(keyedBy: EventHeader.CodingKeys.self)
        try container.encode(data, forKey: .data)
    }
}

extension EventEnvelope where Payload: KontorEventPayload {
    /// Creates an envelope whose `type` is the payload's ``KontorEventPayload/eventType``.
    public init(
        id: EventID = .random(),
        source: EventSource,
        subject: String? = nil,
        time: Timestamp = .now(),
        correlationID: CorrelationID,
        causationID: EventID? = nil,
        schemaVersion: SchemaVersion = .current,
        data: Payload
    ) {
        self.init(
            id: id,
            source: source,
            type: Payload.eventType,
            subject: subject,
            time: time,
            correlationID: correlationID,
            causationID: causationID,
            schemaVersion: schemaVersion,
            data: data
        )
    }
}

extension EventEnvelope {
    /// The event that `stage` emits in response to this one: its id is ``EventID/derived(from:stage:)`` of this id,
    /// its causation id is this id, and correlation id and subject are carried over. Re-processing the same input
    /// therefore yields the same event id.
    public func followUp<Next: KontorEventPayload>(
        stage: String,
        source: EventSource,
        data: Next,
        subject: String? = nil,
        time: Timestamp = .now()
    ) -> EventEnvelope<Next> {
        EventEnvelope<Next>(
            id: EventID.derived(from: id, stage: stage),
            source: source,
            subject: subject ?? self.subject,
            time: time,
            correlationID: correlationID,
            causationID: id,
            schemaVersion: schemaVersion,
            data: data
        )
    }
}
