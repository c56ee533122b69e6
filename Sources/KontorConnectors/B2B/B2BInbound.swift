import Foundation
import KontorKafka
import KontorModel
import Logging

/// Reads an inbound B2B document and publishes the orders of its accepted transactions; what a transport (file
/// drop, SFTP, HTTP) calls once per document.
///
/// Each order's event id derives from the order's own content, so a document submitted again (after ops fixed
/// its one bad transaction, say) yields the same events for the orders already published, which the pipeline drops
/// as duplicates, and new events only for what changed.
public struct B2BInbound: Sendable {
    public let processor: B2BDocumentProcessor
    let publisher: OrderPublisher
    let logger: Logger

    public init(processor: B2BDocumentProcessor, publisher: OrderPublisher, logger: Logger) {
        self.processor = processor
        self.publisher = publisher
        self.logger = logger
    }

    /// A read document and the receipts of its published orders, by transaction index.
    public struct Receipt: Sendable {
        public var result: InboundDocumentResult
        public var published: [Int: OrderPublisher.Receipt]
    }

    /// Reads `bytes` and publishes every accepted order.
    ///
    /// - Parameter source: The transport, e.g. the connector name; becomes the events' source.
    /// - Throws: When an order cannot be published or no acknowledgement number can be had: the document is then
    ///   to be kept and offered again later; nothing about it is final yet.
    public func receive(
        _ bytes: [UInt8],
        format: B2BDocumentFormat? = nil,
        partner: String? = nil,
        source: String
    ) async throws -> Receipt {
        let result = try await processor.process(bytes, format: format, partner: partner)
        var published: [Int: OrderPublisher.Receipt] = [:]
        for (index, transaction) in result.transactions.enumerated() {
            guard let order = transaction.order else { continue }
            let basis = OrderPublisher.contentHash(Array(CanonicalJSON.encodeOrder(order)))
            published[index] = try await publisher.publish(order, source: source, basis: basis)
        }
        let metadata: Logger.Metadata = [
            "kontor.source": "\(source)", "kontor.b2b.format": "\(result.format?.rawValue ?? "unknown")",
            "kontor.b2b.partner": "\(result.partner ?? "unknown")", "kontor.b2b.status": "\(result.status.rawValue)",
            "kontor.b2b.orders": "\(published.count)",
        ]
        if result.status == .accepted {
            logger.info("b2b document accepted", metadata: metadata)
        } else {
            logger.notice("b2b document refused in part or whole: \(result.summary)", metadata: metadata)
        }
        return Receipt(result: result, published: published)
    }
}

extension B2BInbound.Receipt {
    /// A JSON report of the document: status, partner, every transaction with its order id or error, and the
    /// acknowledgement. The `.error.json` a file-drop connector writes and the body HTTP ingest answers with.
    public func report(file: String? = nil) -> Data {
        var transactions: [[String: Any]] = []
        for (index, transaction) in result.transactions.enumerated() {
            var entry: [String: Any] = ["reference": transaction.reference]
            if let receipt = published[index], let order = transaction.order {
                entry["status"] = "published"
                entry["orderId"] = receipt.orderID.rawValue
                entry["orderNumber"] = order.orderNumber
                entry["eventId"] = receipt.eventID.rawValue
            } else {
                entry["status"] = "refused"
                entry["error"] = transaction.error ?? "not published"
            }
            transactions.append(entry)
        }
        var body: [String: Any] = [
            "status": result.status.rawValue,
            "receivedAt": Timestamp.now().rfc3339String,
            "transactions": transactions,
        ]
        body["file"] = file
        body["format"] = result.format?.rawValue
        body["partner"] = result.partner
        body["sender"] = result.sender
        body["interchangeControlNumber"] = result.interchangeControlNumber
        if result.status != .accepted { body["error"] = result.summary }
        if let acknowledgement = result.acknowledgement {
            body["acknowledgement"] = [
                "kind": acknowledgement.kind, "fileName": acknowledgement.fileName,
                "controlNumber": acknowledgement.controlNumber, "content": acknowledgement.content,
            ]
        }
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }
}
