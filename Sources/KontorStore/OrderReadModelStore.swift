import KontorModel

/// The orders' read model: one record per order, its timeline, search and counts.
public protocol OrderReadModelStore: Sendable {
    /// Saves `record` if the stored version is `expectedVersion` (`nil`: the order must be new), and returns it with
    /// its new version. Throws ``StoreError/versionConflict(orderID:expected:actual:)`` otherwise.
    func saveOrder(_ record: OrderRecord, expectedVersion: Int?) async throws -> OrderRecord

    /// The order's record.
    func order(id: OrderID) async throws -> OrderRecord?

    /// Appends entries to their orders' timelines, skipping event ids an order's timeline already holds; returns
    /// the entries appended, with their sequence numbers.
    @discardableResult
    func appendTimeline(_ entries: [TimelineEntry]) async throws -> [TimelineEntry]

    /// The order's timeline in sequence order.
    func timeline(orderID: OrderID) async throws -> [TimelineEntry]

    /// One page of the orders matching `query`, newest first.
    func searchOrders(_ query: OrderQuery) async throws -> OrderPage

    /// Counts of the orders matching `query`'s filters (its status and channel filters included; paging ignored).
    func orderCounts(_ query: OrderQuery) async throws -> OrderCounts

    /// How many orders have a timeline entry of `eventType` (e.g. `order.received`) in each slot of
    /// `slotMicroseconds` (positive) from `from` up to `before`: slot number (0 starts at `from`) → distinct orders;
    /// empty slots are left out.
    func timelineCounts(eventType: String, from: Timestamp, before: Timestamp, slotMicroseconds: Int64)
        async throws -> [Int: Int]
}
