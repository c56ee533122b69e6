import Metrics
import Prometheus

/// The process's Prometheus registry, behind swift-metrics.
///
/// swift-metrics takes one backend per process, once; the first use of ``registry`` bootstraps it, later uses
/// return the same registry. Everything Kontor counts through swift-metrics (stages, connectors, consumer lag)
/// then lands in it, and `GET /metrics` shows it. Components that are given a registry explicitly (the HTTP
/// metrics) work without the bootstrap, so tests can give each their own.
public enum KontorMetrics {
    /// Handling times: from a millisecond (a validation) to ten seconds (a batch under retries).
    public static let durationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// The registry swift-metrics reports into in this process (bootstrapped on first use).
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = durationBuckets
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}
