import CRdKafka
import Logging
import Synchronization

/// Matches delivery reports to the tasks waiting for them.
///
/// Every produced message carries a numeric id in its `msg_opaque`; the delivery-report callback
/// (on the poll thread) completes the waiter registered under it.
final class DeliveryTracker: Sendable {
    typealias Outcome = Result<KafkaDeliveryReport, KafkaError>

    enum Waiter: Sendable {
        case single(CheckedContinuation<Outcome, Never>)
        case batch(BatchWaiter, index: Int)
    }

    private struct State {
        var nextID: UInt = 1
        var waiters: [UInt: Waiter] = [:]
    }

    private let state = Mutex(State())

    func register(_ waiter: Waiter) -> UInt {
        state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.waiters[id] = waiter
            return id
        }
    }

    /// Completes and forgets the waiter under `id`; a report for an unknown id is ignored.
    func complete(_ id: UInt, with outcome: Outcome) {
        guard let waiter = state.withLock({ $0.waiters.removeValue(forKey: id) }) else { return }
        switch waiter {
        case .single(let continuation):
            continuation.resume(returning: outcome)
        case .batch(let batch, let index):
            batch.complete(index, with: outcome)
        }
    }

    var pendingCount: Int { state.withLock { $0.waiters.count } }

    /// The delivery-report callback's work: called on the poll thread for every message.
    func handleDeliveryReport(_ message: UnsafePointer<rd_kafka_message_t>, logger: Logger) {
        let id = UInt(bitPattern: message.pointee._private)
        guard id != 0 else {
            if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.warning("unawaited message not delivered: \(KafkaError.rdKafka(message.pointee.err))")
            }
            return
        }
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
            let report = KafkaDeliveryReport(
                topic: topic,
                partition: message.pointee.partition,
                offset: message.pointee.offset
            )
            complete(id, with: .success(report))
        } else {
            complete(id, with: .failure(.rdKafka(message.pointee.err, context: "delivery to \(topic) failed")))
        }
    }
}

/// Collects the outcomes of a batch of sends and resumes its one waiter when all are in.
final class BatchWaiter: Sendable {
    private struct State {
        var outcomes: [DeliveryTracker.Outcome?]
        var remaining: Int
        var continuation: CheckedContinuation<[DeliveryTracker.Outcome], Never>?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(outcomes: Array(repeating: nil, count: count), remaining: count))
    }

    /// Installs the continuation; resumes at once if every outcome already arrived.
    func wait(_ continuation: CheckedContinuation<[DeliveryTracker.Outcome], Never>) {
        let ready: [DeliveryTracker.Outcome]? = state.withLock { state in
            if state.remaining == 0 { return state.outcomes.map { $0! } }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    func complete(_ index: Int, with outcome: DeliveryTracker.Outcome) {
        let finished: (CheckedContinuation<[DeliveryTracker.Outcome], Never>, [DeliveryTracker.Outcome])? =
            state.withLock { state in
                state.outcomes[index] = outcome
                state.remaining -= 1
                guard state.remaining == 0, let continuation = state.continuation else { return nil }
                state.continuation = nil
                return (continuation, state.outcomes.map { $0! })
            }
        if let (continuation, outcomes) = finished {
            continuation.resume(returning: outcomes)
        }
    }
}
