import KontorAllocation
import KontorModel
import KontorShipping
import KontorStore
import KontorWorkers

/// Chooses the carrier service of a new pick task with ``CarrierSelector`` over the rate table: from the picking
/// location's country to the ship-to address, by the promised date, for one parcel whose weight is estimated from
/// the catalog's unit weights (a default per piece for SKUs without one), ready when the task is made.
///
/// Pickup tasks get no carrier. An order that names a carrier the table knows is limited to that carrier's services.
/// When no service can carry the parcel, the task goes out without a carrier (the warehouse chooses).
public struct RateTableCarrierChooser: CarrierChoosing {
    /// Locations (the origin) and the catalog (unit weights).
    public typealias Store = LocationStore & CatalogStore

    private let table: CarrierRateTable
    private let store: any Store
    private let defaultPieceWeightGrams: Int

    /// A chooser over `table`.
    public init(table: CarrierRateTable, store: any Store, defaultPieceWeightGrams: Int) {
        self.table = table
        self.store = store
        self.defaultPieceWeightGrams = defaultPieceWeightGrams
    }

    public func chooseCarrier(for task: PickTask, of order: CanonicalOrder) async throws -> KontorWorkers.CarrierChoice?
    {
        guard task.method != FulfilmentMethod.pickup.rawValue,
            let location = try await store.location(id: task.locationId)
        else { return nil }
        let products = try await store.products(skus: task.lines.map(\.sku))
        let unitWeights = Dictionary(
            products.compactMap { product in product.weightGrams.map { (product.sku, $0) } },
            uniquingKeysWith: { first, _ in first }
        )
        let request = ShipmentRequest(
            origin: location.address.country,
            destinationCountry: task.shipTo.country,
            destinationPostalCode: task.shipTo.postalCode,
            promisedDate: task.promisedDate,
            // The task's time, not the clock: the same allocation always yields the same choice.
            readyAt: task.createdAt,
            parcels: ShipmentEstimate.parcels(
                for: task,
                unitWeights: unitWeights,
                defaultPieceWeightGrams: defaultPieceWeightGrams
            )
        )
        let decision = CarrierSelector(table: tableFor(order)).select(request)
        guard let chosen = decision.chosen else { return nil }
        return KontorWorkers.CarrierChoice(
            carrier: chosen.carrier,
            service: chosen.service,
            selection: CarrierSelectionNote(
                summary: decision.summary,
                price: chosen.price,
                estimatedDelivery: chosen.estimatedDelivery,
                missesPromisedDate: decision.missesPromisedDate,
                candidates: decision.candidates.map {
                    "\($0.carrier)/\($0.service): \($0.reasons.joined(separator: "; "))"
                }
            )
        )
    }

    /// The table, narrowed to the carrier the order asks for when the table has it.
    private func tableFor(_ order: CanonicalOrder) -> CarrierRateTable {
        guard let wanted = order.delivery?.carrier, let carrier = table.carrier(wanted) else { return table }
        return CarrierRateTable(timeZone: table.timeZone, carriers: [carrier])
    }
}
