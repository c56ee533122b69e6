import KontorConnectors

/// A webhook path served by the HTTP edge: a working receiver, or why the connector cannot take
/// deliveries (then the path answers 503 instead of 404, so partners retry).
public struct WebhookEndpoint: Sendable {
    public enum State: Sendable {
        case ready(WebhookReceiver)
        case unavailable(reason: String)
    }

    public var connector: String
    public var path: String
    public var state: State

    public init(connector: String, path: String, state: State) {
        self.connector = connector
        self.path = path
        self.state = state
    }
}
