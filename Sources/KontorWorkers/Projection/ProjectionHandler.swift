import KontorKafka
import KontorModel
import KontorStore

/// The read-model projection: consumes every order event topic (``KontorTopics/orderEventTopics``) and writes each
/// event into the orders' read model (record and timeline) by ``ProjectionRules``. Produces nothing.
///
/// Redeliveries add nothing: the runtime skips processed event ids, and the projector skips events the order's
/// timeline holds already (an event the order API projected itself, or one redelivered after a crash between the
/// store write and the processed mark).
public struct ProjectionHandler: StageHandler {
    /// `projection`.
    public static let stageName = "projection"

    /// The topics the stage consumes: every order event topic, pick tasks, short picks, shipments, carrier scans,
    /// delays, returns and the notifications sent (timeline only).
    public static let inputTopics =
        KontorTopics.orderEventTopics + [
            KontorTopics.pickTask, KontorTopics.orderShortPicked, KontorTopics.orderShipped, KontorTopics.orderTracked,
            KontorTopics.orderDelayed, KontorTopics.notificationSent, KontorTopics.orderCancelRequested,
        ] + ProjectedEvent.returnTopics

    public var stage: String { Self.stageName }
    private let projector: OrderProjector

    /// A handler writing into `store`.
    public init(store: any OrderReadModelStore) {
        self.projector = OrderProjector(store: store)
    }

    public func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        if let notification = try NotificationTimeline.event(decoding: message.value) {
            try await projector.projectNotification(notification)
            return []
        }
        try await projector.project(try ProjectedEvent(decoding: message.value))
        return []
    }
}
