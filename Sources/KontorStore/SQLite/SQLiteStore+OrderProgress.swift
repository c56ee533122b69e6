import Foundation
import GRDB
import KontorModel

extension SQLiteStore: OrderProgressStore {
    public func recordProgress(_ events: [ProgressEvent]) async throws {
        guard !events.isEmpty else { return }
        try await pool.write { db in try Self.upsertProgress(events, in: db) }
    }

    public func progress(orderID: OrderID) async throws -> ProgressEvent? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(ProgressColumns.names) FROM order_progress WHERE order_id = ?
                    ORDER BY updated_at DESC, step DESC LIMIT 1
                    """,
                arguments: [orderID.rawValue]
            ).map(Self.progressEvent)
        }
    }

    public func unfinishedProgress(topics: Set<String>) async throws -> [ProgressEvent] {
        guard !topics.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: topics.count).joined(separator: ",")
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(ProgressColumns.names) FROM order_progress WHERE topic IN (\(marks))
                    ORDER BY updated_at, order_id
                    """,
                arguments: StatementArguments(topics.sorted())
            ).map(Self.progressEvent)
        }
    }

    public func pendingProgress(consumers: [String: Set<String>]) async throws -> [ProgressEvent] {
        let (topics, stages) = ProgressColumns.consumerPairs(consumers)
        guard !topics.isEmpty else { return [] }
        let values = Array(repeating: "(?, ?)", count: topics.count).joined(separator: ", ")
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    WITH consumers(topic, stage) AS (VALUES \(values))
                    SELECT \(ProgressColumns.names) FROM order_progress WHERE \(ProgressColumns.pendingCondition)
                    ORDER BY updated_at, order_id
                    """,
                arguments: StatementArguments(zip(topics, stages).flatMap { [$0, $1] })
            ).map(Self.progressEvent)
        }
    }

    public func record(processed: [String: [String]], progress: [ProgressEvent]) async throws {
        try await record(processed: processed, progress: progress, deadLetters: [])
    }

    static func upsertProgress(_ events: [ProgressEvent], in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO order_progress (\(ProgressColumns.names)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(order_id, correlation_id) DO UPDATE SET \(ProgressColumns.assignments)
                WHERE \(ProgressColumns.replaceCondition)
                """
        )
        for event in events {
            try statement.execute(arguments: [
                event.orderID.rawValue, event.eventID, event.correlationID, event.step, event.stage, event.topic,
                event.key.map { Data($0) }, Data(event.value), ProgressColumns.encode(event.headers),
                event.updatedAt.microsecondsSinceEpoch,
            ])
        }
    }

    private static func progressEvent(_ row: Row) throws -> ProgressEvent {
        let orderID: String = row["order_id"]
        return ProgressEvent(
            orderID: OrderID(orderID),
            eventID: row["event_id"],
            correlationID: row["correlation_id"],
            step: row["step"],
            stage: row["stage"],
            topic: row["topic"],
            key: (row["message_key"] as Data?).map { Array($0) },
            value: Array(row["value"] as Data),
            headers: try ProgressColumns.decode(row["headers_json"], orderID: orderID),
            updatedAt: Timestamp(microsecondsSinceEpoch: row["updated_at"])
        )
    }
}
