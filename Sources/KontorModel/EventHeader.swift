/// The CloudEvents attributes of an ``EventEnvelope`` without its `data`: decode this to route, deduplicate or log an
/// event without decoding (or understanding) the payload.
public struct EventHeader: Sendable, Hashable, Codable {
    /// The CloudEvents version Kontor reads and writes: `"1.0"`.
    public static let specVersion = "1.0"

    /// The `datacontenttype` of every Kontor event: `"application/json"`.
    public static let jsonContentType = "application/json"

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

    /// The media type of the payload.
    public var dataContentType: String

    /// Ties together all events that stem from one original request.
    public var correlationID: CorrelationID

    /// The event that caused this one, if any.
    public var causationID: EventID?

    /// The version of the payload contract.
    public var schemaVersion: SchemaVersion

    /// Creates a header.
    public init(
        specVersion: String = EventHeader.specVersion,
        id: EventID,
        source: EventSource,
        type: EventType,
        subject: String? = nil,
        time: Timestamp,
        dataContentType: String = EventHeader.jsonContentType,
        correlationID: CorrelationID,
        causationID: EventID? = nil,
        schemaVersion: SchemaVersion = .current
    ) {
        self.specVersion = specVersion
        self.id = id
        self.source = source
        self.type = type
        self.subject = subject
        self.time = time
        self.dataContentType = dataContentType
        self.correlationID = correlationID
        self.causationID = causationID
        self.schemaVersion = schemaVersion
    }

    enum CodingKeys: String, CodingKey {
        case specVersion = "specversion"
        case id, source, type, subject, time
        case dataContentType = "datacontenttype"
        case correlationID = "correlationid"
        case causationID = "causationid"
        case schemaVersion = "schemaversion"
        case data
    }

    /// Decodes the attributes and ignores `data`; `specversion` must be `"1.0"`, a missing `datacontenttype` means
    /// `"application/json"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        specVersion = try container.decode(String.self, forKey: .specVersion)
        guard specVersion == Self.specVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .specVersion,
                in: container,
                debugDescription: "unsupported CloudEvents specversion \"\(specVersion)\": expected \"1.0\""
            )
        }
        id = try container.decode(EventID.self, forKey: .id)
        source = try container.decode(EventSource.self, forKey: .source)
        type = try container.decode(EventType.self, forKey: .type)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        time = try container.decode(Timestamp.self, forKey: .time)
        dataContentType =
            try container.decodeIfPresent(String.self, forKey: .dataContentType) ?? Self.jsonContentType
        correlationID = try container.decode(CorrelationID.self, forKey: .correlationID)
        causationID = try container.decodeIfPresent(EventID.self, forKey: .causationID)
        schemaVersion = try container.decode(SchemaVersion.self, forKey: .schemaVersion)
    }

    /// Encodes the attributes; `nil` attributes are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(specVersion, forKey: .specVersion)
        try container.encode(id, forKey: .id)
        try container.encode(source, forKey: .source)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encode(time, forKey: .time)
        try container.encode(dataContentType, forKey: .dataContentType)
        try container.encode(correlationID, forKey: .correlationID)
        try container.encodeIfPresent(causationID, forKey: .causationID)
        try container.encode(schemaVersion, forKey: .schemaVersion)
    }
}
