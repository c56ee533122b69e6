import KontorAllocation
import KontorModel
import KontorStore

/// What the planner needs from the store, read fresh for every attempt: active locations with today's remaining
/// capacity, available-to-promise stock and inbound supply of the wanted SKUs.
struct AllocationInputs: Sendable {
    var candidates: [CandidateLocation]
    var availability: [String: [String: Int]]
    var inbound: [String: [InboundSupply]]

    static func load(
        skus: [String],
        day: KontorDate,
        from store: any InventoryStore & LocationStore
    ) async throws -> AllocationInputs {
        var candidates: [CandidateLocation] = []
        for location in try await store.locations(activeOnly: true) {
            var remaining = Int.max
            if let capacity = location.dailyCapacity {
                remaining = max(0, capacity - (try await store.capacityUsage(locationID: location.id, date: day)))
            }
            candidates.append(
                CandidateLocation(
                    id: location.id,
                    name: location.name,
                    kind: location.kind == .store ? .store : .warehouse,
                    country: location.address.country,
                    postalCode: location.address.postalCode ?? "",
                    coordinate: location.latitude.flatMap { latitude in
                        location.longitude.map { GeoCoordinate(latitude: latitude, longitude: $0) }
                    },
                    canShip: location.canShip,
                    canPickup: location.canPickup,
                    remainingDailyCapacity: remaining
                )
            )
        }
        let active = Set(candidates.map(\.id))
        var availability: [String: [String: Int]] = [:]
        for level in try await store.stockLevels(skus: skus, locationIDs: nil) where active.contains(level.locationID) {
            availability[level.sku, default: [:]][level.locationID] = level.available
        }
        var inbound: [String: [InboundSupply]] = [:]
        for entry in try await store.inbound(skus: skus) {
            inbound[entry.sku, default: []].append(
                InboundSupply(locationID: entry.locationID, quantity: entry.quantity, eta: entry.eta)
            )
        }
        return AllocationInputs(candidates: candidates, availability: availability, inbound: inbound)
    }
}
