/// Warehouses and stores.
public protocol LocationStore: Sendable {
    /// Inserts or replaces locations by id, all in one transaction.
    func upsertLocations(_ locations: [Location]) async throws

    /// The location with this id.
    func location(id: String) async throws -> Location?

    /// All locations (with `activeOnly`, only active ones), ordered by id.
    func locations(activeOnly: Bool) async throws -> [Location]
}
