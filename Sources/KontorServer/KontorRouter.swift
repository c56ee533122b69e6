import Foundation
import HTTPTypes
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorModel
import KontorShipping
import KontorStore
import KontorWorkers
import Logging
import NIOCore
import Prometheus

/// The HTTP API: order ingest, B2B documents, webhooks, inventory, the orders' read API and actions, health and
/// readiness, Prometheus metrics (`/metrics`, given a registry), the ops dashboard (`/dashboard`, given its
/// sources) and its OpenAPI document (`/v1/openapi.yaml`).
/// `access` guards every route (``RouteAccess``) and serves dashboard login (`/v1/session`); the default,
/// ``AccessControl/disabled``, leaves every route open.
public enum KontorRouter {
    public static func make(
        ingest: OrderIngest,
        configuration: IngestConfiguration,
        load: any PipelineLoad,
        readiness: [ReadinessCheck],
        webhooks: [WebhookEndpoint] = [],
        documents: B2BInbound? = nil,
        quarantine: QuarantineWriter? = nil,
        inventory: (any CatalogStore & InventoryStore)? = nil,
        orders: OrderAPI? = nil,
        receipts: (any InventoryStore & LocationStore)? = nil,
        metrics: PrometheusCollectorRegistry? = nil,
        access: AccessControl = .disabled,
        deadLetters: DeadLetterOperations? = nil,
        dashboard: DashboardSources? = nil,
        returns: ReturnAPI? = nil,
        shipments: (any ShipmentDocumentSource)? = nil,
        tracking: TrackingIngest? = nil,
        wmsConfirmations: WMSConfirmationIntake? = nil,
        pickups: (any PickupStore)? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router()
        // Logs method and path only: the Authorization header and the session cookie stay out of the log.
        router.add(middleware: LogRequestsMiddleware(.debug))
        // Metrics first, so refused requests (401, 403) are counted too.
        if let metrics {
            router.add(middleware: HTTPMetricsMiddleware(registry: metrics))
        }
        // Before every route, so a route added below is guarded too (RouteAccess: GET needs read, else operate).
        router.add(middleware: AccessMiddleware(access: access, webhookPaths: Set(webhooks.map(\.path))))
        if let metrics {
            MetricsRoutes.add(metrics, to: router)
        }
        SessionRoutes.add(access, to: router)
        router.get("/healthz") { _, _ in
            jsonResponse(.ok, ["status": "ok"])
        }
        router.get("/readyz") { _, _ in
            var results: [String: String] = [:]
            for check in readiness {
                results[check.name] = await check.check() ? "ok" : "failing"
            }
            let ready = results.values.allSatisfy { $0 == "ok" }
            results["status"] = ready ? "ready" : "not ready"
            return jsonResponse(ready ? .ok : .serviceUnavailable, results)
        }
        router.post("/v1/orders") { request, context in
            try await acceptOrder(request, context: context, ingest: ingest, configuration: configuration, load: load)
        }
        WebhookRoutes.add(webhooks, to: router, configuration: configuration, load: load)
        if let inventory {
            InventoryRoutes.add(inventory, to: router)
        }
        if let receipts {
            InventoryReceiptRoutes.add(receipts, to: router)
        }
        if let orders {
            OrderRoutes.add(orders, to: router)
        }
        if let deadLetters {
            DeadLetterRoutes.add(deadLetters, to: router)
        }
        if let returns {
            ReturnRoutes.add(returns, to: router)
        }
        if let wmsConfirmations {
            WMSConfirmationRoutes.add(wmsConfirmations, to: router, configuration: configuration)
        }
        if let dashboard {
            DashboardRoutes.add(dashboard, to: router)
        }
        if let shipments {
            ShipmentDocumentRoutes.add(shipments, to: router)
        }
        if let pickups {
            PickupRoutes.add(pickups, to: router)
        }
        OpenAPIRoutes.add(to: router)
        if let tracking {
            TrackingRoutes.add(tracking, to: router, configuration: configuration)
        }
        if let documents {
            DocumentRoutes.add(documents, to: router, configuration: configuration, load: load, quarantine: quarantine)
        }
        return router
    }

    static func acceptOrder(
        _ request: Request,
        context: BasicRequestContext,
        ingest: OrderIngest,
        configuration: IngestConfiguration,
        load: any PipelineLoad
    ) async throws -> Response {
        let instance = request.uri.path
        if let refusal = overloaded(load, configuration, instance: instance) {
            return refusal
        }
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            return ProblemDetails(
                type: ProblemDetails.Types.unsupportedMediaType,
                title: "Unsupported media type",
                status: 415,
                detail: "POST /v1/orders takes a canonical order as application/json, not \(contentType).",
                instance: instance
            ).response
        }
        guard let body = try await collectBody(request, configuration: configuration) else {
            return tooLarge(configuration, instance: instance)
        }
        let outcome = await ingest.ingest(
            body: body,
            contentType: request.headers[.contentType],
            idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!]
        )
        switch outcome {
        case .accepted(let orderID, let eventID, let report):
            var response = jsonResponse(
                .accepted,
                [
                    "orderId": orderID.rawValue, "eventId": eventID.rawValue, "status": "received",
                    "topic": report.topic, "partition": "\(report.partition)", "offset": "\(report.offset)",
                ]
            )
            response.headers[.location] = "/v1/orders/\(orderID.rawValue)"
            return response
        case .invalid(let error, let quarantineID):
            let malformed = error.kind == .malformedJSON
            return ProblemDetails(
                type: malformed ? ProblemDetails.Types.malformedJSON : ProblemDetails.Types.schemaViolation,
                title: malformed ? "Malformed JSON" : "Schema violation",
                status: malformed ? 400 : 422,
                detail: error.field.isEmpty ? error.message : "\(error.field): \(error.message)",
                instance: instance,
                field: error.field.isEmpty ? nil : error.field,
                quarantineId: quarantineID
            ).response
        case .unavailable(let error):
            return ProblemDetails(
                type: ProblemDetails.Types.unavailable,
                title: "Order not accepted",
                status: 503,
                detail: "The order was not accepted (broker or store unavailable): \(error.message)",
                instance: instance,
                retryAfter: configuration.retryAfterSeconds
            ).response
        }
    }

    /// 503 with Retry-After while the pipeline's backlog is above the configured bound.
    static func overloaded(_ load: any PipelineLoad, _ configuration: IngestConfiguration, instance: String)
        -> Response?
    {
        guard let lag = load.currentLag, lag > configuration.maxPipelineLag else { return nil }
        return ProblemDetails(
            type: ProblemDetails.Types.overloaded,
            title: "Pipeline overloaded",
            status: 503,
            detail: "The pipeline is \(lag) messages behind (limit \(configuration.maxPipelineLag)); retry later.",
            instance: instance,
            retryAfter: configuration.retryAfterSeconds
        ).response
    }

    /// The request body, or nil when it is larger than allowed (checked before reading when the
    /// client declares its length).
    static func collectBody(_ request: Request, configuration: IngestConfiguration) async throws -> [UInt8]? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maxBodyBytes {
            return nil
        }
        do {
            return Array(buffer: try await request.body.collect(upTo: configuration.maxBodyBytes))
        } catch is NIOTooManyBytesError {
            return nil
        }
    }

    static func tooLarge(_ configuration: IngestConfiguration, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.payloadTooLarge,
            title: "Payload too large",
            status: 413,
            detail: "The body exceeds \(configuration.maxBodyBytes) bytes.",
            instance: instance
        ).response
    }

    static func jsonResponse(_ status: HTTPResponse.Status, _ body: [String: any Sendable]) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
