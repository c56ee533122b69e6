import Hummingbird
import Prometheus
import Synchronization

/// Counts every HTTP request by method, matched route template (`/v1/orders/{id}`, not the raw path) and status,
/// and records its latency: `kontor_http_requests_total` and `kontor_http_request_duration_seconds`.
///
/// The request is counted when the response is ready (before its body is written), so a client that reads the
/// answer and then asks `/metrics` finds its request counted.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context: context, status: status, since: started)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, since started: ContinuousClock.Instant) {
        let route = HTTPMetrics.template(context.endpointPath)
        let method = request.method.rawValue
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "kontor_http_requests",
                unitName: "total",
                helpText: "HTTP requests by method, route template and status."
            ),
            labels: [("method", method), ("route", route), ("status", "\(status)")]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "kontor_http_request_duration",
                unitName: "seconds",
                helpText: "HTTP request latency by method and route template, until the response is ready."
            ),
            labels: [("method", method), ("route", route)],
            buckets: KontorMetrics.durationBuckets
        ).record(ContinuousClock.now - started)
    }
}

/// The names and route labels of the HTTP metrics.
public enum HTTPMetrics {
    /// Counter by `method`, `route` and `status`.
    public static let requests = "kontor_http_requests_total"
    /// Histogram by `method` and `route`.
    public static let duration = "kontor_http_request_duration_seconds"

    /// The matched route's template, as the OpenAPI document writes it (`/v1/orders/{id}`). The middleware runs
    /// only on matched routes, so raw paths (ids, unknown paths) never become labels.
    public static func template(_ endpointPath: String?) -> String {
        guard let endpointPath, endpointPath != "NotFound" else { return "unmatched" }
        return endpointPath
    }
}
