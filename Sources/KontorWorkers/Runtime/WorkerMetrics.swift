import KontorKafka
import KontorModel
import Metrics
import Synchronization

/// Counters of one worker, readable while it runs, and exported through swift-metrics with the label `stage`
/// (to Prometheus when the process bootstrapped it, see the README's *Metrics*; a no-op otherwise).
public final class WorkerMetrics: Sendable {
    public struct Snapshot: Sendable, Hashable {
        public var processed = 0
        public var produced = 0
        public var retried = 0
        public var deadLettered = 0
        public var duplicatesSkipped = 0
        public var batches = 0
        /// Failed handler attempts (each is retried or dead-lettered).
        public var failed = 0
    }

    /// The metric names; all carry the label `stage`, the outcomes also `outcome`.
    public enum Names {
        public static let processed = "kontor_stage_messages_processed_total"
        public static let produced = "kontor_stage_messages_produced_total"
        public static let failed = "kontor_stage_messages_failed_total"
        public static let retried = "kontor_stage_messages_retried_total"
        public static let deadLettered = "kontor_stage_messages_dead_lettered_total"
        public static let duplicatesSkipped = "kontor_stage_duplicates_skipped_total"
        public static let messageDuration = "kontor_stage_message_duration_seconds"
        public static let batchDuration = "kontor_stage_batch_duration_seconds"
        public static let orderOutcomes = "kontor_order_outcomes_total"
    }

    /// The order outcome each output topic stands for.
    static let outcomes: [String: String] = [
        KontorTopics.orderValidated: "validated",
        KontorTopics.orderHeld: "held",
        KontorTopics.orderRejected: "rejected",
        KontorTopics.orderAllocated: "allocated",
        KontorTopics.orderBackordered: "backordered",
    ]

    public let stage: String
    private let state = Mutex(Snapshot())
    private let processed, produced, failed, retried, deadLettered, duplicatesSkipped: Counter
    private let messageTimer: Timer
    private let batchTimer: Timer

    /// Counters for `stage`; the exported metrics bind to the metrics backend bootstrapped at this point.
    public init(stage: String = "unnamed") {
        self.stage = stage
        let dimensions = [("stage", stage)]
        processed = Counter(label: Names.processed, dimensions: dimensions)
        produced = Counter(label: Names.produced, dimensions: dimensions)
        failed = Counter(label: Names.failed, dimensions: dimensions)
        retried = Counter(label: Names.retried, dimensions: dimensions)
        deadLettered = Counter(label: Names.deadLettered, dimensions: dimensions)
        duplicatesSkipped = Counter(label: Names.duplicatesSkipped, dimensions: dimensions)
        messageTimer = Timer(label: Names.messageDuration, dimensions: dimensions, preferredDisplayUnit: .seconds)
        batchTimer = Timer(label: Names.batchDuration, dimensions: dimensions, preferredDisplayUnit: .seconds)
    }

    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Changes the counters and exports the increase.
    func update(_ body: (inout Snapshot) -> Void) {
        let (before, after) = state.withLock { snapshot in
            let before = snapshot
            body(&snapshot)
            return (before, snapshot)
        }
        let increases = [
            (processed, after.processed - before.processed), (produced, after.produced - before.produced),
            (failed, after.failed - before.failed), (retried, after.retried - before.retried),
            (deadLettered, after.deadLettered - before.deadLettered),
            (duplicatesSkipped, after.duplicatesSkipped - before.duplicatesSkipped),
        ]
        for (counter, increase) in increases where increase > 0 { counter.increment(by: increase) }
    }

    /// Runs one handler attempt and records how long it took, whether it succeeded or threw.
    func timeHandling<T>(_ body: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        defer { messageTimer.record(duration: ContinuousClock.now - started) }
        return try await body()
    }

    /// Runs one batch (deduplication, handling, delivery, recording) and records how long it took.
    func timeBatch<T>(_ body: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        defer { batchTimer.record(duration: ContinuousClock.now - started) }
        return try await body()
    }

    /// Counts the order outcomes among a batch's delivered outputs (validated, held, rejected, allocated,
    /// backordered), by their topics.
    func countOutcomes(of outputs: [KafkaProducerMessage]) {
        var counts: [String: Int] = [:]
        for output in outputs {
            if let outcome = Self.outcomes[output.topic] { counts[outcome, default: 0] += 1 }
        }
        for (outcome, count) in counts {
            Counter(label: Names.orderOutcomes, dimensions: [("stage", stage), ("outcome", outcome)])
                .increment(by: count)
        }
    }
}
