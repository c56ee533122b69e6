import KontorModel

/// Every order's latest pipeline event (per submission, see ``ProgressEvent``), so that an order never exists only on
/// a topic: the embedded Kafka cluster is
/// empty after a restart, and `kontor run` then publishes again what had not finished.
///
/// Ingest edges record the received event once the broker acknowledged it; a stage records its outputs in the same
/// transaction as the ids of the inputs it processed (``ProcessedEventLog/record(processed:progress:)``), so a stage
/// that marked its input processed always left its output as the order's progress.
public protocol OrderProgressStore: Sendable {
    /// Records events as their submissions' progress where they are a later step than the stored event (see
    /// ``ProgressEvent``); others, and exact repeats, are ignored.
    func recordProgress(_ events: [ProgressEvent]) async throws

    /// The order's most recently recorded event, if any (of its latest submission).
    func progress(orderID: OrderID) async throws -> ProgressEvent?

    /// The unfinished submissions' latest events: those on one of `topics` (the input topics of the stages that
    /// run). A submission whose latest event is on a topic no stage consumes (rejected, dead-lettered, or the last
    /// stage's output) is finished. Oldest first.
    func unfinishedProgress(topics: Set<String>) async throws -> [ProgressEvent]

    /// The submissions' latest events that a consumer has not processed yet: those on a topic of `consumers` (topic →
    /// the stages consuming it) whose event id one of the topic's stages has not recorded in the
    /// ``ProcessedEventLog``. Oldest first.
    ///
    /// Unlike ``unfinishedProgress(topics:)`` this also finds events that only a side consumer such as the read-model
    /// projection still needs, and leaves out events every consumer has processed, even when they produced nothing.
    func pendingProgress(consumers: [String: Set<String>]) async throws -> [ProgressEvent]
}
