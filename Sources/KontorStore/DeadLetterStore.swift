/// The index of dead-lettered messages. The worker runtime writes it with the stage's processed ids
/// (``ProcessedEventLog/record(processed:progress:deadLetters:)``); operators list, replay and purge through it.
public protocol DeadLetterStore: Sendable {
    /// One page of the dead letters `query` selects, newest failure first.
    /// - Throws: ``StoreError/invalidCursor(_:)`` for a cursor this store did not hand out.
    func deadLetters(_ query: DeadLetterQuery) async throws -> DeadLetterPage

    /// The dead letter with this id, if any.
    func deadLetter(id: String) async throws -> DeadLetterRecord?

    /// How many dead letters with `status` each stage has (stages with none are left out); one grouped query.
    func deadLetterCounts(status: DeadLetterRecord.Status) async throws -> [String: Int]

    /// Marks dead letters replayed and counts the replay; returns how many there were (unknown ids are skipped).
    @discardableResult
    func markReplayed(ids: [String]) async throws -> Int

    /// Marks dead letters purged (kept for the record); returns how many changed (already purged ones do not).
    @discardableResult
    func purgeDeadLetters(ids: [String]) async throws -> Int
}

/// The log of operator actions, oldest first.
public protocol AuditLogStore: Sendable {
    /// Appends an entry; returns it with its sequence number.
    @discardableResult
    func appendAudit(_ entry: AuditEntry) async throws -> AuditEntry

    /// The newest entries first, at most `limit`, those before sequence `before` when given.
    func auditEntries(limit: Int, before: Int64?) async throws -> [AuditEntry]
}

extension ProcessedEventLog {
    /// Without a dead-letter index: records the processed ids and progress only (``record(processed:progress:)``).
    public func record(processed: [String: [String]], progress: [ProgressEvent], deadLetters: [DeadLetterRecord])
        async throws
    {
        try await record(processed: processed, progress: progress)
    }
}
