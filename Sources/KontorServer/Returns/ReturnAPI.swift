import KontorConnectors
import KontorKafka
import KontorStore
import Logging

/// What the returns routes need: the store (RMAs, the read model's orders, idempotency keys, locations), the
/// shared producer their events go out with, and the return policy.
public struct ReturnAPI: Sendable {
    public var store: any ReturnStore & OrderReadModelStore & OrderProgressStore & IdempotencyStore & LocationStore
    public var producer: KafkaProducer
    public var policy: ReturnPolicy
    public var logger: Logger
    /// Where refused return receipts are kept, raw, for ops to fix and post again; nil keeps none.
    public var quarantine: QuarantineWriter?

    /// Creates the dependencies of the returns routes.
    public init(
        store: any ReturnStore & OrderReadModelStore & OrderProgressStore & IdempotencyStore & LocationStore,
        producer: KafkaProducer,
        policy: ReturnPolicy = ReturnPolicy(),
        logger: Logger,
        quarantine: QuarantineWriter? = nil
    ) {
        self.store = store
        self.producer = producer
        self.policy = policy
        self.logger = logger
        self.quarantine = quarantine
    }
}

/// When returns are accepted and how their labels are made (`returns.*`).
public struct ReturnPolicy: Sendable, Hashable {
    /// Days after delivery (or, when no delivery is known, after the last shipment) within which a return is
    /// accepted (`returns.windowDays`, default 30).
    public var windowDays = 30

    /// The return label's carrier when the order's shipments name none (`returns.carrier`, default `dhl`).
    public var defaultCarrier = "dhl"

    /// Creates the default policy.
    public init() {}

    /// Creates a policy.
    public init(windowDays: Int, defaultCarrier: String) {
        self.windowDays = windowDays
        self.defaultCarrier = defaultCarrier
    }
}
