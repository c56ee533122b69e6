import Hummingbird
import KontorModel
import KontorShipping
import KontorStore

/// The return label of an RMA, read scope: `GET /v1/returns/{rma}/label` (ZPL; PDF with `Accept: application/pdf`)
/// and `GET /v1/returns/{rma}/label.pdf`. Rendered by ``ShippingLabel`` from the RMA's label data: its carrier and
/// return tracking number, the customer (the order's ship-to) as sender, the return location as recipient.
///
/// 404 for an unknown RMA; 409 when the label cannot be made (no return location, order not in the read model, a
/// tracking number Code 128 cannot carry).
enum ReturnLabelRoutes {
    static func add(_ api: ReturnAPI, to router: Router<BasicRequestContext>) {
        router.get("/v1/returns/:rma/label") { request, context in
            try await label(request, context, api, pdf: ShipmentDocumentRoutes.wantsPDF(request))
        }
        router.get("/v1/returns/:rma/label.pdf") { request, context in
            try await label(request, context, api, pdf: true)
        }
    }

    private static func label(
        _ request: Request,
        _ context: BasicRequestContext,
        _ api: ReturnAPI,
        pdf: Bool
    ) async throws -> Response {
        let rmaNumber = context.parameters.decoded("rma")
        guard let rma = try await api.store.returnAuthorization(rmaNumber: rmaNumber) else {
            return ReturnProblems.unknownRMA(rmaNumber, instance: request.uri.path)
        }
        let unavailable = { (detail: String) in
            ProblemDetails(
                type: ProblemDetails.Types.documentUnavailable,
                title: "Return label not available",
                status: 409,
                detail: "RMA \(rmaNumber): \(detail)",
                instance: request.uri.path
            ).response
        }
        guard let locationID = rma.returnLocationID, let location = try await api.store.location(id: locationID)
        else {
            return unavailable("no return location (returnLocationId \(rma.returnLocationID ?? "null"))")
        }
        guard
            let order = try await api.store.order(id: rma.orderID).flatMap({
                try? CanonicalJSON.decodeOrder(from: $0.orderJSON)
            })
        else {
            return unavailable("order \(rma.orderID) is not in the read model")
        }
        let label = ShippingLabel(Self.document(rma, order: order, returnTo: location))
        let name = "return-label-\(rma.rmaNumber)"
        do {
            if pdf {
                return ShipmentDocumentRoutes.respond(
                    try label.pdf(),
                    contentType: "application/pdf",
                    filename: "\(name).pdf"
                )
            }
            return ShipmentDocumentRoutes.respond(
                Array(try label.zpl().utf8),
                contentType: "application/zpl; charset=utf-8",
                filename: "\(name).zpl"
            )
        } catch {
            return unavailable(error.message)
        }
    }

    /// The RMA as a one-parcel shipment from the customer to the return location.
    static func document(_ rma: ReturnRecord, order: CanonicalOrder, returnTo location: Location) -> ShipmentDocument {
        let task = PickTask(
            taskId: rma.rmaNumber,
            orderId: rma.orderID,
            orderNumber: order.orderNumber,
            channel: order.channel,
            locationId: location.id,
            method: "return",
            lines: rma.lines.map { PickTaskLine(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity) },
            shipTo: location.address,
            carrier: rma.returnCarrier,
            createdAt: rma.authorizedAt
        )
        return ShipmentDocument(
            task: task,
            parcels: [Parcel(trackingNumber: rma.returnTrackingNumber)],
            shipFrom: order.shipTo
        )
    }
}
