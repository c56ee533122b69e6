import Foundation
import KontorKafka
import KontorModel
import Logging

/// Keeps payloads an edge could not accept on `kontor.ingest.quarantine.v1`, byte for byte, with
/// why (`kontor-quarantine-*` headers), so that ops can fix and replay them.
public struct QuarantineWriter: Sendable {
    let producer: KafkaProducer
    let logger: Logger

    public init(producer: KafkaProducer, logger: Logger) {
        self.producer = producer
        self.logger = logger
    }

    /// Returns the quarantine id (also the record's key), or nil when even this failed; the body
    /// is then written to the log so that it is not lost.
    public func keep(
        _ body: [UInt8],
        reason: String,
        field: String?,
        source: String,
        contentType: String?
    ) async -> String? {
        let id = UUID().uuidString.lowercased()
        let message = KafkaProducerMessage(
            topic: KontorTopics.ingestQuarantine,
            key: id,
            value: body,
            headers: [
                KafkaHeader(key: KontorHeaders.quarantineID, string: id),
                KafkaHeader(key: KontorHeaders.quarantineReason, string: reason),
                KafkaHeader(key: KontorHeaders.quarantineField, string: field ?? ""),
                KafkaHeader(key: KontorHeaders.quarantineSource, string: EventSource.ingest(source).rawValue),
                KafkaHeader(key: KontorHeaders.receivedAt, string: Timestamp.now().rfc3339String),
                KafkaHeader(key: KontorHeaders.contentType, string: contentType ?? "application/octet-stream"),
            ]
        )
        do {
            try await producer.send(message)
            logger.notice(
                "payload quarantined",
                metadata: ["kontor.quarantine.id": "\(id)", "kontor.error": "\(reason)", "kontor.source": "\(source)"]
            )
            return id
        } catch {
            logger.error(
                "quarantine failed; the body is in this log line",
                metadata: [
                    "kontor.error": "\(error)", "kontor.reason": "\(reason)",
                    "kontor.body": "\(String(decoding: body.prefix(65_536), as: UTF8.self))",
                ]
            )
            return nil
        }
    }
}
