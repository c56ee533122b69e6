import Foundation
import KontorShipping
import KontorStore
import KontorWorkers

/// Carrier selection and label booking for the fulfillment stage, from the rate table at `shipping.rates`. Without
/// that file, tasks go out without a carrier and no labels are booked.
enum ShippingSetup {
    /// The chooser and booker over the configured rate table, or nils when there is no table.
    /// - Throws: ``CarrierRateTableError`` naming the file and YAML path when the table is invalid.
    static func make(
        store: any KontorStoreBackend,
        configuration: KontorConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (carriers: (any CarrierChoosing)?, labels: (any ShipmentLabelBooking)?) {
        let path = configuration.shippingRatesPath
        guard FileManager.default.fileExists(atPath: path) else { return (nil, nil) }
        let table = try CarrierRateTableLoader.load(path: path)
        let weight = configuration.shippingDefaultPieceWeightGrams
        return (
            RateTableCarrierChooser(table: table, store: store, defaultPieceWeightGrams: weight),
            CarrierLabelBooker(table: table, store: store, defaultPieceWeightGrams: weight, environment: environment)
        )
    }
}
