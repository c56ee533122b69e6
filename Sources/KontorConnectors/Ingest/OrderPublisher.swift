import Crypto
import Foundation
import KontorKafka
import KontorModel
import KontorWorkers
import Logging

/// Publishes accepted canonical orders as `com.kontor.order.received.v1` events, returning only
/// after the broker acknowledged them. Every edge (HTTP, webhooks, pollers) publishes through it.
///
/// Ids are deterministic: the order id comes from channel and order number, so the same external
/// order always is the same Kontor order; the event id comes from the order id and a `basis`
/// (a content hash or the partner's idempotency key), so an exact redelivery yields the same
/// event, which the pipeline drops as already processed.
public struct OrderPublisher: Sendable {
    let producer: KafkaProducer
    let logger: Logger

    public init(producer: KafkaProducer, logger: Logger) {
        self.producer = producer
        self.logger = logger
    }

    public struct Receipt: Sendable {
        public var orderID: OrderID
        public var eventID: EventID
        public var report: KafkaDeliveryReport
    }

    /// - Parameters:
    ///   - source: the edge, e.g. `http` or a connector name; becomes `/kontor/ingest/<source>`.
    ///   - basis: what makes this delivery distinct (see the type's documentation).
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
        logger.info(
            "order received",
            metadata: [
                "kontor.order.id": "\(orderID)", "kontor.correlation.id": "\(eventID)",
                "kontor.order.number": "\(order.orderNumber)", "kontor.channel": "\(order.channel)",
                "kontor.source": "\(source)",
            ]
        )
        return Receipt(orderID: orderID, eventID: eventID, report: report)
    }

    /// Lowercase hex SHA-256 of a body: the default `basis`.
    public static func contentHash(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
