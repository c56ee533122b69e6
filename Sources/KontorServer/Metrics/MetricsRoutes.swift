import Hummingbird
import NIOCore
import Prometheus

/// `GET /metrics`: the registry in the Prometheus text exposition format (version 0.0.4).
enum MetricsRoutes {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func add(_ registry: PrometheusCollectorRegistry, to router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }
}
