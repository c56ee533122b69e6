import Crypto
import Foundation
import KontorKafka
import KontorModel
import KontorWorkers
import Logging

/// The ingest of canonical orders: decode, assign the Kontor order id, publish a received
/// event, and answer only after the broker acknowledged it. Undecodable bodies are kept on the
/// quarantine topic, byte for byte, with the reason.
public struct OrderIngest: Sendable {
    public enum Outcome: Sendable {
        case accepted(orderID: OrderID, eventID: EventID, report: KafkaDeliveryReport)
        case invalid(OrderDecodingError, quarantineID: String?)
        case unavailable(KafkaError)
    }

    let producer: KafkaProducer
    let logger: Logger

    public init(producer: KafkaProducer, logger: Logger) {
        self.producer = producer
        self.logger = logger
    }

    /// Ingests one request body.
    /// - Parameters:
    ///   - source: the edge, e.g. `http`, written to the event's `source`.
    ///   - idempotencyKey: the client's `Idempotency-Key`; without one, the body's hash stands in,
    ///     so an exact redelivery yields the same event id (and the pipeline drops the copy).
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
            let quarantineID = await quarantine(body, contentType: contentType, error: error, source: source)
            return .invalid(error, quarantineID: quarantineID)
        }
        var withID = order
        withID.id = order.derivedID
        let orderID = order.derivedID
        let basis = idempotencyKey.map { "key:\($0)" } ?? "body:\(Self.sha256Hex(body))"
        let eventID = EventID.derived(from: EventID(orderID.rawValue), stage: "ingest-\(source)/\(basis)")
        let event = OrderReceivedEvent(
            id: eventID,
            source: .ingest(source),
            subject: orderID.rawValue,
            correlationID: CorrelationID(eventID),
            data: OrderReceived(order: withID)
        )
        do {
            let report = try await producer.send(try EventMessage.make(event, topic: KontorTopics.orderReceived))
            logger.info(
                "order received",
                metadata: [
                    "kontor.order.id": "\(orderID)", "kontor.correlation.id": "\(eventID)",
                    "kontor.order.number": "\(order.orderNumber)", "kontor.channel": "\(order.channel)",
                ]
            )
            return .accepted(orderID: orderID, eventID: eventID, report: report)
        } catch let error as KafkaError {
            logger.error(
                "order not published",
                metadata: ["kontor.order.id": "\(orderID)", "kontor.error": "\(error)"]
            )
            return .unavailable(error)
        } catch {
            return .unavailable(KafkaError(code: .invalidArgument, message: "\(error)"))
        }
    }

    /// Keeps a body that could not be decoded; returns the quarantine id, or nil if even that failed.
    private func quarantine(
        _ body: [UInt8],
        contentType: String?,
        error: OrderDecodingError,
        source: String
    ) async -> String? {
        let id = UUID().uuidString.lowercased()
        let message = KafkaProducerMessage(
            topic: KontorTopics.ingestQuarantine,
            key: id,
            value: body,
            headers: [
                KafkaHeader(key: KontorHeaders.quarantineID, string: id),
                KafkaHeader(key: KontorHeaders.quarantineReason, string: "\(error.kind.rawValue): \(error.message)"),
                KafkaHeader(key: KontorHeaders.quarantineField, string: error.field),
                KafkaHeader(key: KontorHeaders.quarantineSource, string: EventSource.ingest(source).rawValue),
                KafkaHeader(key: KontorHeaders.receivedAt, string: Timestamp.now().rfc3339String),
                KafkaHeader(key: KontorHeaders.contentType, string: contentType ?? "application/octet-stream"),
            ]
        )
        do {
            try await producer.send(message)
            logger.notice(
                "request quarantined",
                metadata: ["kontor.quarantine.id": "\(id)", "kontor.error": "\(error)", "kontor.source": "\(source)"]
            )
            return id
        } catch {
            logger.error(
                "quarantine failed; the body is in this log line",
                metadata: [
                    "kontor.error": "\(error)",
                    "kontor.body": "\(String(decoding: body.prefix(65_536), as: UTF8.self))",
                ]
            )
            return nil
        }
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
