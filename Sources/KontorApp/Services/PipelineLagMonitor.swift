import KontorKafka
import KontorServer
import Logging
import ServiceLifecycle
import Synchronization

/// Measures, once a second, how far the pipeline's consumer groups trail their input topics.
/// Ingest reads the figure to push back (503 + Retry-After) before the backlog outgrows what the
/// brokers keep; `/readyz` reads whether the cluster answered lately.
final class PipelineLagMonitor: Service, PipelineLoad, Sendable {
    struct Watch: Sendable {
        var group: String
        var topics: [String]
    }

    private let admin: KafkaAdmin
    private let watches: [Watch]
    private let interval: Duration
    private let logger: Logger
    private let lag = Atomic<Int64>(-1)
    private let lastSuccess = Mutex<ContinuousClock.Instant?>(nil)

    init(admin: KafkaAdmin, watches: [Watch], interval: Duration = .seconds(1), logger: Logger) {
        self.admin = admin
        self.watches = watches
        self.interval = interval
        self.logger = logger
    }

    var currentLag: Int64? {
        let value = lag.load(ordering: .relaxed)
        return value < 0 ? nil : value
    }

    /// Whether the cluster answered within the last five intervals.
    var isClusterReachable: Bool {
        guard let last = lastSuccess.withLock({ $0 }) else { return false }
        return ContinuousClock.now - last < interval * 5
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.measure()
                try await Task.sleep(for: self.interval)
            }
        }
    }

    /// Whether the cluster answers: recently, or now when the last answer is stale.
    func probeCluster() async -> Bool {
        if isClusterReachable { return true }
        return await measure()
    }

    @discardableResult
    func measure() async -> Bool {
        do {
            var total: Int64 = 0
            for watch in watches {
                total += try await admin.consumerLag(group: watch.group, topics: watch.topics).reduce(0) { $0 + $1.lag }
            }
            lag.store(total, ordering: .relaxed)
            lastSuccess.withLock { $0 = .now }
            return true
        } catch {
            logger.debug("lag measurement failed: \(error)")
            return false
        }
    }
}
