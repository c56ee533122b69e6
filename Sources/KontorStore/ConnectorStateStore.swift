/// What inbound connectors remember between requests and restarts: webhook deliveries already
/// taken (partners redeliver), and each polling connector's checkpoint.
public protocol ConnectorStateStore: Sendable {
    /// Records a delivery; returns false when `connector` already took `deliveryID`.
    func recordDelivery(connector: String, deliveryID: String) async throws -> Bool

    /// Whether `connector` already took `deliveryID`.
    func hasDelivery(connector: String, deliveryID: String) async throws -> Bool

    /// The checkpoint a polling connector saved last (e.g. a "last updated after" time).
    func checkpoint(connector: String) async throws -> String?

    func saveCheckpoint(connector: String, value: String) async throws
}
