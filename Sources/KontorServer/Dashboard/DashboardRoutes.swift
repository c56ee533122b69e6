import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// The ops dashboard:
/// - `GET /dashboard`: the page (open: it holds no data; its calls need a session or token).
/// - `GET /v1/dashboard/summary`: the summary (``DashboardSummary``).
/// - `GET /v1/dashboard/stream`: server-sent events, `event: summary` with the summary as `data`, sent at once and
///   then whenever it changed (looked at every ``DashboardSources/streamInterval``); a comment line in between keeps
///   the connection checked. `?events=N` (1...1000) ends the stream after N summaries (for scripts).
public enum DashboardRoutes {
    /// The page's path (open, see ``RouteAccess``).
    public static let pagePath = "/dashboard"

    /// Adds the routes to `routes` (the router or a group of it).
    public static func add(_ sources: DashboardSources, to routes: some RouterMethods<BasicRequestContext>) {
        routes.get(RouterPath(pagePath)) { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    // Everything is inline; nothing may be loaded from elsewhere.
                    .contentSecurityPolicy:
                        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                        + "connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'",
                    .cacheControl: "no-store",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(string: DashboardPage.html))
            )
        }
        routes.get("/v1/dashboard/summary") { _, _ in
            OrderViews.response(.ok, try await DashboardSummary.make(sources))
        }
        routes.get("/v1/dashboard/stream") { request, _ in
            var limit: Int?
            if let text = request.uri.queryParameters["events"].map(String.init) {
                guard let number = Int(text), (1...1000).contains(number) else {
                    return OrderRoutes.invalid(
                        "events",
                        "'\(text)' is not a number in 1...1000",
                        instance: request.uri.path
                    )
                }
                limit = number
            }
            let events = limit
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    try await stream(sources, limit: events, to: &writer)
                    try await writer.finish(nil)
                }
            )
        }
    }

    /// Writes summaries until `limit` were sent, the client left (a write throws), the task is cancelled or the
    /// server shuts down gracefully (which waits for open responses, so a stream must end by itself).
    static func stream(_ sources: DashboardSources, limit: Int?, to writer: inout any ResponseBodyWriter)
        async throws
    {
        // How long the browser waits before it reconnects.
        try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
        var sent = 0
        var last: Data?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let event: String
            do {
                let data = try JSONSerialization.data(
                    withJSONObject: try await DashboardSummary.make(sources),
                    options: [.sortedKeys, .withoutEscapingSlashes]
                )
                if data == last {
                    event = ": unchanged\n\n"
                } else {
                    last = data
                    event = "event: summary\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
                    sent += 1
                }
            } catch is CancellationError {
                return
            } catch {
                event =
                    "event: failure\ndata: \(String(describing: error).replacingOccurrences(of: "\n", with: " "))\n\n"
            }
            try await writer.write(ByteBuffer(string: event))
            if let limit, sent >= limit { return }
            try? await Task.sleep(for: sources.streamInterval)
        }
    }
}
