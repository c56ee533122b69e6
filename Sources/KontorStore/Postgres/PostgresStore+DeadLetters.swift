import Foundation
import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: DeadLetterStore {
    public func record(processed: [String: [String]], progress: [ProgressEvent], deadLetters: [DeadLetterRecord])
        async throws
    {
        guard processed.values.contains(where: { !$0.isEmpty }) || !progress.isEmpty || !deadLetters.isEmpty else {
            return
        }
        let logger = self.logger
        try await transaction { connection in
            for (stage, ids) in processed where !ids.isEmpty {
                try await connection.execute(
                    """
                    INSERT INTO processed_events (stage, event_id)
                    SELECT \(stage), id FROM unnest(\(ids)::text[]) AS id
                    ON CONFLICT DO NOTHING
                    """,
                    logger: logger
                )
            }
            try await Self.upsertProgress(progress, on: connection, logger: logger)
            for record in deadLetters {
                try await connection.execute(
                    """
                    INSERT INTO dead_letters (\(unescaped: DeadLetterSQL.columns))
                    VALUES (\(record.id), \(record.stage), \(record.eventID), \(record.originalTopic),
                        \(record.originalPartition), \(Int(record.originalOffset)), \(record.key.map { Data($0) }),
                        \(ProgressColumns.encode(record.headers)), \(Data(record.payload)), \(record.errorClass),
                        \(record.errorMessage), \(record.attempts), \(record.firstFailure.microsecondsSinceEpoch),
                        \(record.lastFailure.microsecondsSinceEpoch), \(record.status.rawValue), \(record.replayCount))
                    ON CONFLICT (id) DO UPDATE SET \(unescaped: DeadLetterSQL.upsertAssignments)
                    """,
                    logger: logger
                )
            }
        }
    }

    public func deadLetters(_ query: DeadLetterQuery) async throws -> DeadLetterPage {
        let limit = try DeadLetterSQL.checkedLimit(query)
        let filter = try DeadLetterSQL.filter(query, dialect: .postgres)
        let rows = try await fetch(
            PostgresRows.query(
                """
                SELECT \(DeadLetterSQL.columns) FROM dead_letters \(filter.whereClause)
                ORDER BY last_failure DESC, id DESC LIMIT \(limit + 1)
                """,
                filter.values
            ),
            Self.deadLetter
        )
        return DeadLetterSQL.page(rows, limit: limit)
    }

    public func deadLetter(id: String) async throws -> DeadLetterRecord? {
        try await fetch(
            "SELECT \(unescaped: DeadLetterSQL.columns) FROM dead_letters WHERE id = \(id)",
            Self.deadLetter
        ).first
    }

    @discardableResult
    public func deadLetterCounts(status: DeadLetterRecord.Status) async throws -> [String: Int] {
        let rows = try await fetch(
            "SELECT stage, COUNT(*) AS n FROM dead_letters WHERE status = \(status.rawValue) GROUP BY stage"
        ) { row in (try row.value("stage", as: String.self), try row.value("n", as: Int.self)) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    @discardableResult
    public func markReplayed(ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await fetch(
            """
            UPDATE dead_letters SET status = 'replayed', replay_count = replay_count + 1
            WHERE id = ANY(\(Array(Set(ids)))) RETURNING 1 AS changed
            """
        ) { _ in 1 }.count
    }

    @discardableResult
    public func purgeDeadLetters(ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await fetch(
            """
            UPDATE dead_letters SET status = 'purged'
            WHERE id = ANY(\(Array(Set(ids)))) AND status <> 'purged' RETURNING 1 AS changed
            """
        ) { _ in 1 }.count
    }

    private static func deadLetter(_ row: PostgresRandomAccessRow) throws -> DeadLetterRecord {
        let id = try row.value("id", as: String.self)
        return DeadLetterRecord(
            id: id,
            stage: try row.value("stage"),
            eventID: try row.value("event_id", as: String?.self),
            originalTopic: try row.value("original_topic"),
            originalPartition: try row.value("original_partition", as: Int.self),
            originalOffset: Int64(try row.value("original_offset", as: Int.self)),
            key: try row.value("message_key", as: Data?.self).map { Array($0) },
            headers: try ProgressColumns.decode(try row.value("headers_json"), orderID: id),
            payload: Array(try row.value("payload", as: Data.self)),
            errorClass: try row.value("error_class"),
            errorMessage: try row.value("error_message"),
            attempts: try row.value("attempts", as: Int.self),
            firstFailure: Timestamp(microsecondsSinceEpoch: try row.value("first_failure")),
            lastFailure: Timestamp(microsecondsSinceEpoch: try row.value("last_failure")),
            status: try DeadLetterSQL.status(try row.value("status"), id: id),
            replayCount: try row.value("replay_count", as: Int.self)
        )
    }
}

extension PostgresStore: AuditLogStore {
    @discardableResult
    public func appendAudit(_ entry: AuditEntry) async throws -> AuditEntry {
        let sequence = try await fetch(
            """
            INSERT INTO audit_log (actor, at, action, filter, count)
            VALUES (\(entry.actor), \(entry.at.microsecondsSinceEpoch), \(entry.action), \(entry.filter), \(entry.count))
            RETURNING sequence
            """
        ) { try $0.value("sequence", as: Int64.self) }.first
        var stored = entry
        stored.sequence = sequence ?? 0
        return stored
    }

    public func auditEntries(limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await fetch(
            """
            SELECT \(unescaped: DeadLetterSQL.auditColumns) FROM audit_log WHERE sequence < \(before ?? Int64.max)
            ORDER BY sequence DESC LIMIT \(max(0, limit))
            """
        ) { row in
            AuditEntry(
                sequence: try row.value("sequence", as: Int64.self),
                actor: try row.value("actor"),
                at: Timestamp(microsecondsSinceEpoch: try row.value("at")),
                action: try row.value("action"),
                filter: try row.value("filter"),
                count: try row.value("count", as: Int.self)
            )
        }
    }
}
