import Foundation
import GRDB
import KontorModel

extension SQLiteStore: OrderReadModelStore {
    public func saveOrder(_ record: OrderRecord, expectedVersion: Int?) async throws -> OrderRecord {
        try await pool.write { db in
            let stored = try Int.fetchOne(
                db,
                sql: "SELECT version FROM orders WHERE order_id = ?",
                arguments: [record.orderID.rawValue]
            )
            guard stored == expectedVersion else {
                throw StoreError.versionConflict(orderID: record.orderID, expected: expectedVersion, actual: stored)
            }
            var saved = record
            saved.version = (expectedVersion ?? 0) + 1
            try db.execute(
                sql: """
                    INSERT INTO orders (order_id, order_number, channel, customer_id, customer_name, status,
                        total_amount, currency, created_at, updated_at, order_json, allocation_json, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(order_id) DO UPDATE SET order_number = excluded.order_number,
                        channel = excluded.channel, customer_id = excluded.customer_id,
                        customer_name = excluded.customer_name, status = excluded.status,
                        total_amount = excluded.total_amount, currency = excluded.currency,
                        created_at = excluded.created_at, updated_at = excluded.updated_at,
                        order_json = excluded.order_json, allocation_json = excluded.allocation_json,
                        version = excluded.version
                    """,
                arguments: [
                    saved.orderID.rawValue, saved.orderNumber, saved.channel.rawValue, saved.customerID,
                    saved.customerName, saved.status, saved.totalAmount?.description, saved.currency?.rawValue,
                    saved.createdAt.microsecondsSinceEpoch, saved.updatedAt.microsecondsSinceEpoch,
                    String(decoding: saved.orderJSON, as: UTF8.self),
                    saved.allocationJSON.map { String(decoding: $0, as: UTF8.self) }, saved.version,
                ]
            )
            return saved
        }
    }

    public func order(id: OrderID) async throws -> OrderRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM orders WHERE order_id = ?", arguments: [id.rawValue])
                .map(SQLiteRows.order)
        }
    }

    @discardableResult
    public func appendTimeline(_ entries: [TimelineEntry]) async throws -> [TimelineEntry] {
        guard !entries.isEmpty else { return [] }
        return try await pool.write { db in
            var appended: [TimelineEntry] = []
            for entry in entries {
                let known = try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM order_timeline WHERE order_id = ? AND event_id = ?",
                    arguments: [entry.orderID.rawValue, entry.eventID]
                )
                guard known == nil else { continue }
                var numbered = entry
                numbered.sequence =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM order_timeline WHERE order_id = ?",
                        arguments: [entry.orderID.rawValue]
                    ) ?? 1
                try db.execute(
                    sql: """
                        INSERT INTO order_timeline (order_id, sequence, at, stage, event_type, status, reasons_json,
                            event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        numbered.orderID.rawValue, numbered.sequence, numbered.at.microsecondsSinceEpoch,
                        numbered.stage, numbered.eventType, numbered.status, numbered.reasonsJSON, numbered.eventID,
                    ]
                )
                appended.append(numbered)
            }
            return appended
        }
    }

    public func timeline(orderID: OrderID) async throws -> [TimelineEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM order_timeline WHERE order_id = ? ORDER BY sequence",
                arguments: [orderID.rawValue]
            ).map(SQLiteRows.timelineEntry)
        }
    }

    public func searchOrders(_ query: OrderQuery) async throws -> OrderPage {
        let limit = try OrderSearchSQL.checkedLimit(query)
        let filter = try OrderSearchSQL(query, dialect: .sqlite, paging: true)
        let records = try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM orders \(filter.whereClause) ORDER BY created_at DESC, order_id DESC LIMIT ?",
                arguments: SQLiteRows.arguments(filter.values + [.integer(Int64(limit + 1))])
            ).map(SQLiteRows.order)
        }
        return OrderPage(records: records, limit: limit)
    }

    public func orderCounts(_ query: OrderQuery) async throws -> OrderCounts {
        let filter = try OrderSearchSQL(query, dialect: .sqlite, paging: false)
        return try await pool.read { db in
            var counts = OrderCounts(byStatus: [:], byChannel: [:])
            for row in try Row.fetchAll(
                db,
                sql: "SELECT status, channel, COUNT(*) AS n FROM orders \(filter.whereClause) GROUP BY status, channel",
                arguments: SQLiteRows.arguments(filter.values)
            ) {
                counts.add(status: row["status"], channel: SalesChannel(row["channel"] as String), count: row["n"])
            }
            return counts
        }
    }

    public func timelineCounts(eventType: String, from: Timestamp, before: Timestamp, slotMicroseconds: Int64)
        async throws -> [Int: Int]
    {
        precondition(slotMicroseconds > 0, "a slot lasts a positive time")
        return try await pool.read { db in
            var counts: [Int: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: OrderSearchSQL.timelineCounts(dialect: .sqlite),
                arguments: [
                    from.microsecondsSinceEpoch, slotMicroseconds, eventType, from.microsecondsSinceEpoch,
                    before.microsecondsSinceEpoch,
                ]
            ) {
                counts[row["slot"]] = row["n"]
            }
            return counts
        }
    }
}
