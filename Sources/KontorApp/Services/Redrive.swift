import KontorKafka
import KontorStore
import KontorWorkers
import Logging

/// Publishes again, byte for byte (same key, value and headers, so the same event id), every order's latest event
/// that a running stage has not processed yet, and returns how many: `consumers` maps each input topic to the stages
/// consuming it, side consumers such as the read-model projection included.
///
/// Called at startup after the topics exist and before workers and edges run. With the embedded cluster, which is
/// empty after a restart, this continues every accepted order where its pipeline stopped; a stage that already
/// processed a re-driven event drops it by its id (processed-event log).
/// - Throws: when the store cannot be read or the broker does not acknowledge an event; `kontor run` then stops
///   rather than start with orders left behind.
func redrive(
    from store: any OrderProgressStore,
    producer: KafkaProducer,
    consumers: [String: Set<String>],
    logger: Logger
) async throws -> Int {
    let unfinished = try await store.pendingProgress(consumers: consumers)
    // Bounded batches: the producer's queue holds at most this many at once.
    for start in stride(from: 0, to: unfinished.count, by: 1000) {
        let chunk = unfinished[start..<min(start + 1000, unfinished.count)]
        let results = await producer.send(chunk.map(PipelineProgress.message(for:)))
        for (event, result) in zip(chunk, results) {
            if case .failure(let error) = result {
                throw KafkaError(
                    code: error.code,
                    message: "re-drive of order \(event.orderID) (event \(event.eventID) on \(event.topic)) failed: "
                        + error.message,
                    isRetriable: error.isRetriable
                )
            }
        }
    }
    logger.notice(
        "re-drove \(unfinished.count) unfinished orders from the store",
        metadata: ["kontor.count": "\(unfinished.count)", "kafka.topics": "\(consumers.keys.sorted())"]
    )
    return unfinished.count
}
