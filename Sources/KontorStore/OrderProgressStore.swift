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
}
