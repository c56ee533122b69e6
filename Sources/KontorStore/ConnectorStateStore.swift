/// What inbound connectors remember between requests and restarts: webhook deliveries already
/// taken (partners redeliver), each polling connector's checkpoint, and counters such as the control numbers of
/// acknowledgements sent to a trading partner.
public protocol ConnectorStateStore: Sendable {
    /// Records a delivery; returns false when `connector` already took `deliveryID`.
    func recordDelivery(connector: String, deliveryID: String) async throws -> Bool

    /// Whether `connector` already took `deliveryID`.
    func hasDelivery(connector: String, deliveryID: String) async throws -> Bool

    /// The checkpoint a polling connector saved last (e.g. a "last updated after" time).
    func checkpoint(connector: String) async throws -> String?

    func saveCheckpoint(connector: String, value: String) async throws

    /// The next number of the counter `name`: 1 the first time, then one more on every call, across restarts
    /// and processes sharing the store.
    func nextSequenceNumber(_ name: String) async throws -> Int
}
