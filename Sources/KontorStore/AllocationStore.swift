import KontorModel

/// What the allocation stage keeps besides inventory: its record of every allocated order (the backorder queue
/// among them), additional reservations for re-allocated orders, and the stock journal that tells it when stock
/// changed.
public protocol AllocationStore: Sendable {
    /// Inserts or replaces the order's allocation record (and the SKUs it waits for) in one transaction.
    func saveAllocation(_ record: AllocationRecord) async throws

    /// The order's allocation record.
    func allocation(orderID: OrderID) async throws -> AllocationRecord?

    /// Backordered orders waiting for `sku`, in the order they are served: priority (lower first), then received
    /// time (older first), then order id.
    func backorders(wanting sku: String) async throws -> [AllocationRecord]

    /// The orders whose last allocation event `causeID` caused, in the order ``backorders(wanting:)`` serves them.
    func allocations(lastCausedBy causeID: String) async throws -> [AllocationRecord]

    /// Forgets the order's allocation record (e.g. when the order is cancelled).
    func deleteAllocation(orderID: OrderID) async throws

    /// Reserves every line or none, like ``InventoryStore/reserve(orderID:lines:capacityDate:)``, but in addition
    /// to the reservations the order already holds; returns all of the order's active reservations when reserved.
    func addReservations(orderID: OrderID, lines: [ReservationRequest], capacityDate: KontorDate?) async throws
        -> ReservationOutcome

    /// Journal entries with a sequence above `sequence`, in sequence order, at most `limit`. Entries become visible
    /// in sequence order (a reader never sees a higher sequence before a lower one is committed).
    func stockJournal(after sequence: Int, limit: Int) async throws -> [StockJournalEntry]
}
