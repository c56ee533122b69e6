import HTTPTypes

/// What a route needs: nothing, or a scope. One rule for every route, so a route added later is guarded by default:
/// reading (`GET`, `HEAD`) needs `read`, anything else `operate`; the exceptions are listed here.
public enum RouteAccess: Sendable, Hashable, CustomStringConvertible {
    case open
    case scope(AccessScope)

    /// Routes that take new orders and documents from outside: `ingest`.
    static let ingestRoutes: Set<String> = [
        "POST /v1/orders", "POST /v1/documents", "POST /v1/returns/{rma}/receipt", "POST /v1/wms/confirmations",
    ]
    /// Always open: liveness, readiness, login/logout itself, and the dashboard's page (its data calls are guarded).
    static let openPaths: Set<String> = ["/healthz", "/readyz", SessionRoutes.path, DashboardRoutes.pagePath]
    /// Webhooks check their partner's signature instead of a token.
    static let webhookPrefix = "/v1/webhooks/"
    /// Carrier tracking webhooks check their carrier's signature (when a secret is configured) instead of a token.
    static let trackingPrefix = "/v1/tracking/"
    static let metricsPath = "/metrics"

    /// What `method` on the route template `path` (`/v1/orders/{id}/cancel`) needs.
    /// - Parameters:
    ///   - webhookPaths: the configured webhook paths, open even outside `/v1/webhooks/`.
    ///   - metricsOpen: `/metrics` without a token (`auth.metricsOpen`).
    public static func required(
        method: HTTPRequest.Method,
        path: String,
        webhookPaths: Set<String> = [],
        metricsOpen: Bool = false
    ) -> RouteAccess {
        if openPaths.contains(path) || path.hasPrefix(webhookPrefix) || webhookPaths.contains(path)
            || path.hasPrefix(trackingPrefix)
        {
            return .open
        }
        if path == metricsPath {
            return metricsOpen ? .open : .scope(.read)
        }
        if ingestRoutes.contains("\(method.rawValue) \(path)") {
            return .scope(.ingest)
        }
        return method == .get || method == .head ? .scope(.read) : .scope(.operate)
    }

    public var description: String {
        switch self {
        case .open: "open"
        case .scope(let scope): scope.rawValue
        }
    }
}
