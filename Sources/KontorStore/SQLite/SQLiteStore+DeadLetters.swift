import Foundation
import GRDB
import KontorModel

extension SQLiteStore: DeadLetterStore {
    public func record(processed: [String: [String]], progress: [ProgressEvent], deadLetters: [DeadLetterRecord])
        async throws
    {
        guard processed.values.contains(where: { !$0.isEmpty }) || !progress.isEmpty || !deadLetters.isEmpty else {
            return
        }
        let now = Date()
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO processed_events (stage, event_id, processed_at) VALUES (?, ?, ?)"
            )
            for (stage, ids) in processed {
                for id in ids {
                    try statement.execute(arguments: [stage, id, now])
                }
            }
            try Self.upsertProgress(progress, in: db)
            try Self.upsertDeadLetters(deadLetters, in: db)
        }
    }

    public func deadLetters(_ query: DeadLetterQuery) async throws -> DeadLetterPage {
        let limit = try DeadLetterSQL.checkedLimit(query)
        let filter = try DeadLetterSQL.filter(query, dialect: .sqlite)
        let rows = try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(DeadLetterSQL.columns) FROM dead_letters \(filter.whereClause)
                    ORDER BY last_failure DESC, id DESC LIMIT ?
                    """,
                arguments: SQLiteRows.arguments(filter.values + [.integer(Int64(limit + 1))])
            ).map(Self.deadLetter)
        }
        return DeadLetterSQL.page(rows, limit: limit)
    }

    public func deadLetter(id: String) async throws -> DeadLetterRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(DeadLetterSQL.columns) FROM dead_letters WHERE id = ?",
                arguments: [id]
            ).map(Self.deadLetter)
        }
    }

    public func deadLetterCounts(status: DeadLetterRecord.Status) async throws -> [String: Int] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT stage, COUNT(*) AS n FROM dead_letters WHERE status = ? GROUP BY stage",
                arguments: [status.rawValue]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["stage"] as String, $0["n"] as Int) })
        }
    }

    @discardableResult
    public func markReplayed(ids: [String]) async throws -> Int {
        try await updateDeadLetters(
            ids,
            sql: "UPDATE dead_letters SET status = 'replayed', replay_count = replay_count + 1 WHERE id = ?"
        )
    }

    @discardableResult
    public func purgeDeadLetters(ids: [String]) async throws -> Int {
        try await updateDeadLetters(
            ids,
            sql: "UPDATE dead_letters SET status = 'purged' WHERE id = ? AND status <> 'purged'"
        )
    }

    private func updateDeadLetters(_ ids: [String], sql: String) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await pool.write { db in
            let statement = try db.cachedStatement(sql: sql)
            var changed = 0
            for id in Set(ids) {
                try statement.execute(arguments: [id])
                changed += db.changesCount
            }
            return changed
        }
    }

    static func upsertDeadLetters(_ records: [DeadLetterRecord], in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO dead_letters (\(DeadLetterSQL.columns))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET \(DeadLetterSQL.upsertAssignments)
                """
        )
        for record in records {
            try statement.execute(arguments: [
                record.id, record.stage, record.eventID, record.originalTopic, record.originalPartition,
                record.originalOffset, record.key.map { Data($0) }, ProgressColumns.encode(record.headers),
                Data(record.payload), record.errorClass, record.errorMessage, record.attempts,
                record.firstFailure.microsecondsSinceEpoch, record.lastFailure.microsecondsSinceEpoch,
                record.status.rawValue, record.replayCount,
            ])
        }
    }

    private static func deadLetter(_ row: Row) throws -> DeadLetterRecord {
        let id: String = row["id"]
        return DeadLetterRecord(
            id: id,
            stage: row["stage"],
            eventID: row["event_id"],
            originalTopic: row["original_topic"],
            originalPartition: row["original_partition"],
            originalOffset: row["original_offset"],
            key: (row["message_key"] as Data?).map { Array($0) },
            headers: try ProgressColumns.decode(row["headers_json"], orderID: id),
            payload: Array(row["payload"] as Data),
            errorClass: row["error_class"],
            errorMessage: row["error_message"],
            attempts: row["attempts"],
            firstFailure: Timestamp(microsecondsSinceEpoch: row["first_failure"]),
            lastFailure: Timestamp(microsecondsSinceEpoch: row["last_failure"]),
            status: try DeadLetterSQL.status(row["status"], id: id),
            replayCount: row["replay_count"]
        )
    }
}

extension SQLiteStore: AuditLogStore {
    @discardableResult
    public func appendAudit(_ entry: AuditEntry) async throws -> AuditEntry {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO audit_log (actor, at, action, filter, count) VALUES (?, ?, ?, ?, ?)",
                arguments: [entry.actor, entry.at.microsecondsSinceEpoch, entry.action, entry.filter, entry.count]
            )
            var stored = entry
            stored.sequence = db.lastInsertedRowID
            return stored
        }
    }

    public func auditEntries(limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(DeadLetterSQL.auditColumns) FROM audit_log WHERE sequence < ?
                    ORDER BY sequence DESC LIMIT ?
                    """,
                arguments: [before ?? Int64.max, max(0, limit)]
            ).map { row in
                AuditEntry(
                    sequence: row["sequence"],
                    actor: row["actor"],
                    at: Timestamp(microsecondsSinceEpoch: row["at"]),
                    action: row["action"],
                    filter: row["filter"],
                    count: row["count"]
                )
            }
        }
    }
}
