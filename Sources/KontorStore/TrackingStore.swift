import KontorModel

/// What carrier tracking and delay detection keep: the shipments and parcels they follow, scans that came before
/// their shipment, the delays already announced, and the flags the read model shows on orders.
///
/// Tracking numbers are unique across carriers here (a scan is matched by its tracking number alone).
public protocol TrackingStore: Sendable {
    /// Inserts or replaces the shipment with `shipment.taskID`.
    func saveShipment(_ shipment: TrackedShipment) async throws

    /// The shipment with this task id.
    func shipment(taskID: String) async throws -> TrackedShipment?

    /// The order's shipments, oldest first.
    func shipments(orderID: OrderID) async throws -> [TrackedShipment]

    /// Shipments not settled yet (not every parcel delivered or returned), oldest first: what delay detection
    /// looks at.
    func unsettledShipments(limit: Int) async throws -> [TrackedShipment]

    /// Inserts or replaces the parcel with `parcel.trackingNumber`.
    func saveParcel(_ parcel: TrackedParcel) async throws

    /// The parcel with this tracking number.
    func parcel(trackingNumber: String) async throws -> TrackedParcel?

    /// The order's parcels, by shipment then tracking number.
    func parcels(orderID: OrderID) async throws -> [TrackedParcel]

    /// Keeps a scan for a tracking number not known yet (once per event id).
    func savePendingScan(_ scan: PendingScan) async throws

    /// The scans kept for `trackingNumber`, oldest first.
    func pendingScans(trackingNumber: String) async throws -> [PendingScan]

    /// Forgets the scans kept for `trackingNumber`.
    func deletePendingScans(trackingNumber: String) async throws

    /// Records that the delay of `orderID` for `cause` was announced; false when it already was.
    func recordDelay(orderID: OrderID, cause: DelayCause, eventID: String, at: Timestamp) async throws -> Bool

    /// The causes announced for the order.
    func delayCauses(orderID: OrderID) async throws -> [DelayCause]

    /// Sets (or replaces) a flag on an order.
    func setFlag(_ flag: OrderFlag) async throws

    /// The order's flags, by name.
    func flags(orderID: OrderID) async throws -> [OrderFlag]
}
