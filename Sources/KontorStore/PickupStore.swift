import KontorModel

/// Carrier pickups Kontor books, one per shipping location, carrier and day (``PickupRecord``), and the labelled
/// parcels they collect.
public protocol PickupStore: Sendable {
    /// The parcels of labels Kontor booked with `carrier` for tasks picked at `locationID`, booked in
    /// `[from, until)`, in booking order.
    func labelledParcels(locationID: String, carrier: String, bookedFrom from: Timestamp, until: Timestamp)
        async throws -> [LabelledParcel]

    /// Claims the pickup `key` for one carrier call, atomically across processes: creates it, or takes it over
    /// when it is ``PickupRecord/State/retrying`` or its claim expired (a crashed holder), with `parcels`, a new
    /// attempt and the claim until `claimedUntil`. Returns the claimed record, or `nil` when the pickup is
    /// scheduled, failed, or claimed by someone else.
    func claimPickup(
        _ key: PickupKey,
        parcels: [LabelledParcel],
        claimID: String,
        at now: Timestamp,
        claimedUntil: Timestamp
    ) async throws -> PickupRecord?

    /// Records how the call of the claim `claimID` ended. Returns the record, or `nil` when that claim is no longer
    /// held (it expired and another instance took it over).
    @discardableResult
    func settlePickup(_ key: PickupKey, claimID: String, outcome: PickupOutcome, at now: Timestamp) async throws
        -> PickupRecord?

    /// Marks the scheduled pickup's event as published.
    func markPickupPublished(_ key: PickupKey, at now: Timestamp) async throws

    /// The pickups matching `query`, newest day first, then by location and carrier.
    func pickups(_ query: PickupQuery) async throws -> [PickupRecord]
}
