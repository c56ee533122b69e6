import Foundation
import HTTPTypes
import Hummingbird
import KontorConnectors
import KontorMapping
import KontorModel
import NIOCore

/// Answers partner webhooks: 200 once every order in the payload is acknowledged by Kafka (or
/// the delivery is a known redelivery), 401 for a bad signature, 400/422 for payloads that cannot
/// be translated (quarantined), 413 for oversized bodies, 503 when Kafka or the connector is down.
enum WebhookRoutes {
    static func add(
        _ endpoints: [WebhookEndpoint],
        to router: Router<BasicRequestContext>,
        configuration: IngestConfiguration,
        load: any PipelineLoad
    ) {
        for endpoint in endpoints {
            router.post(RouterPath(endpoint.path)) { request, _ in
                if let refusal = KontorRouter.overloaded(load, configuration, instance: request.uri.path) {
                    return refusal
                }
                return try await receive(request, endpoint: endpoint, configuration: configuration)
            }
        }
    }

    static func receive(
        _ request: Request,
        endpoint: WebhookEndpoint,
        configuration: IngestConfiguration
    ) async throws -> Response {
        let instance = request.uri.path
        guard case .ready(let receiver) = endpoint.state else {
            if case .unavailable(let reason) = endpoint.state {
                return ProblemDetails(
                    type: ProblemDetails.Types.connectorUnavailable,
                    title: "Connector unavailable",
                    status: 503,
                    detail: "Connector \(endpoint.connector) cannot take deliveries: \(reason)",
                    instance: instance,
                    retryAfter: configuration.retryAfterSeconds
                ).response
            }
            return Response(status: .internalServerError)
        }
        guard let body = try await KontorRouter.collectBody(request, configuration: configuration) else {
            return KontorRouter.tooLarge(configuration, instance: instance)
        }
        let outcome = await receiver.receive(body: body, contentType: request.headers[.contentType]) { name in
            HTTPField.Name(name).flatMap { request.headers[$0] }
        }
        switch outcome {
        case .accepted(let receipts):
            let orders = receipts.map { ["orderId": $0.orderID.rawValue, "eventId": $0.eventID.rawValue] }
            return KontorRouter.jsonResponse(.ok, ["status": "received", "orders": orders])
        case .duplicate(let deliveryID):
            return KontorRouter.jsonResponse(.ok, ["status": "duplicate", "deliveryId": deliveryID])
        case .unauthorized(let reason):
            return IngestRefusals.badSignature(reason, instance: instance).response
        case .invalid(let error, let quarantineID):
            return IngestRefusals.invalid(error, quarantineID: quarantineID, instance: instance).response
        case .unavailable(let reason):
            return IngestRefusals.brokerUnavailable(reason, instance: instance, configuration: configuration).response
        }
    }
}
