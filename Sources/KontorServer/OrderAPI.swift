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

    /// Creates the dependencies of ``OrderRoutes``.
    public init(
        store: any OrderReadModelStore & OrderProgressStore,
        producer: KafkaProducer,
        logger: Logger,
        returns: (any ReturnStore)? = nil
    ) {
        self.store = store
        self.producer = producer
        self.logger = logger
        self.returns = returns
    }
}
