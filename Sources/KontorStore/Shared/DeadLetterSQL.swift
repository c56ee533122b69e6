import KontorModel

/// The `dead_letters` and `audit_log` statements shared by both backends.
enum DeadLetterSQL {
    /// The columns in the order of the upsert's values.
    static let columns = """
        id, stage, event_id, original_topic, original_partition, original_offset, message_key, headers_json, payload, \
        error_class, error_message, attempts, first_failure, last_failure, status, replay_count
        """

    /// A dead letter that fails again (same id: the replayed event) takes the new failure and is open again; it keeps
    /// its first failure and replay count.
    static let upsertAssignments = """
        event_id = excluded.event_id, original_topic = excluded.original_topic, \
        original_partition = excluded.original_partition, original_offset = excluded.original_offset, \
        message_key = excluded.message_key, headers_json = excluded.headers_json, payload = excluded.payload, \
        error_class = excluded.error_class, error_message = excluded.error_message, attempts = excluded.attempts, \
        last_failure = excluded.last_failure, status = 'open'
        """

    static let auditColumns = "sequence, actor, at, action, filter, count"

    /// The WHERE clause of `query` (with its paging cursor) and its bound values.
    static func filter(_ query: DeadLetterQuery, dialect: SQLDialect) throws -> (
        whereClause: String, values: [SQLValue]
    ) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            values.append(value)
            return dialect.placeholder(values.count)
        }
        if let stage = query.stage {
            conditions.append("stage = \(bind(.text(stage)))")
        }
        if let since = query.since {
            conditions.append("last_failure >= \(bind(.integer(since.microsecondsSinceEpoch)))")
        }
        if let text = query.errorText, !text.isEmpty {
            let pattern = "%" + OrderSearchSQL.escapeLike(text) + "%"
            let like = dialect.caseInsensitiveLike
            conditions.append(
                "(error_message \(like) \(bind(.text(pattern))) ESCAPE '\\' "
                    + "OR error_class \(like) \(bind(.text(pattern))) ESCAPE '\\')"
            )
        }
        if let status = query.status {
            conditions.append("status = \(bind(.text(status.rawValue)))")
        }
        if !query.ids.isEmpty {
            conditions.append("id IN (\(query.ids.map { bind(.text($0)) }.joined(separator: ", ")))")
        }
        if let cursor = query.after {
            let position = try OrderCursor(cursor)
            let at = bind(.integer(position.createdAt))
            let atAgain = bind(.integer(position.createdAt))
            conditions.append(
                "(last_failure < \(at) OR (last_failure = \(atAgain) AND id < \(bind(.text(position.orderID)))))"
            )
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (whereClause, values)
    }

    /// Checks the page size.
    static func checkedLimit(_ query: DeadLetterQuery) throws -> Int {
        guard (1...1000).contains(query.limit) else {
            throw StoreError.invalidValue(
                field: "DeadLetterQuery.limit",
                value: String(query.limit),
                reason: "must be 1...1000"
            )
        }
        return query.limit
    }

    /// The page of `rows` (fetched with `limit + 1`): the cursor after the last kept record when there are more.
    static func page(_ rows: [DeadLetterRecord], limit: Int) -> DeadLetterPage {
        guard rows.count > limit else { return DeadLetterPage(records: rows, nextCursor: nil) }
        let kept = Array(rows.prefix(limit))
        let last = kept[kept.count - 1]
        return DeadLetterPage(records: kept, nextCursor: "\(last.lastFailure.microsecondsSinceEpoch):\(last.id)")
    }

    /// The status column's value as a status; `id` names the row in the error.
    static func status(_ text: String, id: String) throws -> DeadLetterRecord.Status {
        guard let status = DeadLetterRecord.Status(rawValue: text) else {
            throw StoreError.invalidValue(field: "dead_letters[\(id)].status", value: text, reason: "is not a status")
        }
        return status
    }
}
