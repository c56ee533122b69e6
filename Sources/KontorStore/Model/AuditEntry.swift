import KontorModel

/// One operator action in the audit log, e.g. a dead-letter replay or purge.
public struct AuditEntry: Sendable, Hashable {
    /// Assigned by the store in the order entries were appended; 0 before.
    public var sequence: Int64
    /// Who acted: `--actor`, `$USER`, or the API caller.
    public var actor: String
    public var at: Timestamp
    /// What was done, e.g. `dlq.replay` or `dlq.purge`.
    public var action: String
    /// Which records it concerned, in words (``DeadLetterQuery/filterDescription``).
    public var filter: String
    /// How many records it changed.
    public var count: Int

    public init(sequence: Int64 = 0, actor: String, at: Timestamp = .now(), action: String, filter: String, count: Int)
    {
        self.sequence = sequence
        self.actor = actor
        self.at = at
        self.action = action
        self.filter = filter
        self.count = count
    }
}
