import KontorModel

/// Shipping labels Kontor booked with a carrier, per pick task (see ``ShipmentLabels``).
public protocol ShipmentLabelStore: Sendable {
    /// Keeps `labels` and writes their tracking numbers onto the task's parcels, in one transaction. When labels
    /// are kept for the task already, nothing changes and the kept ones are returned (a task is booked once).
    ///
    /// - Throws: ``StoreError/notFound(kind:id:)`` for an unknown task.
    @discardableResult
    func saveShipmentLabels(_ labels: ShipmentLabels) async throws -> ShipmentLabels

    /// The labels kept for the task, if any.
    func shipmentLabels(taskID: String) async throws -> ShipmentLabels?
}
