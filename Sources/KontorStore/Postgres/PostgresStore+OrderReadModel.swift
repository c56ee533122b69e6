import Foundation
import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: OrderReadModelStore {
    public func saveOrder(_ record: OrderRecord, expectedVersion: Int?) async throws -> OrderRecord {
        var saved = record
        saved.version = (expectedVersion ?? 0) + 1
        let json = String(decoding: saved.orderJSON, as: UTF8.self)
        let allocation = saved.allocationJSON.map { String(decoding: $0, as: UTF8.self) }
        let written: [Int]
        if let expectedVersion {
            // The version condition is checked on the locked row: of two savers with the same expected version,
            // the second finds the first's version and fails.
            written = try await fetch(
                """
                UPDATE orders SET order_number = \(saved.orderNumber), channel = \(saved.channel.rawValue),
                    customer_id = \(saved.customerID), customer_name = \(saved.customerName),
                    status = \(saved.status), total_amount = \(saved.totalAmount?.description)::numeric,
                    currency = \(saved.currency?.rawValue), created_at = \(Int(saved.createdAt.microsecondsSinceEpoch)),
                    updated_at = \(Int(saved.updatedAt.microsecondsSinceEpoch)), order_json = \(json),
                    allocation_json = \(allocation), version = \(saved.version)
                WHERE order_id = \(saved.orderID.rawValue) AND version = \(expectedVersion)
                RETURNING version
                """
            ) { try $0.value("version", as: Int.self) }
        } else {
            written = try await fetch(
                """
                INSERT INTO orders (order_id, order_number, channel, customer_id, customer_name, status,
                    total_amount, currency, created_at, updated_at, order_json, allocation_json, version)
                VALUES (\(saved.orderID.rawValue), \(saved.orderNumber), \(saved.channel.rawValue),
                    \(saved.customerID), \(saved.customerName), \(saved.status),
                    \(saved.totalAmount?.description)::numeric, \(saved.currency?.rawValue),
                    \(Int(saved.createdAt.microsecondsSinceEpoch)), \(Int(saved.updatedAt.microsecondsSinceEpoch)),
                    \(json), \(allocation), 1)
                ON CONFLICT (order_id) DO NOTHING
                RETURNING version
                """
            ) { try $0.value("version", as: Int.self) }
        }
        guard written.isEmpty else { return saved }
        let actual = try await fetch("SELECT version FROM orders WHERE order_id = \(record.orderID.rawValue)") {
            try $0.value("version", as: Int.self)
        }.first
        throw StoreError.versionConflict(orderID: record.orderID, expected: expectedVersion, actual: actual)
    }

    public func order(id: OrderID) async throws -> OrderRecord? {
        try await fetch(
            "SELECT \(unescaped: PostgresRows.orderColumns) FROM orders WHERE order_id = \(id.rawValue)",
            PostgresRows.order
        ).first
    }

    @discardableResult
    public func appendTimeline(_ entries: [TimelineEntry]) async throws -> [TimelineEntry] {
        guard !entries.isEmpty else { return [] }
        let logger = logger
        return try await transaction { connection in
            // Numbering reads the order's last sequence: one appender per order at a time (locks in sorted order).
            for orderID in Set(entries.map(\.orderID.rawValue)).sorted() {
                try await connection.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(\("kontor.timeline:" + orderID)))",
                    logger: logger
                )
            }
            var appended: [TimelineEntry] = []
            for entry in entries {
                let sequence = try await connection.fetch(
                    """
                    INSERT INTO order_timeline (order_id, sequence, at, stage, event_type, status, reasons_json,
                        event_id)
                    SELECT \(entry.orderID.rawValue), COALESCE(MAX(sequence), 0) + 1,
                        \(Int(entry.at.microsecondsSinceEpoch)), \(entry.stage), \(entry.eventType), \(entry.status),
                        \(entry.reasonsJSON), \(entry.eventID)
                    FROM order_timeline WHERE order_id = \(entry.orderID.rawValue)
                    ON CONFLICT (order_id, event_id) DO NOTHING
                    RETURNING sequence
                    """,
                    logger: logger
                ) { try $0.value("sequence", as: Int.self) }.first
                if let sequence {
                    var numbered = entry
                    numbered.sequence = sequence
                    appended.append(numbered)
                }
            }
            return appended
        }
    }

    public func timeline(orderID: OrderID) async throws -> [TimelineEntry] {
        try await fetch(
            "SELECT * FROM order_timeline WHERE order_id = \(orderID.rawValue) ORDER BY sequence",
            PostgresRows.timelineEntry
        )
    }

    public func searchOrders(_ query: OrderQuery) async throws -> OrderPage {
        let limit = try OrderSearchSQL.checkedLimit(query)
        let filter = try OrderSearchSQL(query, dialect: .postgres, paging: true)
        let records = try await fetch(
            PostgresRows.query(
                """
                SELECT \(PostgresRows.orderColumns) FROM orders \(filter.whereClause)
                ORDER BY created_at DESC, order_id DESC LIMIT \(limit + 1)
                """,
                filter.values
            ),
            PostgresRows.order
        )
        return OrderPage(records: records, limit: limit)
    }

    public func orderCounts(_ query: OrderQuery) async throws -> OrderCounts {
        let filter = try OrderSearchSQL(query, dialect: .postgres, paging: false)
        let groups = try await fetch(
            PostgresRows.query(
                "SELECT status, channel, COUNT(*) AS n FROM orders \(filter.whereClause) GROUP BY status, channel",
                filter.values
            )
        ) { row in
            (
                status: try row.value("status", as: String.self), channel: try row.value("channel", as: String.self),
                count: try row.value("n", as: Int.self)
            )
        }
        var counts = OrderCounts(byStatus: [:], byChannel: [:])
        for group in groups {
            counts.add(status: group.status, channel: SalesChannel(group.channel), count: group.count)
        }
        return counts
    }

    public func timelineCounts(eventType: String, from: Timestamp, before: Timestamp, slotMicroseconds: Int64)
        async throws -> [Int: Int]
    {
        precondition(slotMicroseconds > 0, "a slot lasts a positive time")
        let slots = try await fetch(
            PostgresRows.query(
                OrderSearchSQL.timelineCounts(dialect: .postgres),
                [
                    .integer(from.microsecondsSinceEpoch), .integer(slotMicroseconds), .text(eventType),
                    .integer(from.microsecondsSinceEpoch), .integer(before.microsecondsSinceEpoch),
                ]
            )
        ) { row in
            (slot: try row.value("slot", as: Int.self), count: try row.value("n", as: Int.self))
        }
        return Dictionary(slots.map { ($0.slot, $0.count) }, uniquingKeysWith: +)
    }
}
