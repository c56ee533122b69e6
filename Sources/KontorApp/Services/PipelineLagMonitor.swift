import KontorKafka
import KontorServer
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Measures, once a second, how far the pipeline's consumer groups trail their input topics.
/// Ingest reads the figure to push back (503 + Retry-After) before the backlog outgrows what the
/// brokers keep; `/readyz` reads whether the cluster answered lately. Each group's lag is also the gauge
/// `kontor_consumer_lag_messages{group}`.
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
    private let groupLags = Mutex<[String: Int64]?>(nil)
    private let lastSuccess = Mutex<ContinuousClock.Instant?>(nil)
    private let gauges: [Gauge]

    init(admin: KafkaAdmin, watches: [Watch], interval: Duration = .seconds(1), logger: Logger) {
        self.admin = admin
        self.watches = watches
        self.interval = interval
        self.logger = logger
        gauges = watches.map { Gauge(label: "kontor_consumer_lag_messages", dimensions: [("group", $0.group)]) }
    }

    var currentLag: Int64? {
        let value = lag.load(ordering: .relaxed)
        return value < 0 ? nil : value
    }

    /// Each watched group's lag as last measured; nil before the first measurement.
    var lagByGroup: [String: Int64]? { groupLags.withLock { $0 } }

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
            var lags: [Int64] = []
            for watch in watches {
                lags.append(
                    try await admin.consumerLag(group: watch.group, topics: watch.topics).reduce(0) { $0 + $1.lag }
                )
            }
            for (gauge, lag) in zip(gauges, lags) { gauge.record(lag) }
            lag.store(lags.reduce(0, +), ordering: .relaxed)
            let byGroup = Dictionary(zip(watches.map(\.group), lags), uniquingKeysWith: +)
            groupLags.withLock { $0 = byGroup }
            lastSuccess.withLock { $0 = .now }
            return true
        } catch {
            logger.debug("lag measurement failed: \(error)")
            return false
        }
    }
}
