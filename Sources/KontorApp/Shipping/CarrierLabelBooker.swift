import Foundation
import KontorModel
import KontorShipping
import KontorStore
import KontorWorkers

/// Books the labels of a packed pick task over the carrier's API (``CarrierConnector``) when its service prints
/// labels in Kontor (`labels: kontor` in the rate table) and the carrier has an `api` whose token (`api.tokenEnv`) is
/// set; otherwise books nothing, and the warehouse's tracking numbers are used. (The shipped rate table names APIs on
/// localhost: without a carrier account's token, `kontor run` must not try to book there.)
///
/// Sends the task's packed parcels (one estimated parcel when the warehouse reported none), the picking location as
/// sender, and the task id as reference and `Idempotency-Key`. A carrier that refuses the shipment (4xx) is a
/// permanent failure (the confirmation goes to the dead-letter topic with the carrier's message); an unreachable one
/// is retried.
public struct CarrierLabelBooker: ShipmentLabelBooking {
    /// Locations (the sender) and the catalog (unit weights for an unpacked estimate).
    public typealias Store = LocationStore & CatalogStore

    private let table: CarrierRateTable
    private let store: any Store
    private let defaultPieceWeightGrams: Int
    private let format: LabelFormat
    private let environment: [String: String]
    private let maxAttempts: Int
    private let backoff: Duration

    /// A booker over `table`'s carrier APIs.
    /// - Parameters:
    ///   - format: The label format asked of the carrier.
    ///   - environment: Where the carriers' tokens are read (`api.tokenEnv`).
    ///   - maxAttempts: Attempts per booking request before the stage's own retries.
    public init(
        table: CarrierRateTable,
        store: any Store,
        defaultPieceWeightGrams: Int,
        format: LabelFormat = .zpl,
        environment: [String: String],
        maxAttempts: Int = 3,
        backoff: Duration = .milliseconds(500)
    ) {
        self.table = table
        self.store = store
        self.defaultPieceWeightGrams = defaultPieceWeightGrams
        self.format = format
        self.environment = environment
        self.maxAttempts = maxAttempts
        self.backoff = backoff
    }

    public func bookLabels(for task: PickTaskRecord) async throws -> ShipmentLabels? {
        guard let carrierID = task.carrier, let serviceID = task.carrierService,
            let carrier = table.carrier(carrierID),
            carrier.services.first(where: { $0.id == serviceID })?.labels == .kontor,
            let connector = CarrierAPIAccess.connector(
                for: carrier,
                environment: environment,
                maxAttempts: maxAttempts,
                backoff: backoff
            )
        else { return nil }
        guard let location = try await store.location(id: task.locationID) else {
            throw StageError.schemaViolation("pick task \(task.taskID): unknown location \(task.locationID)")
        }
        let request = LabelBookingRequest(
            reference: task.taskID,
            service: serviceID,
            shipFrom: location.address,
            shipTo: task.task.shipTo,
            parcels: try await parcels(of: task),
            format: format
        )
        let booked: BookedLabels
        do {
            booked = try await connector.bookLabels(request)
        } catch {
            switch error.kind {
            case .unavailable, .malformedResponse:
                throw StageError.transient(error.description)
            default:
                throw StageError(.carrierRejected, error.description, isRetriable: false)
            }
        }
        return ShipmentLabels(
            taskID: task.taskID,
            carrier: carrierID,
            service: serviceID,
            shipmentID: booked.shipmentId,
            format: booked.format.rawValue,
            labels: booked.parcels.map { .init(trackingNumber: $0.trackingNumber, label: Data($0.label)) },
            bookedAt: .now()
        )
    }

    /// The packed parcels, else one parcel weighed from the catalog.
    private func parcels(of task: PickTaskRecord) async throws -> [Parcel] {
        if !task.parcels.isEmpty { return task.parcels }
        let products = try await store.products(skus: task.task.lines.map(\.sku))
        let estimate = ShipmentEstimate.parcels(
            for: task.task,
            unitWeights: Dictionary(
                products.compactMap { product in product.weightGrams.map { (product.sku, $0) } },
                uniquingKeysWith: { first, _ in first }
            ),
            defaultPieceWeightGrams: defaultPieceWeightGrams
        )
        return estimate.map { Parcel(weightGrams: $0.weightGrams) }
    }
}

extension StageError.ErrorClass {
    /// The carrier refused a label booking (4xx) or cannot be asked (no usable API): trying again will not help.
    public static let carrierRejected = Self(rawValue: "carrier-rejected")
}
