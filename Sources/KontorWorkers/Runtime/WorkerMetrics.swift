import Synchronization

/// Counters of one worker, readable while it runs.
public final class WorkerMetrics: Sendable {
    public struct Snapshot: Sendable, Hashable {
        public var processed = 0
        public var produced = 0
        public var retried = 0
        public var deadLettered = 0
        public var duplicatesSkipped = 0
        public var batches = 0
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func update(_ body: (inout Snapshot) -> Void) {
        state.withLock { body(&$0) }
    }
}
