import Foundation
import KontorKafka
import KontorShipping
import KontorStore
import Logging

extension ShippingSetup {
    /// The pickup service over the rate table at `shipping.rates`, when `shipping.pickups.enabled` is set; `nil`
    /// when it is not or there is no table.
    /// - Throws: ``CarrierRateTableError`` naming the file and YAML path when the table is invalid.
    static func pickupService(
        store: any KontorStoreBackend,
        producer: KafkaProducer,
        configuration: KontorConfiguration,
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PickupService? {
        let path = configuration.shippingRatesPath
        guard configuration.pickups.enabled, FileManager.default.fileExists(atPath: path) else { return nil }
        let scheduler = PickupScheduler(
            table: try CarrierRateTableLoader.load(path: path),
            store: store,
            settings: configuration.pickups,
            producer: producer,
            environment: environment,
            logger: logger
        )
        return PickupService(scheduler: scheduler, interval: configuration.pickups.checkInterval, logger: logger)
    }
}
