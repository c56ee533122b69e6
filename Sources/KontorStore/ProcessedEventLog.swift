/// Remembers which input events a stage has fully processed, so that a redelivered event
/// (Kafka is at-least-once) produces no second effect.
public protocol ProcessedEventLog: Sendable {
    /// The ids among `eventIDs` that `stage` has already processed.
    func processed(stage: String, among eventIDs: [String]) async throws -> Set<String>

    /// Records `eventIDs` as processed by `stage`; recording an id twice is harmless.
    func record(stage: String, eventIDs: [String]) async throws

    /// Records processed event ids (stage → ids) and the orders' progress (as ``OrderProgressStore/recordProgress(_:)``)
    /// in one transaction: either all of it is stored or none.
    func record(processed: [String: [String]], progress: [ProgressEvent]) async throws

    /// As ``record(processed:progress:)``, and indexes `deadLetters` (upserted by id, see ``DeadLetterStore``) in the
    /// same transaction. A log without a dead-letter index ignores them (the default implementation).
    func record(processed: [String: [String]], progress: [ProgressEvent], deadLetters: [DeadLetterRecord]) async throws
}
