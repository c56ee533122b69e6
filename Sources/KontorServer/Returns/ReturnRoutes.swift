import Foundation
import Hummingbird
import KontorConnectors
import KontorModel
import KontorStore

/// The returns API:
/// - `POST /v1/orders/{id}/returns` (`operate`): create an RMA (see ``ReturnAuthorization``).
/// - `GET /v1/returns?orderId=&status=&limit=`: RMAs, newest first.
/// - `GET /v1/returns/{rma}`: one RMA with its label data and receipts.
/// - `GET /v1/returns/{rma}/label` (`.pdf`): the return label (see ``ReturnLabelRoutes``).
/// - `POST /v1/returns/{rma}/receipt` (`ingest`, for a WMS): returned goods arrived (see ``ReturnReceiptIntake``).
/// - `GET /v1/quarantine?locationId=`: damaged and defective returns kept out of sellable stock.
enum ReturnRoutes {
    /// `/kontor/api/returns`: events published by these routes.
    static let source = EventSource("/kontor/api/returns")

    /// The largest body read: a return names a few lines.
    static let maxBodyBytes = 64 * 1024

    static func add(_ api: ReturnAPI, to router: Router<BasicRequestContext>) {
        let authorization = ReturnAuthorization(api: api)
        let intake = ReturnReceiptIntake(api: api)
        ReturnLabelRoutes.add(api, to: router)
        router.post("/v1/orders/:id/returns") { request, context in
            let orderID = OrderID(context.parameters.decoded("id"))
            let example =
                #"{"lines": [{"lineNumber": "1", "quantity": 1, "reason": "damaged"}], "resolution": "refund"}"#
            switch await JSONObjectBody.read(request, limit: maxBodyBytes, example: example) {
            case .refused(let problem): return problem.response
            case .object(let object):
                return try await authorization.create(
                    orderID: orderID,
                    body: object,
                    request: request,
                    actor: OrderRoutes.actor(request)
                )
            }
        }
        router.get("/v1/returns") { request, _ in
            try await list(request, api: api)
        }
        router.get("/v1/returns/:rma") { request, context in
            let rmaNumber = context.parameters.decoded("rma")
            guard let rma = try await api.store.returnAuthorization(rmaNumber: rmaNumber) else {
                return ReturnProblems.unknownRMA(rmaNumber, instance: request.uri.path)
            }
            let receipts = try await api.store.returnReceipts(rmaNumber: rmaNumber)
            let order = try await api.store.order(id: rma.orderID).flatMap {
                try? CanonicalJSON.decodeOrder(from: $0.orderJSON)
            }
            let location = try await rma.returnLocationID.asyncFlatMap { try await api.store.location(id: $0) }
            return OrderViews.response(
                .ok,
                ReturnViews.detail(rma, receipts: receipts, shipFrom: order?.shipTo, shipTo: location?.address)
            )
        }
        router.post("/v1/returns/:rma/receipt") { request, context in
            let rmaNumber = context.parameters.decoded("rma")
            let example =
                #"{"locationId": "WH-1", "lines": [{"lineNumber": "1", "quantity": 1, "condition": "resalable"}]}"#
            let instance = request.uri.path
            guard let buffer = try? await request.body.collect(upTo: maxBodyBytes) else {
                return ProblemDetails(
                    type: ProblemDetails.Types.payloadTooLarge,
                    title: "Payload too large",
                    status: 413,
                    detail: "The body is at most \(maxBodyBytes) bytes.",
                    instance: instance
                ).response
            }
            // The raw bytes are kept (not only the parsed object) so that a refused receipt can be quarantined.
            let raw = Array(buffer.readableBytesView)
            let parsed = raw.isEmpty ? [:] : try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any]
            guard let object = parsed else {
                let quarantineID = await api.quarantine?.keep(
                    raw,
                    reason: "return receipt for \(rmaNumber): not a JSON object",
                    field: nil,
                    source: "http-returns",
                    contentType: request.headers[.contentType]
                )
                return ProblemDetails(
                    type: ProblemDetails.Types.malformedJSON,
                    title: "Malformed JSON",
                    status: 400,
                    detail: "The body must be a JSON object such as \(example).",
                    instance: instance,
                    quarantineId: quarantineID
                ).response
            }
            return try await intake.receive(rmaNumber: rmaNumber, body: object, raw: raw, request: request)
        }
        router.get("/v1/quarantine") { request, _ in
            let locationID = request.uri.queryParameters.get("locationId").flatMap { $0.isEmpty ? nil : $0 }
            let stock = try await api.store.quarantineStock(locationID: locationID)
            return OrderViews.response(
                .ok,
                [
                    "quarantine": stock.map {
                        ["locationId": $0.locationID, "sku": $0.sku, "quantity": $0.quantity] as [String: Any]
                    }
                ]
            )
        }
    }

    /// `{returns: [...]}`, filtered by `orderId` and `status`, at most `limit` (1–500, default 100).
    static func list(_ request: Request, api: ReturnAPI) async throws -> Response {
        let instance = request.uri.path
        let query = request.uri.queryParameters
        for parameter in query where !["orderId", "status", "limit"].contains(String(parameter.key)) {
            let name = String(parameter.key)
            return OrderRoutes.invalid(name, "unknown parameter (orderId, status, limit)", instance: instance)
        }
        var status: ReturnStatus?
        if let text = query.get("status"), !text.isEmpty {
            guard let parsed = ReturnStatus(rawValue: text) else {
                return OrderRoutes.invalid(
                    "status",
                    "'\(text)' is not one of \(ReturnStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                    instance: instance
                )
            }
            status = parsed
        }
        var limit = 100
        if let text = query.get("limit") {
            guard let parsed = Int(text), (1...500).contains(parsed) else {
                return OrderRoutes.invalid("limit", "a whole number from 1 to 500", instance: instance)
            }
            limit = parsed
        }
        let orderID = query.get("orderId").flatMap { $0.isEmpty ? nil : OrderID($0) }
        let records = try await api.store.returnAuthorizations(orderID: orderID, status: status, limit: limit)
        return OrderViews.response(.ok, ["returns": records.map { ReturnViews.summary($0) }])
    }
}
