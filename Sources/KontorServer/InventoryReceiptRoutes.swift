import Foundation
import Hummingbird
import KontorStore
import NIOCore

/// `POST /v1/inventory/{sku}/receipts` with `{"locationId": "...", "quantity": 5}`: a goods receipt adds the units
/// to on hand at the location and answers the new stock level. The store's stock journal records it, so backordered
/// orders waiting for the SKU are allocated again. 400 for a body that is not a JSON object, 422 naming the field
/// for a missing location or a quantity that is not a whole number of at least 1, 404 for an unknown location.
enum InventoryReceiptRoutes {
    /// The largest body accepted: a receipt is a few dozen bytes.
    static let maxBodyBytes = 16 * 1024

    static func add(_ store: any InventoryStore & LocationStore, to router: Router<BasicRequestContext>) {
        router.post("/v1/inventory/:sku/receipts") { request, context in
            let sku = context.parameters.decoded("sku")
            let instance = request.uri.path
            let body = try await request.body.collect(upTo: maxBodyBytes)
            let data = Data(Array(buffer: body))
            guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
                return problem(
                    400,
                    ProblemDetails.Types.malformedJSON,
                    "Malformed JSON",
                    "The body is not a JSON object.",
                    instance
                )
            }
            let receipt: Receipt
            do {
                receipt = try JSONDecoder().decode(Receipt.self, from: data)
            } catch {
                let field = Self.field(of: error) ?? "quantity"
                return invalid(
                    "\(field): has the wrong type; locationId is a string, quantity a whole number.",
                    field,
                    instance
                )
            }
            guard let locationID = receipt.locationId, !locationID.isEmpty else {
                return invalid("locationId: a location id is required.", "locationId", instance)
            }
            guard let quantity = receipt.quantity, quantity >= 1 else {
                return invalid("quantity: a whole number of units, at least 1, is required.", "quantity", instance)
            }
            guard try await store.location(id: locationID) != nil else {
                return problem(
                    404,
                    ProblemDetails.Types.notFound,
                    "Unknown location",
                    "No location with id '\(locationID)'.",
                    instance,
                    field: "locationId"
                )
            }
            let level = try await store.adjustOnHand(sku: sku, locationID: locationID, by: quantity)
            return KontorRouter.jsonResponse(
                .ok,
                [
                    "sku": level.sku, "locationId": level.locationID, "onHand": level.onHand,
                    "reserved": level.reserved, "safetyStock": level.safetyStock, "available": level.available,
                ]
            )
        }
    }

    /// The body: both fields optional here, so that a missing one is reported by name.
    private struct Receipt: Decodable {
        var locationId: String?
        var quantity: Int?
    }

    /// The field a decoding error is about.
    private static func field(of error: any Error) -> String? {
        guard let error = error as? DecodingError else { return nil }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.codingPath.first?.stringValue
        case .keyNotFound(let key, _):
            return key.stringValue
        @unknown default:
            return nil
        }
    }

    private static func invalid(_ detail: String, _ field: String, _ instance: String) -> Response {
        problem(422, ProblemDetails.Types.schemaViolation, "Invalid receipt", detail, instance, field: field)
    }

    private static func problem(
        _ status: Int,
        _ type: String,
        _ title: String,
        _ detail: String,
        _ instance: String,
        field: String? = nil
    ) -> Response {
        ProblemDetails(type: type, title: title, status: status, detail: detail, instance: instance, field: field)
            .response
    }
}
