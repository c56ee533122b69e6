import KontorConnectors
import KontorStore

/// What the ops dashboard shows, and where it comes from: the orders' read model, the dead-letter index, the
/// consumer lag per worker group and the connectors, each optional where a process may not have it.
public struct DashboardSources: Sendable {
    /// The orders' read model: counts, orders per hour, the exceptions.
    public var orders: any OrderReadModelStore
    /// The dead-letter index; without it the summary has no `deadLetters`.
    public var deadLetters: (any DeadLetterStore)?
    /// The messages each pipeline consumer group trails its input topics, as last measured (group → messages);
    /// nil, or a nil answer, when not measured.
    public var consumerLag: (@Sendable () -> [String: Int64]?)?
    /// The connectors and their state at start.
    public var connectors: [DashboardConnector]
    /// What the connectors did since start (last message, orders, errors); nil to show their state only.
    public var activity: ConnectorActivity?
    /// How often `GET /v1/dashboard/stream` looks for changes.
    public var streamInterval: Duration

    /// Creates the dashboard's sources.
    public init(
        orders: any OrderReadModelStore,
        deadLetters: (any DeadLetterStore)? = nil,
        consumerLag: (@Sendable () -> [String: Int64]?)? = nil,
        connectors: [DashboardConnector] = [],
        activity: ConnectorActivity? = nil,
        streamInterval: Duration = .seconds(3)
    ) {
        self.activity = activity
        self.orders = orders
        self.deadLetters = deadLetters
        self.consumerLag = consumerLag
        self.connectors = connectors
        self.streamInterval = streamInterval
    }
}

/// A connector as the dashboard lists it.
public struct DashboardConnector: Sendable, Hashable {
    public var name: String
    public var type: String
    /// `ready`, `disabled` or `unavailable`.
    public var state: String
    /// Why it is not ready, or what it serves (e.g. its webhook path).
    public var detail: String

    /// Creates a connector entry.
    public init(name: String, type: String, state: String, detail: String) {
        self.name = name
        self.type = type
        self.state = state
        self.detail = detail
    }
}
