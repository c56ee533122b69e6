import Foundation
import HTTPTypes
import Hummingbird
import KontorModel
import KontorShipping

/// A shipment's printable documents, read scope:
/// - `GET /v1/shipments/{taskId}/packing-slip`: HTML, or PDF with `Accept: application/pdf`; `.pdf` always PDF.
/// - `GET /v1/shipments/{taskId}/label`: ZPL, or PDF with `Accept: application/pdf`; `.pdf` always PDF. The
///   carrier's own label when Kontor booked it in that format, else rendered by ``ShippingLabel``.
/// 404 for an unknown task; 409 when the label cannot be printed yet (no tracking number).
enum ShipmentDocumentRoutes {
    static func add(_ source: any ShipmentDocumentSource, to router: Router<BasicRequestContext>) {
        router.get("/v1/shipments/:taskId/packing-slip") { request, context in
            try await packingSlip(request, context, source, pdf: wantsPDF(request))
        }
        router.get("/v1/shipments/:taskId/packing-slip.pdf") { request, context in
            try await packingSlip(request, context, source, pdf: true)
        }
        router.get("/v1/shipments/:taskId/label") { request, context in
            try await label(request, context, source, pdf: wantsPDF(request))
        }
        router.get("/v1/shipments/:taskId/label.pdf") { request, context in
            try await label(request, context, source, pdf: true)
        }
    }

    private static func packingSlip(
        _ request: Request,
        _ context: BasicRequestContext,
        _ source: any ShipmentDocumentSource,
        pdf: Bool
    ) async throws -> Response {
        let taskId = context.parameters.decoded("taskId")
        guard let document = try await source.shipmentDocument(taskId: taskId) else {
            return notFound(taskId, request)
        }
        let slip = PackingSlip(document)
        let name = "packing-slip-\(document.task.taskId)"
        return pdf
            ? respond(slip.pdf(), contentType: "application/pdf", filename: "\(name).pdf")
            : respond(Array(slip.html().utf8), contentType: "text/html; charset=utf-8", filename: nil)
    }

    private static func label(
        _ request: Request,
        _ context: BasicRequestContext,
        _ source: any ShipmentDocumentSource,
        pdf: Bool
    ) async throws -> Response {
        let taskId = context.parameters.decoded("taskId")
        guard let document = try await source.shipmentDocument(taskId: taskId) else {
            return notFound(taskId, request)
        }
        let label = ShippingLabel(document)
        let name = "label-\(document.task.taskId)"
        if let booked = document.carrierLabel(in: pdf ? .pdf : .zpl) {
            return pdf
                ? respond(booked, contentType: "application/pdf", filename: "\(name).pdf")
                : respond(booked, contentType: "application/zpl; charset=utf-8", filename: "\(name).zpl")
        }
        do {
            if pdf {
                return respond(try label.pdf(), contentType: "application/pdf", filename: "\(name).pdf")
            }
            let zpl = try label.zpl()
            return respond(Array(zpl.utf8), contentType: "application/zpl; charset=utf-8", filename: "\(name).zpl")
        } catch {
            return ProblemDetails(
                type: ProblemDetails.Types.documentUnavailable,
                title: "Label not available",
                status: 409,
                detail: error.description,
                instance: request.uri.path
            ).response
        }
    }

    private static func notFound(_ taskId: String, _ request: Request) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.notFound,
            title: "Unknown shipment",
            status: 404,
            detail: "No pick task (shipment) with id '\(taskId)'.",
            instance: request.uri.path
        ).response
    }

    static func wantsPDF(_ request: Request) -> Bool {
        request.headers[.accept]?.lowercased().contains("application/pdf") == true
    }

    static func respond(_ bytes: [UInt8], contentType: String, filename: String?) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let filename {
            headers[.contentDisposition] = "inline; filename=\"\(filename)\""
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension ProblemDetails.Types {
    /// A shipment document that cannot be made yet, e.g. a label before the parcel has a tracking number (409).
    public static let documentUnavailable = "https://kontor.dev/problems/document-unavailable"
}
