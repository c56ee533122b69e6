import KontorModel

/// A message a stage gave up on, as the store indexes it: where it came from, why it failed and what became of it.
/// The payload, key and headers are kept byte for byte, so that a replay publishes exactly what the stage consumed.
public struct DeadLetterRecord: Sendable, Hashable {
    /// What became of a dead letter.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Waiting for someone to replay or purge it.
        case open
        /// Published again to its original topic (or another one).
        case replayed
        /// Given up on by an operator; kept for the record, never replayed by a filter.
        case purged
    }

    /// Stable across failures of the same message: see ``DeadLetterRecord/id(stage:eventID:topic:partition:offset:)``.
    public var id: String
    /// The stage that gave up, e.g. `validation`.
    public var stage: String
    /// The input's event id (`kontor-event-id`), when it had one.
    public var eventID: String?
    public var originalTopic: String
    public var originalPartition: Int
    public var originalOffset: Int64
    /// The message key, byte for byte.
    public var key: [UInt8]?
    /// The input's headers, in order, without the `kontor-dlq-*` ones.
    public var headers: [ProgressEvent.Header]
    /// The message value, byte for byte.
    public var payload: [UInt8]
    /// The ``StageError`` class, e.g. `unparseable`.
    public var errorClass: String
    public var errorMessage: String
    /// Attempts in all, over every replay of the message.
    public var attempts: Int
    public var firstFailure: Timestamp
    public var lastFailure: Timestamp
    public var status: Status
    /// How often it was replayed.
    public var replayCount: Int

    public init(
        id: String,
        stage: String,
        eventID: String?,
        originalTopic: String,
        originalPartition: Int,
        originalOffset: Int64,
        key: [UInt8]?,
        headers: [ProgressEvent.Header],
        payload: [UInt8],
        errorClass: String,
        errorMessage: String,
        attempts: Int,
        firstFailure: Timestamp,
        lastFailure: Timestamp,
        status: Status = .open,
        replayCount: Int = 0
    ) {
        self.id = id
        self.stage = stage
        self.eventID = eventID
        self.originalTopic = originalTopic
        self.originalPartition = originalPartition
        self.originalOffset = originalOffset
        self.key = key
        self.headers = headers
        self.payload = payload
        self.errorClass = errorClass
        self.errorMessage = errorMessage
        self.attempts = attempts
        self.firstFailure = firstFailure
        self.lastFailure = lastFailure
        self.status = status
        self.replayCount = replayCount
    }

    /// The id of a dead letter: `<stage>:<event id>` when the message has an event id (so that a replayed event that
    /// fails again updates the same record), else `<stage>:<topic>/<partition>/<offset>`.
    public static func id(stage: String, eventID: String?, topic: String, partition: Int, offset: Int64) -> String {
        if let eventID, !eventID.isEmpty {
            return "\(stage):\(eventID)"
        }
        return "\(stage):\(topic)/\(partition)/\(offset)"
    }
}

/// Which dead letters to list, replay or purge. Every filter set must match.
public struct DeadLetterQuery: Sendable, Hashable {
    public var stage: String?
    /// Only those that last failed at or after this instant.
    public var since: Timestamp?
    /// Text in the error message or class (case-insensitive).
    public var errorText: String?
    public var status: DeadLetterRecord.Status?
    /// Only these ids (empty = any).
    public var ids: [String] = []
    /// Page size, 1...1000.
    public var limit = 100
    /// The previous page's ``DeadLetterPage/nextCursor``.
    public var after: String?

    public init(
        stage: String? = nil,
        since: Timestamp? = nil,
        errorText: String? = nil,
        status: DeadLetterRecord.Status? = nil,
        ids: [String] = [],
        limit: Int = 100,
        after: String? = nil
    ) {
        self.stage = stage
        self.since = since
        self.errorText = errorText
        self.status = status
        self.ids = ids
        self.limit = limit
        self.after = after
    }

    /// The filters in words, for the audit log, e.g. `stage=validation status=open`; `all` when none is set.
    public var filterDescription: String {
        var parts: [String] = []
        if let stage { parts.append("stage=\(stage)") }
        if let since { parts.append("since=\(since.rfc3339String)") }
        if let errorText { parts.append("error=\(errorText)") }
        if let status { parts.append("status=\(status.rawValue)") }
        if !ids.isEmpty { parts.append("ids=\(ids.joined(separator: ","))") }
        return parts.isEmpty ? "all" : parts.joined(separator: " ")
    }
}

/// One page of dead letters, newest failure first.
public struct DeadLetterPage: Sendable, Hashable {
    public var records: [DeadLetterRecord]
    /// Passed as ``DeadLetterQuery/after`` for the next page; nil on the last one.
    public var nextCursor: String?

    public init(records: [DeadLetterRecord], nextCursor: String?) {
        self.records = records
        self.nextCursor = nextCursor
    }
}
