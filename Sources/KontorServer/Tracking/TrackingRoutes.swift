import Foundation
import HTTPTypes
import Hummingbird
import KontorMapping
import KontorModel

/// `POST /v1/tracking/{format}`: carrier tracking webhooks (open like `/v1/webhooks/*`; the carrier's HMAC
/// signature is checked when a secret is configured). 202 with the scans published, 401 for a bad signature, 404
/// for an unknown format, 400/422 for documents that cannot be translated (quarantined), 503 when Kafka is down.
enum TrackingRoutes {
    static let path = "/v1/tracking/{format}"

    static func add(
        _ ingest: TrackingIngest,
        to router: Router<BasicRequestContext>,
        configuration: IngestConfiguration
    ) {
        router.post(RouterPath(path)) { request, context in
            let instance = request.uri.path
            let format = context.parameters.decoded("format")
            guard let body = try await KontorRouter.collectBody(request, configuration: configuration) else {
                return KontorRouter.tooLarge(configuration, instance: instance)
            }
            let outcome = await ingest.receive(
                format: format,
                body: body,
                contentType: request.headers[.contentType]
            ) { name in
                HTTPField.Name(name).flatMap { request.headers[$0] }
            }
            switch outcome {
            case .accepted(let events):
                let scans = events.map {
                    [
                        "eventId": $0.id.rawValue, "trackingNumber": $0.data.trackingNumber,
                        "status": $0.data.status.rawValue,
                    ]
                }
                return KontorRouter.jsonResponse(.accepted, ["status": "received", "events": scans])
            case .unknownFormat(let known):
                return ProblemDetails(
                    type: ProblemDetails.Types.notFound,
                    title: "Unknown tracking format",
                    status: 404,
                    detail: "No tracking mapping for '\(format)'; known: \(known.joined(separator: ", "))",
                    instance: instance,
                    field: "format"
                ).response
            case .unauthorized(let reason):
                return IngestRefusals.badSignature(reason, instance: instance).response
            case .invalid(let error, let quarantineID):
                return IngestRefusals.invalid(error, quarantineID: quarantineID, instance: instance).response
            case .unavailable(let reason):
                return IngestRefusals.brokerUnavailable(reason, instance: instance, configuration: configuration)
                    .response
            }
        }
    }
}
