import KontorKafka
import KontorModel
import KontorStore

/// What operators do with dead letters, shared by `kontor dlq` and the `/v1/dlq` routes: list, replay, purge, each
/// replay and purge written to the audit log.
///
/// A replay publishes a dead letter's payload, key and headers again (without the `kontor-dlq-*` ones), adding
/// `kontor-replay-of` (its id) and `kontor-replay-attempts` (the attempts used up, so a stage that fails it again
/// counts on). The event keeps its id, so a stage's processed log turns a second replay of a record it has since
/// processed into a skipped duplicate.
public struct DeadLetterOperations: Sendable {
    /// Where a replay publishes to.
    public enum Target: Sendable, Hashable {
        /// The topic the stage consumed the message from.
        case original
        /// Another topic.
        case topic(String)
    }

    /// What a replay did (or, for a dry run, would do).
    public struct ReplayResult: Sendable {
        /// The dead letters selected, newest failure first.
        public var records: [DeadLetterRecord]
        /// How many were published (0 for a dry run).
        public var published: Int
        public var dryRun: Bool
    }

    /// A replay that published only part of the selection: the rest stays open.
    public struct ReplayFailure: Error, CustomStringConvertible {
        public var published: Int
        public var failed: [(id: String, error: KafkaError)]

        public var description: String {
            let first = failed.first.map { "\($0.id): \($0.error)" } ?? ""
            return "replayed \(published), \(failed.count) could not be published (first: \(first))"
        }
    }

    /// A replay asked of operations made without a producer.
    public struct NoProducer: Error, CustomStringConvertible {
        public var description: String { "dead letters cannot be replayed without a Kafka producer" }
    }

    public let store: any DeadLetterStore & AuditLogStore
    /// Needed by ``replay(_:to:dryRun:actor:)`` only.
    public let producer: KafkaProducer?

    public init(store: any DeadLetterStore & AuditLogStore, producer: KafkaProducer?) {
        self.store = store
        self.producer = producer
    }

    /// Every dead letter `query` selects (all pages), newest failure first.
    public func select(_ query: DeadLetterQuery) async throws -> [DeadLetterRecord] {
        var query = query
        query.limit = 1000
        query.after = nil
        var records: [DeadLetterRecord] = []
        while true {
            let page = try await store.deadLetters(query)
            records += page.records
            guard let next = page.nextCursor else { return records }
            query.after = next
        }
    }

    /// Publishes the dead letters `query` selects again. Without a status filter or ids it takes the open ones;
    /// purged ones are never replayed. Writes an audit entry `dlq.replay` unless `dryRun`.
    /// - Throws: ``ReplayFailure`` when some could not be published (those published are marked replayed).
    public func replay(_ query: DeadLetterQuery, to target: Target, dryRun: Bool, actor: String) async throws
        -> ReplayResult
    {
        var query = query
        if query.status == nil && query.ids.isEmpty { query.status = .open }
        let records = try await select(query).filter { $0.status != .purged }
        guard !dryRun else { return ReplayResult(records: records, published: 0, dryRun: true) }
        guard let producer else { throw NoProducer() }
        // Oldest first, so that replayed events of one order keep their order.
        let ordered = Array(records.reversed())
        var results: [Result<KafkaDeliveryReport, KafkaError>] = []
        if !ordered.isEmpty {
            results = await producer.send(ordered.map { Self.replayMessage(for: $0, to: target) })
        }
        var published: [String] = []
        var failed: [(id: String, error: KafkaError)] = []
        for (record, result) in zip(ordered, results) {
            switch result {
            case .success: published.append(record.id)
            case .failure(let error): failed.append((record.id, error))
            }
        }
        try await store.markReplayed(ids: published)
        var description = query.filterDescription
        if case .topic(let topic) = target { description += " to=\(topic)" }
        try await store.appendAudit(
            AuditEntry(actor: actor, action: "dlq.replay", filter: description, count: published.count)
        )
        guard failed.isEmpty else { throw ReplayFailure(published: published.count, failed: failed) }
        return ReplayResult(records: records, published: published.count, dryRun: false)
    }

    /// Marks the dead letters `query` selects purged; returns how many changed. Writes an audit entry `dlq.purge`.
    public func purge(_ query: DeadLetterQuery, actor: String) async throws -> Int {
        let ids = try await select(query).filter { $0.status != .purged }.map(\.id)
        let count = try await store.purgeDeadLetters(ids: ids)
        try await store.appendAudit(
            AuditEntry(actor: actor, action: "dlq.purge", filter: query.filterDescription, count: count)
        )
        return count
    }

    /// The message that replays `record`: its key, payload and headers (without `kontor-dlq-*` and earlier
    /// `kontor-replay-*` ones), plus `kontor-replay-of` and `kontor-replay-attempts`.
    public static func replayMessage(for record: DeadLetterRecord, to target: Target) -> KafkaProducerMessage {
        let dropped = DeadLetter.headerKeys.union([KontorHeaders.replayOf, KontorHeaders.replayAttempts])
        var headers = record.headers.filter { !dropped.contains($0.key) }.map {
            KafkaHeader(key: $0.key, value: $0.value)
        }
        headers.append(KafkaHeader(key: KontorHeaders.replayOf, string: record.id))
        headers.append(KafkaHeader(key: KontorHeaders.replayAttempts, string: "\(record.attempts)"))
        let topic: String
        switch target {
        case .original: topic = record.originalTopic
        case .topic(let name): topic = name
        }
        return KafkaProducerMessage(topic: topic, key: record.key, value: record.payload, headers: headers)
    }
}
