import Foundation
import GRDB
import KontorModel

extension SQLiteStore: AllocationStore {
    public func saveAllocation(_ record: AllocationRecord) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO allocations (order_id, correlation_id, priority, received_at, last_event_id,
                        last_cause_id, last_event)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(order_id) DO UPDATE SET correlation_id = excluded.correlation_id,
                        priority = excluded.priority, received_at = excluded.received_at,
                        last_event_id = excluded.last_event_id, last_cause_id = excluded.last_cause_id,
                        last_event = excluded.last_event
                    """,
                arguments: [
                    record.orderID.rawValue, record.correlationID, record.priority,
                    record.receivedAt.microsecondsSinceEpoch, record.lastEventID, record.lastCauseID,
                    Data(record.lastEvent),
                ]
            )
            try db.execute(sql: "DELETE FROM backorder_skus WHERE order_id = ?", arguments: [record.orderID.rawValue])
            for sku in Set(record.wantedSKUs).sorted() {
                try db.execute(
                    sql: "INSERT INTO backorder_skus (sku, order_id) VALUES (?, ?)",
                    arguments: [sku, record.orderID.rawValue]
                )
            }
        }
    }

    public func allocation(orderID: OrderID) async throws -> AllocationRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM allocations WHERE order_id = ?", arguments: [orderID.rawValue])
                .map { try Self.allocationRecord(db, $0) }
        }
    }

    public func backorders(wanting sku: String) async throws -> [AllocationRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.* FROM allocations a JOIN backorder_skus b ON b.order_id = a.order_id
                    WHERE b.sku = ? ORDER BY a.priority, a.received_at, a.order_id
                    """,
                arguments: [sku]
            ).map { try Self.allocationRecord(db, $0) }
        }
    }

    public func allocations(lastCausedBy causeID: String) async throws -> [AllocationRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM allocations WHERE last_cause_id = ? ORDER BY priority, received_at, order_id",
                arguments: [causeID]
            ).map { try Self.allocationRecord(db, $0) }
        }
    }

    public func deleteAllocation(orderID: OrderID) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM backorder_skus WHERE order_id = ?", arguments: [orderID.rawValue])
            try db.execute(sql: "DELETE FROM allocations WHERE order_id = ?", arguments: [orderID.rawValue])
        }
    }

    public func addReservations(
        orderID: OrderID,
        lines: [ReservationRequest],
        capacityDate: KontorDate?
    ) async throws -> ReservationOutcome {
        let plan = try ReservationPlan(orderID: orderID, lines: lines)
        do {
            return try await pool.write { db in
                _ = try Self.reserveLines(db, plan: plan, capacityDate: capacityDate)
                return .reserved(try Self.reservations(db, orderID: orderID, status: .active))
            }
        } catch let refused as ReservationRefused {
            return .refused(refused.shortfalls)
        }
    }

    public func stockJournal(after sequence: Int, limit: Int) async throws -> [StockJournalEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM stock_journal WHERE sequence > ? ORDER BY sequence LIMIT ?",
                arguments: [sequence, limit]
            ).map { row in
                StockJournalEntry(
                    sequence: row["sequence"],
                    sku: row["sku"],
                    locationID: row["location_id"],
                    change: StockJournalEntry.Change(rawValue: row["change"]) ?? .adjustment
                )
            }
        }
    }

    // MARK: Helpers inside a transaction.

    /// Appends one journal entry per distinct SKU and location; the single SQLite writer keeps sequences in commit
    /// order.
    static func journal(
        _ db: Database,
        _ changes: [(sku: String, locationID: String)],
        change: StockJournalEntry.Change
    )
        throws
    {
        let now = Timestamp.now().microsecondsSinceEpoch
        var seen: Set<String> = []
        for (sku, locationID) in changes where seen.insert(sku + "\u{0}" + locationID).inserted {
            try db.execute(
                sql: "INSERT INTO stock_journal (sku, location_id, change, at) VALUES (?, ?, ?, ?)",
                arguments: [sku, locationID, change.rawValue, now]
            )
        }
    }

    static func allocationRecord(_ db: Database, _ row: Row) throws -> AllocationRecord {
        let orderID: String = row["order_id"]
        let skus = try String.fetchAll(
            db,
            sql: "SELECT sku FROM backorder_skus WHERE order_id = ? ORDER BY sku",
            arguments: [orderID]
        )
        let event: Data = row["last_event"]
        return AllocationRecord(
            orderID: OrderID(rawValue: orderID),
            correlationID: row["correlation_id"],
            priority: row["priority"],
            receivedAt: Timestamp(microsecondsSinceEpoch: row["received_at"]),
            wantedSKUs: skus,
            lastEventID: row["last_event_id"],
            lastCauseID: row["last_cause_id"],
            lastEvent: [UInt8](event)
        )
    }
}
