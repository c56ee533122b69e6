import KontorModel
import KontorStore

/// Books shipping labels with the carrier for a packed pick task whose service Kontor prints labels for
/// ("self-printed"). The fulfillment stage calls it when a `packed` confirmation leaves parcels without tracking
/// numbers, and keeps what it returns (``ShipmentLabelStore``).
public protocol ShipmentLabelBooking: Sendable {
    /// The labels for `task`'s parcels, or nil when Kontor does not book for its service (the warehouse prints, or no
    /// carrier API is configured).
    ///
    /// - Throws: a ``StageError`` that is not retriable when the carrier refuses the shipment for good; any other
    ///   error is retried by the runtime (the carrier API deduplicates by the task id as idempotency key).
    func bookLabels(for task: PickTaskRecord) async throws -> ShipmentLabels?
}
