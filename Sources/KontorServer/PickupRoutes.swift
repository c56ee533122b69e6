import Foundation
import Hummingbird
import KontorModel
import KontorStore

/// Carrier pickups for ops, read scope:
/// - `GET /v1/pickups`: the pickups Kontor booked, newest day first, then by location and carrier; filters `date`
///   (`YYYY-MM-DD`), `location` and `carrier`, `limit` (1...1000, default 200). Each with its state (`booking`,
///   `retrying`, `scheduled`, `failed`), the carrier's pickup id, the parcels, attempts and the carrier's error.
enum PickupRoutes {
    static func add(_ store: any PickupStore, to router: Router<BasicRequestContext>) {
        router.get("/v1/pickups") { request, _ in
            try await list(request, store: store)
        }
    }

    private static func list(_ request: Request, store: any PickupStore) async throws -> Response {
        let parameters = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) },
            uniquingKeysWith: { first, _ in first }
        )
        var query = PickupQuery(
            locationID: parameters["location"].flatMap { $0.isEmpty ? nil : $0 },
            carrier: parameters["carrier"].flatMap { $0.isEmpty ? nil : $0.lowercased() },
            limit: 200
        )
        if let text = parameters["date"], !text.isEmpty {
            guard let date = KontorDate(rawValue: text), date.isDateOnly else {
                return OrderRoutes.invalid("date", "'\(text)' is not a date YYYY-MM-DD", instance: request.uri.path)
            }
            query.date = date
        }
        if let text = parameters["limit"] {
            guard let limit = Int(text), (1...1000).contains(limit) else {
                return OrderRoutes.invalid("limit", "'\(text)' is not a number in 1...1000", instance: request.uri.path)
            }
            query.limit = limit
        }
        let pickups = try await store.pickups(query)
        return OrderViews.response(.ok, ["pickups": pickups.map(json)])
    }

    /// One pickup as JSON; absent values are `null`.
    static func json(_ pickup: PickupRecord) -> [String: Any] {
        [
            "reference": pickup.reference,
            "locationId": pickup.key.locationID,
            "carrier": pickup.key.carrier,
            "date": pickup.key.date.rawValue,
            "state": pickup.state.rawValue,
            "carrierPickupId": pickup.carrierPickupID ?? NSNull(),
            "parcels": pickup.parcels.map { parcel -> [String: Any] in
                ["trackingNumber": parcel.trackingNumber, "weightGrams": parcel.weightGrams ?? NSNull()]
            },
            "totalWeightGrams": pickup.totalWeightGrams,
            "error": pickup.error ?? NSNull(),
            "attempts": pickup.attempts,
            "updatedAt": pickup.updatedAt.rfc3339String,
            "published": pickup.publishedAt != nil,
        ]
    }
}
