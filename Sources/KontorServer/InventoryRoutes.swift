import Foundation
import Hummingbird
import KontorModel
import KontorStore

/// `GET /v1/inventory/{sku}`: available-to-promise of one SKU per location (on hand − reserved − safety stock),
/// with the total. 404 for a SKU that is neither in the catalog nor stocked anywhere.
enum InventoryRoutes {
    static func add(_ store: any CatalogStore & InventoryStore, to router: Router<BasicRequestContext>) {
        router.get("/v1/inventory/:sku") { request, context in
            let sku = context.parameters.decoded("sku")
            let product = try await store.product(sku: sku)
            let levels = try await store.stockLevels(skus: [sku], locationIDs: nil)
            guard product != nil || !levels.isEmpty else {
                return ProblemDetails(
                    type: ProblemDetails.Types.notFound,
                    title: "Unknown SKU",
                    status: 404,
                    detail: "No product or stock with SKU '\(sku)'.",
                    instance: request.uri.path
                ).response
            }
            var body: [String: any Sendable] = [
                "sku": sku,
                "available": levels.reduce(0) { $0 + $1.available },
                "locations": levels.map { level -> [String: any Sendable] in
                    [
                        "locationId": level.locationID, "onHand": level.onHand, "reserved": level.reserved,
                        "safetyStock": level.safetyStock, "available": level.available,
                    ]
                },
            ]
            if let product {
                body["description"] = product.description
                body["gtin"] = product.gtin?.rawValue
            }
            return KontorRouter.jsonResponse(.ok, body)
        }
    }
}
