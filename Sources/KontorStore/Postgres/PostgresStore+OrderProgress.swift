import Foundation
import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: OrderProgressStore {
    public func recordProgress(_ events: [ProgressEvent]) async throws {
        guard !events.isEmpty else { return }
        let logger = self.logger
        try await transaction { connection in
            try await Self.upsertProgress(events, on: connection, logger: logger)
        }
    }

    public func progress(orderID: OrderID) async throws -> ProgressEvent? {
        try await fetch(
            """
            SELECT \(unescaped: ProgressColumns.names) FROM order_progress WHERE order_id = \(orderID.rawValue)
            ORDER BY updated_at DESC, step DESC LIMIT 1
            """,
            Self.progressEvent
        ).first
    }

    public func unfinishedProgress(topics: Set<String>) async throws -> [ProgressEvent] {
        guard !topics.isEmpty else { return [] }
        return try await fetch(
            """
            SELECT \(unescaped: ProgressColumns.names) FROM order_progress WHERE topic = ANY(\(topics.sorted()))
            ORDER BY updated_at, order_id
            """,
            Self.progressEvent
        )
    }

    public func pendingProgress(consumers: [String: Set<String>]) async throws -> [ProgressEvent] {
        let (topics, stages) = ProgressColumns.consumerPairs(consumers)
        guard !topics.isEmpty else { return [] }
        return try await fetch(
            """
            WITH consumers(topic, stage) AS (SELECT * FROM unnest(\(topics)::text[], \(stages)::text[]))
            SELECT \(unescaped: ProgressColumns.names) FROM order_progress
            WHERE \(unescaped: ProgressColumns.pendingCondition)
            ORDER BY updated_at, order_id
            """,
            Self.progressEvent
        )
    }

    public func record(processed: [String: [String]], progress: [ProgressEvent]) async throws {
        try await record(processed: processed, progress: progress, deadLetters: [])
    }

    static func upsertProgress(
        _ events: [ProgressEvent],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        for event in events {
            try await connection.execute(
                """
                INSERT INTO order_progress (\(unescaped: ProgressColumns.names))
                VALUES (\(event.orderID.rawValue), \(event.eventID), \(event.correlationID), \(event.step),
                    \(event.stage), \(event.topic), \(event.key.map { Data($0) }), \(Data(event.value)),
                    \(ProgressColumns.encode(event.headers)), \(event.updatedAt.microsecondsSinceEpoch))
                ON CONFLICT (order_id, correlation_id) DO UPDATE SET \(unescaped: ProgressColumns.assignments)
                WHERE \(unescaped: ProgressColumns.replaceCondition)
                """,
                logger: logger
            )
        }
    }

    private static func progressEvent(_ row: PostgresRandomAccessRow) throws -> ProgressEvent {
        let orderID = try row.value("order_id", as: String.self)
        return ProgressEvent(
            orderID: OrderID(orderID),
            eventID: try row.value("event_id"),
            correlationID: try row.value("correlation_id"),
            step: try row.value("step"),
            stage: try row.value("stage"),
            topic: try row.value("topic"),
            key: try row.value("message_key", as: Data?.self).map { Array($0) },
            value: Array(try row.value("value", as: Data.self)),
            headers: try ProgressColumns.decode(try row.value("headers_json"), orderID: orderID),
            updatedAt: Timestamp(microsecondsSinceEpoch: try row.value("updated_at"))
        )
    }
}
