import KontorModel

/// The WHERE clause and paging of an ``OrderQuery``, built once for both backends.
struct OrderSearchSQL {
    /// `WHERE ...` (or empty).
    let whereClause: String
    /// The bound values, in placeholder order.
    let values: [SQLValue]

    /// Builds the filter of `query`; with `paging`, also the cursor condition.
    init(_ query: OrderQuery, dialect: SQLDialect, paging: Bool) throws {
        var conditions: [String] = []
        var values: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            values.append(value)
            return dialect.placeholder(values.count)
        }
        if !query.statuses.isEmpty {
            conditions.append("status IN (\(query.statuses.map { bind(.text($0)) }.joined(separator: ", ")))")
        }
        if !query.channels.isEmpty {
            conditions.append("channel IN (\(query.channels.map { bind(.text($0.rawValue)) }.joined(separator: ", ")))")
        }
        if let from = query.createdFrom {
            conditions.append("created_at >= \(bind(.integer(from.microsecondsSinceEpoch)))")
        }
        if let before = query.createdBefore {
            conditions.append("created_at < \(bind(.integer(before.microsecondsSinceEpoch)))")
        }
        if let customerID = query.customerID {
            conditions.append("customer_id = \(bind(.text(customerID)))")
        }
        if let text = query.text, !text.isEmpty {
            let pattern = "%" + Self.escapeLike(text) + "%"
            let like = dialect.caseInsensitiveLike
            conditions.append(
                "(order_number \(like) \(bind(.text(pattern))) ESCAPE '\\' "
                    + "OR customer_name \(like) \(bind(.text(pattern))) ESCAPE '\\')"
            )
        }
        if let flag = query.flag {
            conditions.append("order_id IN (SELECT order_id FROM order_flags WHERE flag = \(bind(.text(flag))))")
        }
        if paging, let cursor = query.after {
            let position = try OrderCursor(cursor)
            let createdAt = bind(.integer(position.createdAt))
            let createdAtAgain = bind(.integer(position.createdAt))
            conditions.append(
                "(created_at < \(createdAt) OR (created_at = \(createdAtAgain) "
                    + "AND order_id < \(bind(.text(position.orderID)))))"
            )
        }
        self.whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        self.values = values
    }

    /// Checks the page size.
    /// Distinct orders per time slot with a timeline entry of one type; binds the start, the slot length, the event
    /// type, the start again and the end.
    static func timelineCounts(dialect: SQLDialect) -> String {
        let p = (1...5).map(dialect.placeholder)
        return """
            SELECT (at - \(p[0])) / \(p[1]) AS slot, COUNT(DISTINCT order_id) AS n FROM order_timeline
            WHERE event_type = \(p[2]) AND at >= \(p[3]) AND at < \(p[4]) GROUP BY slot
            """
    }

    static func checkedLimit(_ query: OrderQuery) throws -> Int {
        guard (1...1000).contains(query.limit) else {
            throw StoreError.invalidValue(
                field: "OrderQuery.limit",
                value: String(query.limit),
                reason: "must be 1...1000"
            )
        }
        return query.limit
    }

    /// Makes `%`, `_` and `\` match themselves in a LIKE pattern with `ESCAPE '\'`.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

/// A position in the newest-first order list: the creation time and order id of the last record of a page,
/// written `<microseconds>:<order id>`.
struct OrderCursor: Sendable, Hashable {
    let createdAt: Int64
    let orderID: String

    init(after record: OrderRecord) {
        createdAt = record.createdAt.microsecondsSinceEpoch
        orderID = record.orderID.rawValue
    }

    init(_ text: String) throws {
        guard let colon = text.firstIndex(of: ":"), let micros = Int64(text[..<colon]) else {
            throw StoreError.invalidCursor(text)
        }
        createdAt = micros
        orderID = String(text[text.index(after: colon)...])
    }

    var text: String { "\(createdAt):\(orderID)" }
}
