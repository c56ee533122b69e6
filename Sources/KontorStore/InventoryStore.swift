import KontorModel

/// Stock per SKU and location, inbound stock, reservations and locations' daily order capacity.
///
/// Reservations are atomic across processes sharing the store: two workers reserving the last unit at once never
/// both get it, and a multi-line reservation is all or nothing.
public protocol InventoryStore: Sendable {
    /// Stores counted stock (on hand and safety stock), leaving reservations alone, all in one transaction.
    func setStock(_ counts: [StockCount]) async throws

    /// Adds `delta` (negative to take away) to the units on hand, e.g. for a goods receipt or a write-off; creates
    /// the stock level when missing. Refuses to take on hand below zero.
    @discardableResult
    func adjustOnHand(sku: String, locationID: String, by delta: Int) async throws -> StockLevel

    /// The stock levels of these SKUs at every location (or only at `locationIDs`), ordered by SKU then location.
    func stockLevels(skus: [String], locationIDs: [String]?) async throws -> [StockLevel]

    /// Units of `sku` available to promise at `locationID`: on hand − reserved − safety stock, at least 0.
    func availableToPromise(sku: String, locationID: String) async throws -> Int

    /// Inserts or replaces inbound stock by (reference, SKU, location), all in one transaction.
    func upsertInbound(_ entries: [InboundStock]) async throws

    /// Inbound stock of these SKUs, ordered by arrival date.
    func inbound(skus: [String]) async throws -> [InboundStock]

    /// Reserves every line or none, atomically against concurrent reservers (in this and other processes).
    ///
    /// With a `capacityDate`, the order also takes one of each used location's daily capacity on that date (once
    /// per order and location); a location whose day is full refuses the whole reservation.
    /// Calling again for an order that already holds exactly these lines returns its reservations unchanged (a
    /// redelivered event has no second effect); other active reservations of the order throw
    /// ``StoreError/conflictingReservation(orderID:)``.
    func reserve(orderID: OrderID, lines: [ReservationRequest], capacityDate: KontorDate?) async throws
        -> ReservationOutcome

    /// Releases the order's active reservations (the units become available again) and gives back its capacity
    /// claims; returns what was released.
    @discardableResult
    func releaseReservations(orderID: OrderID) async throws -> [Reservation]

    /// Marks the order's active reservations as shipped: on hand and reserved both go down by their quantities;
    /// returns what was consumed.
    @discardableResult
    func consumeReservations(orderID: OrderID) async throws -> [Reservation]

    /// The order's reservations in every status, ordered by line number and location.
    func reservations(orderID: OrderID) async throws -> [Reservation]

    /// How many orders hold capacity at the location on the date.
    func capacityUsage(locationID: String, date: KontorDate) async throws -> Int
}
