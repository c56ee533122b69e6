/// Everything Kontor keeps: one backend (SQLite or PostgreSQL) serves every store protocol. Workers should depend on
/// the narrow protocols they use; the application opens one backend with ``openStore(_:)``.
public protocol KontorStoreBackend: CatalogStore, LocationStore, InventoryStore, CustomerStore, IdempotencyStore,
    OrderReadModelStore, ProcessedEventLog, ConnectorStateStore, OrderProgressStore, AllocationStore,
    DeadLetterStore, AuditLogStore, FulfillmentStore, TrackingStore, NotificationStore, ReturnStore,
    ShipmentLabelStore, PickupStore, DashboardSessionStore
{
    /// The names of the schema migrations applied, in order.
    func appliedMigrationNames() async throws -> [String]

    /// Closes connections; the backend must not be used afterwards.
    func close() async
}
