import Foundation
import KontorConnectors
import KontorKafka
import KontorModel
import Logging

/// The ingest of canonical orders over `POST /v1/orders`: decode, then publish a received event,
/// answering only after the broker acknowledged it and (with a progress store) the store recorded it.
/// Undecodable bodies are quarantined.
public struct OrderIngest: Sendable {
    public enum Outcome: Sendable {
        case accepted(orderID: OrderID, eventID: EventID, report: KafkaDeliveryReport)
        case invalid(OrderDecodingError, quarantineID: String?)
        case unavailable(KafkaError)
    }

    let publisher: OrderPublisher
    let quarantine: QuarantineWriter

    /// An ingest that publishes without recording accepted orders in a store (tools and tests).
    public init(producer: KafkaProducer, logger: Logger) {
        self.init(
            publisher: OrderPublisher(producer: producer, logger: logger),
            quarantine: QuarantineWriter(producer: producer, logger: logger)
        )
    }

    /// An ingest that publishes through `publisher`; give it a progress store so that an order is answered as
    /// accepted only once it is recorded (`503` otherwise).
    public init(publisher: OrderPublisher, quarantine: QuarantineWriter) {
        self.publisher = publisher
        self.quarantine = quarantine
    }

    /// Ingests one request body. Without an `Idempotency-Key`, the body's hash stands in, so an
    /// exact redelivery yields the same event id (and the pipeline drops the copy).
    public func ingest(
        body: [UInt8],
        contentType: String?,
        idempotencyKey: String?,
        source: String = "http"
    ) async -> Outcome {
        let order: CanonicalOrder
        do {
            order = try CanonicalJSON.decodeOrder(from: body)
        } catch {
            let quarantineID = await quarantine.keep(
                body,
                reason: "\(error.kind.rawValue): \(error.message)",
                field: error.field,
                source: source,
                contentType: contentType
            )
            return .invalid(error, quarantineID: quarantineID)
        }
        let basis = idempotencyKey.map { "key:\($0)" } ?? "body:\(OrderPublisher.contentHash(body))"
        do {
            let receipt = try await publisher.publish(order, source: source, basis: basis)
            return .accepted(orderID: receipt.orderID, eventID: receipt.eventID, report: receipt.report)
        } catch {
            return .unavailable(error)
        }
    }
}
