import Foundation
import HTTPTypes
import Hummingbird
import KontorConnectors
import NIOCore

/// `POST /v1/documents`: EDI and XML business documents over HTTP. The content type decides the parser
/// (`application/EDI-X12`, `application/EDIFACT`, `application/xml`; `application/octet-stream` and `text/plain`
/// look at the bytes), the envelope decides the trading partner (or `?partner=NAME`).
///
/// Answers 202 with a JSON report (every transaction with its order id or error, and the 997/999/CONTRL due) when
/// at least one order was published — `status` says `accepted` or `partially-accepted`; 400 for an unreadable
/// document, 403 for an unknown sender, 422 when nothing in it could be accepted (the report is in the problem's
/// `detail` and the acknowledgement, if any, in its `acknowledgement` member); 415, 413, 503 as for orders. Refused documents, whole or in part, are kept byte for byte on the quarantine topic.
enum DocumentRoutes {
    static func add(
        _ inbound: B2BInbound,
        to router: Router<BasicRequestContext>,
        configuration: IngestConfiguration,
        load: any PipelineLoad,
        quarantine: QuarantineWriter?
    ) {
        router.post("/v1/documents") { request, _ in
            let instance = request.uri.path
            if let refusal = KontorRouter.overloaded(load, configuration, instance: instance) {
                return refusal
            }
            let contentType = request.headers[.contentType] ?? ""
            let format: B2BDocumentFormat?
            switch B2BDocumentFormat.forMediaType(contentType) {
            case .format(let named): format = named
            case .sniff: format = nil
            case .unsupported:
                return ProblemDetails(
                    type: ProblemDetails.Types.unsupportedMediaType,
                    title: "Unsupported media type",
                    status: 415,
                    detail: "POST /v1/documents takes application/EDI-X12, application/EDIFACT or application/xml, "
                        + "not \(contentType).",
                    instance: instance
                ).response
            }
            guard let body = try await KontorRouter.collectBody(request, configuration: configuration) else {
                return KontorRouter.tooLarge(configuration, instance: instance)
            }
            let partner = request.uri.queryParameters.get("partner")
            let receipt: B2BInbound.Receipt
            do {
                receipt = try await inbound.receive(body, format: format, partner: partner, source: "http-documents")
            } catch {
                return ProblemDetails(
                    type: ProblemDetails.Types.unavailable,
                    title: "Document not accepted",
                    status: 503,
                    detail: "The document was not taken, nothing of it is final: \(error)",
                    instance: instance,
                    retryAfter: configuration.retryAfterSeconds
                ).response
            }
            let result = receipt.result
            var quarantineID: String?
            if result.status != .accepted, let quarantine {
                quarantineID = await quarantine.keep(
                    body,
                    reason: result.summary,
                    field: nil,
                    source: "http-documents",
                    contentType: contentType
                )
            }
            if result.status == .rejected {
                let status: Int
                let title: String
                switch result.refusal {
                case .unreadable: (status, title) = (400, "Unreadable document")
                case .unknownPartner: (status, title) = (403, "Unknown trading partner")
                default: (status, title) = (422, "Document refused")
                }
                return ProblemDetails(
                    type: status == 400 ? ProblemDetails.Types.malformedPayload : ProblemDetails.Types.unmappable,
                    title: title,
                    status: status,
                    detail: result.summary,
                    instance: instance,
                    quarantineId: quarantineID,
                    acknowledgement: result.acknowledgement?.content
                ).response
            }
            var report = receipt.report()
            if let quarantineID, var object = try? JSONSerialization.jsonObject(with: report) as? [String: Any] {
                object["quarantineId"] = quarantineID
                report = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? report
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[HTTPField.Name("Kontor-Document-Status")!] = result.status.rawValue
            return Response(
                status: .accepted,
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: report))
            )
        }
    }
}
