import KontorKafka
import KontorStore
import Logging

/// What the order read API and its actions need: the read model and progress store, and the shared producer the
/// actions publish their events with.
public struct OrderAPI: Sendable {
    public var store: any OrderReadModelStore & OrderProgressStore
    public var producer: KafkaProducer
    public var logger: Logger
    /// The RMAs an order's detail lists (`returns`, `exchangeOf`); none listed without it.
    public var returns: (any ReturnStore)?

    /// The pick tasks shown as the order's shipments; nil leaves them out.
    public var shipments: (any FulfillmentStore)?

    /// Creates the dependencies of ``OrderRoutes``.
    public init(
        store: any OrderReadModelStore & OrderProgressStore,
        producer: KafkaProducer,
        logger: Logger,
        returns: (any ReturnStore)? = nil,
        shipments: (any FulfillmentStore)? = nil
    ) {
        self.store = store
        self.producer = producer
        self.logger = logger
        self.returns = returns
        self.shipments = shipments
    }
}
