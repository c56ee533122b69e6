import Foundation
import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: AllocationStore {
    public func saveAllocation(_ record: AllocationRecord) async throws {
        let logger = logger
        try await transaction { connection in
            try await connection.execute(
                """
                INSERT INTO allocations (order_id, correlation_id, priority, received_at, last_event_id,
                    last_cause_id, last_event)
                VALUES (\(record.orderID.rawValue), \(record.correlationID), \(record.priority),
                    \(Int(record.receivedAt.microsecondsSinceEpoch)), \(record.lastEventID), \(record.lastCauseID),
                    \(Data(record.lastEvent)))
                ON CONFLICT (order_id) DO UPDATE SET correlation_id = excluded.correlation_id,
                    priority = excluded.priority, received_at = excluded.received_at,
                    last_event_id = excluded.last_event_id, last_cause_id = excluded.last_cause_id,
                    last_event = excluded.last_event
                """,
                logger: logger
            )
            try await connection.execute(
                "DELETE FROM backorder_skus WHERE order_id = \(record.orderID.rawValue)",
                logger: logger
            )
            for sku in Set(record.wantedSKUs).sorted() {
                try await connection.execute(
                    "INSERT INTO backorder_skus (sku, order_id) VALUES (\(sku), \(record.orderID.rawValue))",
                    logger: logger
                )
            }
        }
    }

    public func allocation(orderID: OrderID) async throws -> AllocationRecord? {
        try await records(
            "SELECT * FROM allocations WHERE order_id = \(orderID.rawValue)"
        ).first
    }

    public func backorders(wanting sku: String) async throws -> [AllocationRecord] {
        try await records(
            """
            SELECT a.* FROM allocations a JOIN backorder_skus b ON b.order_id = a.order_id
            WHERE b.sku = \(sku) ORDER BY a.priority, a.received_at, a.order_id
            """
        )
    }

    public func allocations(lastCausedBy causeID: String) async throws -> [AllocationRecord] {
        try await records(
            "SELECT * FROM allocations WHERE last_cause_id = \(causeID) ORDER BY priority, received_at, order_id"
        )
    }

    public func deleteAllocation(orderID: OrderID) async throws {
        let logger = logger
        try await transaction { connection in
            try await connection.execute(
                "DELETE FROM backorder_skus WHERE order_id = \(orderID.rawValue)",
                logger: logger
            )
            try await connection.execute("DELETE FROM allocations WHERE order_id = \(orderID.rawValue)", logger: logger)
        }
    }

    public func addReservations(
        orderID: OrderID,
        lines: [ReservationRequest],
        capacityDate: KontorDate?
    ) async throws -> ReservationOutcome {
        let plan = try ReservationPlan(orderID: orderID, lines: lines)
        let logger = logger
        do {
            return try await transaction { connection in
                // The same per-order lock as `reserve`: one reserver per order at a time.
                try await connection.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(\("kontor.reserve:" + orderID.rawValue)))",
                    logger: logger
                )
                _ = try await Self.reserveLines(connection, logger: logger, plan: plan, capacityDate: capacityDate)
                return .reserved(
                    try await Self.reservations(connection, logger: logger, orderID: orderID, status: .active)
                )
            }
        } catch let refused as ReservationRefused {
            return .refused(refused.shortfalls)
        }
    }

    public func stockJournal(after sequence: Int, limit: Int) async throws -> [StockJournalEntry] {
        try await fetch(
            "SELECT * FROM stock_journal WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(limit)"
        ) { row in
            StockJournalEntry(
                sequence: try row.value("sequence"),
                sku: try row.value("sku"),
                locationID: try row.value("location_id"),
                change: StockJournalEntry.Change(rawValue: try row.value("change")) ?? .adjustment
            )
        }
    }

    private func records(_ query: PostgresQuery) async throws -> [AllocationRecord] {
        let rows = try await fetch(query) { row in
            AllocationRecord(
                orderID: OrderID(try row.value("order_id", as: String.self)),
                correlationID: try row.value("correlation_id"),
                priority: try row.value("priority"),
                receivedAt: Timestamp(microsecondsSinceEpoch: try row.value("received_at")),
                wantedSKUs: [],
                lastEventID: try row.value("last_event_id"),
                lastCauseID: try row.value("last_cause_id"),
                lastEvent: [UInt8](try row.value("last_event", as: Data.self))
            )
        }
        guard !rows.isEmpty else { return [] }
        let wanted = try await fetch(
            "SELECT order_id, sku FROM backorder_skus WHERE order_id = ANY(\(rows.map(\.orderID.rawValue))) ORDER BY sku"
        ) { (try $0.value("order_id", as: String.self), try $0.value("sku", as: String.self)) }
        let skus = Dictionary(grouping: wanted, by: \.0).mapValues { $0.map(\.1) }
        return rows.map { record in
            var record = record
            record.wantedSKUs = skus[record.orderID.rawValue] ?? []
            return record
        }
    }

    // MARK: Helpers inside a transaction.

    /// Appends one journal entry per distinct SKU and location. Call it last in a transaction: the lock it takes
    /// makes journal writers commit in sequence order, so a reader never sees a higher sequence before a lower one.
    static func journal(
        _ connection: PostgresConnection,
        logger: Logger,
        _ changes: [(sku: String, locationID: String)],
        change: StockJournalEntry.Change
    ) async throws {
        guard !changes.isEmpty else { return }
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('kontor.stock_journal'))", logger: logger)
        let now = Int(Timestamp.now().microsecondsSinceEpoch)
        var seen: Set<String> = []
        for (sku, locationID) in changes where seen.insert(sku + "\u{0}" + locationID).inserted {
            try await connection.execute(
                """
                INSERT INTO stock_journal (sku, location_id, change, at)
                VALUES (\(sku), \(locationID), \(change.rawValue), \(now))
                """,
                logger: logger
            )
        }
    }
}
