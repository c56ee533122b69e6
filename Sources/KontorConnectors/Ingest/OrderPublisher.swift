import Crypto
import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging

/// Publishes accepted canonical orders as `com.kontor.order.received.v1` events, returning only
/// after the broker acknowledged them. Every edge (HTTP, webhooks, pollers) publishes through it.
///
/// Ids are deterministic: the order id comes from channel and order number, so the same external
/// order always is the same Kontor order; the event id comes from the order id and a `basis`
/// (a content hash or the partner's idempotency key), so an exact redelivery yields the same
/// event, which the pipeline drops as already processed.
///
/// With a progress store (`kontor run` always passes one), an order counts as accepted only once the store recorded
/// the received event as the order's progress too: the broker alone is not durable in embedded mode, and
/// `kontor run` re-drives recorded orders that had not finished after a restart.
public struct OrderPublisher: Sendable {
    let producer: KafkaProducer
    let progressStore: (any OrderProgressStore)?
    let logger: Logger

    /// - Parameter progressStore: where accepted orders are recorded; nil only where nothing re-drives them (tools,
    ///   tests).
    public init(producer: KafkaProducer, progressStore: (any OrderProgressStore)? = nil, logger: Logger) {
        self.producer = producer
        self.progressStore = progressStore
        self.logger = logger
    }

    public struct Receipt: Sendable {
        public var orderID: OrderID
        public var eventID: EventID
        public var report: KafkaDeliveryReport
    }

    /// Publishes `order`, waits for the broker's acknowledgement, then records the event as the order's progress
    /// (a no-op for an exact redelivery, whose event the store already knows).
    ///
    /// - Parameters:
    ///   - source: the edge, e.g. `http` or a connector name; becomes `/kontor/ingest/<source>`.
    ///   - basis: what makes this delivery distinct (see the type's documentation).
    /// - Throws: `KafkaError` when the broker did not acknowledge the event, or when the store could not record it
    ///   (then the order is not accepted either: the edge must not answer success, and the sender sends it again).
    public func publish(_ order: CanonicalOrder, source: String, basis: String) async throws(KafkaError) -> Receipt {
        var order = order
        let orderID = order.derivedID
        order.id = orderID
        let eventID = EventID.derived(from: EventID(orderID.rawValue), stage: "ingest-\(source)/\(basis)")
        let event = OrderReceivedEvent(
            id: eventID,
            source: .ingest(source),
            subject: orderID.rawValue,
            correlationID: CorrelationID(eventID),
            data: OrderReceived(order: order)
        )
        let message: KafkaProducerMessage
        do {
            message = try EventMessage.make(event, topic: KontorTopics.orderReceived)
        } catch {
            throw KafkaError(code: .invalidArgument, message: "cannot encode order \(orderID): \(error)")
        }
        let report = try await producer.send(message)
        let logger = logger.about(OrderLogContext(orderID: orderID.rawValue, correlationID: eventID.rawValue))
        try await recordProgress(of: message, orderID: orderID, source: source, logger: logger)
        logger.info(
            "order received",
            metadata: [
                "kontor.order.number": "\(order.orderNumber)", "kontor.channel": "\(order.channel)",
                "kontor.source": "\(source)",
            ]
        )
        return Receipt(orderID: orderID, eventID: eventID, report: report)
    }

    private func recordProgress(of message: KafkaProducerMessage, orderID: OrderID, source: String, logger: Logger)
        async throws(KafkaError)
    {
        guard let progressStore,
            let event = PipelineProgress.event(for: message, stage: "ingest-\(source)", step: 0)
        else { return }
        do {
            try await progressStore.recordProgress([event])
        } catch {
            logger.error(
                "order published but not recorded in the store; not accepted",
                metadata: ["kontor.error": "\(error)"]
            )
            throw KafkaError(
                code: .state,
                message: "order \(orderID) could not be recorded in the store, so it is not accepted: \(error)",
                isRetriable: true
            )
        }
    }

    /// Lowercase hex SHA-256 of a body: the default `basis`.
    public static func contentHash(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
