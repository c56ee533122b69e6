import GRDB
import KontorModel

extension SQLiteStore: InventoryStore {
    public func setStock(_ counts: [StockCount]) async throws {
        guard !counts.isEmpty else { return }
        for count in counts { try StockRules.check(count) }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO stock (sku, location_id, on_hand, reserved, safety_stock) VALUES (?, ?, ?, 0, ?)
                    ON CONFLICT(sku, location_id) DO UPDATE SET on_hand = excluded.on_hand,
                        safety_stock = excluded.safety_stock
                    """
            )
            for count in counts {
                try statement.execute(arguments: [count.sku, count.locationID, count.onHand, count.safetyStock])
            }
            try Self.journal(db, counts.map { ($0.sku, $0.locationID) }, change: .count)
        }
    }

    @discardableResult
    public func adjustOnHand(sku: String, locationID: String, by delta: Int) async throws -> StockLevel {
        try await pool.write { db in
            let current = try Self.stockLevel(db, sku: sku, locationID: locationID)
            let onHand = (current?.onHand ?? 0) + delta
            try StockRules.checkAdjustment(sku: sku, locationID: locationID, delta: delta, resultingOnHand: onHand)
            try db.execute(
                sql: """
                    INSERT INTO stock (sku, location_id, on_hand) VALUES (?, ?, ?)
                    ON CONFLICT(sku, location_id) DO UPDATE SET on_hand = excluded.on_hand
                    """,
                arguments: [sku, locationID, onHand]
            )
            if delta != 0 { try Self.journal(db, [(sku, locationID)], change: delta > 0 ? .receipt : .adjustment) }
            return try Self.stockLevel(db, sku: sku, locationID: locationID)!
        }
    }

    public func stockLevels(skus: [String], locationIDs: [String]?) async throws -> [StockLevel] {
        guard !skus.isEmpty else { return [] }
        let levels = try await pool.read { db in
            try Self.chunked(skus) { chunk, marks in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM stock WHERE sku IN (\(marks))",
                    arguments: StatementArguments(chunk)
                ).map(SQLiteRows.stockLevel)
            }
        }
        let wanted = locationIDs.map(Set.init)
        return levels.filter { wanted?.contains($0.locationID) ?? true }
            .sorted { ($0.sku, $0.locationID) < ($1.sku, $1.locationID) }
    }

    public func availableToPromise(sku: String, locationID: String) async throws -> Int {
        try await pool.read { db in try Self.stockLevel(db, sku: sku, locationID: locationID)?.available ?? 0 }
    }

    public func upsertInbound(_ entries: [InboundStock]) async throws {
        guard !entries.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO inbound_stock (reference, sku, location_id, quantity, eta) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(reference, sku, location_id) DO UPDATE SET quantity = excluded.quantity,
                        eta = excluded.eta
                    """
            )
            for entry in entries {
                try statement.execute(arguments: [
                    entry.reference, entry.sku, entry.locationID, entry.quantity, entry.eta.rawValue,
                ])
            }
            try Self.journal(db, entries.map { ($0.sku, $0.locationID) }, change: .inbound)
        }
    }

    public func inbound(skus: [String]) async throws -> [InboundStock] {
        guard !skus.isEmpty else { return [] }
        let entries = try await pool.read { db in
            try Self.chunked(skus) { chunk, marks in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM inbound_stock WHERE sku IN (\(marks))",
                    arguments: StatementArguments(chunk)
                ).compactMap(SQLiteRows.inbound)
            }
        }
        return entries.sorted { ($0.eta.rawValue, $0.sku, $0.locationID) < ($1.eta.rawValue, $1.sku, $1.locationID) }
    }

    public func reserve(
        orderID: OrderID,
        lines: [ReservationRequest],
        capacityDate: KontorDate?
    ) async throws -> ReservationOutcome {
        let plan = try ReservationPlan(orderID: orderID, lines: lines)
        do {
            return try await pool.write { db in
                // The write transaction is IMMEDIATE: no other writer (thread or process) runs until it ends, so the
                // checks below and the updates after them are one atomic step.
                let active = try Self.reservations(db, orderID: orderID, status: .active)
                if !active.isEmpty {
                    guard plan.isReplay(of: active) else { throw StoreError.conflictingReservation(orderID: orderID) }
                    return .reserved(active)
                }
                return .reserved(try Self.reserveLines(db, plan: plan, capacityDate: capacityDate))
            }
        } catch let refused as ReservationRefused {
            return .refused(refused.shortfalls)
        }
    }

    @discardableResult
    public func releaseReservations(orderID: OrderID) async throws -> [Reservation] {
        try await pool.write { db in
            let active = try Self.reservations(db, orderID: orderID, status: .active)
            for reservation in active {
                try db.execute(
                    sql: "UPDATE stock SET reserved = MAX(0, reserved - ?) WHERE sku = ? AND location_id = ?",
                    arguments: [reservation.quantity, reservation.sku, reservation.locationID]
                )
            }
            try db.execute(
                sql: "UPDATE reservations SET status = 'released' WHERE order_id = ? AND status = 'active'",
                arguments: [orderID.rawValue]
            )
            let claims = try Row.fetchAll(
                db,
                sql: "SELECT location_id, day FROM capacity_claims WHERE order_id = ?",
                arguments: [orderID.rawValue]
            )
            for claim in claims {
                try db.execute(
                    sql: "UPDATE capacity_usage SET orders = MAX(0, orders - 1) WHERE location_id = ? AND day = ?",
                    arguments: [claim["location_id"] as String, claim["day"] as String]
                )
            }
            try db.execute(sql: "DELETE FROM capacity_claims WHERE order_id = ?", arguments: [orderID.rawValue])
            try Self.journal(db, active.map { ($0.sku, $0.locationID) }, change: .released)
            return active.map { StockRules.with($0, status: .released) }
        }
    }

    @discardableResult
    public func consumeReservations(orderID: OrderID) async throws -> [Reservation] {
        try await pool.write { db in
            let active = try Self.reservations(db, orderID: orderID, status: .active)
            for reservation in active {
                try db.execute(
                    sql: """
                        UPDATE stock SET on_hand = MAX(0, on_hand - ?), reserved = MAX(0, reserved - ?)
                        WHERE sku = ? AND location_id = ?
                        """,
                    arguments: [reservation.quantity, reservation.quantity, reservation.sku, reservation.locationID]
                )
            }
            try db.execute(
                sql: "UPDATE reservations SET status = 'consumed' WHERE order_id = ? AND status = 'active'",
                arguments: [orderID.rawValue]
            )
            return active.map { StockRules.with($0, status: .consumed) }
        }
    }

    public func reservations(orderID: OrderID) async throws -> [Reservation] {
        try await pool.read { db in try Self.reservations(db, orderID: orderID, status: nil) }
    }

    public func capacityUsage(locationID: String, date: KontorDate) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT orders FROM capacity_usage WHERE location_id = ? AND day = ?",
                arguments: [locationID, date.rawValue]
            ) ?? 0
        }
    }

    // MARK: Helpers inside a transaction.

    /// Takes the plan's units and capacity, or throws ``ReservationRefused`` (rolling the transaction back); returns
    /// the reservations inserted.
    static func reserveLines(_ db: Database, plan: ReservationPlan, capacityDate: KontorDate?) throws -> [Reservation] {
        let orderID = plan.orderID
        var shortfalls: [ReservationShortfall] = []
        for locationID in plan.locationIDs {
            let isActive = try Bool.fetchOne(
                db,
                sql: "SELECT active FROM locations WHERE id = ?",
                arguments: [locationID]
            )
            if isActive == false {
                shortfalls.append(
                    ReservationShortfall(
                        reason: .locationUnavailable,
                        lineNumber: nil,
                        sku: nil,
                        locationID: locationID,
                        requested: 1,
                        available: 0
                    )
                )
            }
        }
        for need in plan.needs {
            try db.execute(
                sql: """
                    UPDATE stock SET reserved = reserved + ?
                    WHERE sku = ? AND location_id = ? AND on_hand - reserved - safety_stock >= ?
                    """,
                arguments: [need.quantity, need.sku, need.locationID, need.quantity]
            )
            if db.changesCount == 0 {
                let available = try Self.stockLevel(db, sku: need.sku, locationID: need.locationID)?.available
                shortfalls += StockRules.shortfalls(for: need, plan: plan, available: available ?? 0)
            }
        }
        if let capacityDate {
            for locationID in plan.locationIDs {
                if let shortfall = try Self.claimCapacity(
                    db,
                    locationID: locationID,
                    day: capacityDate.rawValue,
                    orderID: orderID
                ) {
                    shortfalls.append(shortfall)
                }
            }
        }
        // Throwing rolls the whole transaction back: all or nothing.
        guard shortfalls.isEmpty else { throw ReservationRefused(shortfalls: shortfalls) }
        let reservations = plan.reservations(at: .now())
        for reservation in reservations {
            try db.execute(
                sql: """
                    INSERT INTO reservations (id, order_id, line_number, sku, location_id, quantity, status,
                        created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    reservation.id, reservation.orderID.rawValue, reservation.lineNumber, reservation.sku,
                    reservation.locationID, reservation.quantity, reservation.status.rawValue,
                    reservation.createdAt.microsecondsSinceEpoch,
                ]
            )
        }
        return reservations
    }

    static func stockLevel(_ db: Database, sku: String, locationID: String) throws -> StockLevel? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM stock WHERE sku = ? AND location_id = ?",
            arguments: [sku, locationID]
        ).map(SQLiteRows.stockLevel)
    }

    static func reservations(_ db: Database, orderID: OrderID, status: Reservation.Status?) throws -> [Reservation] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM reservations WHERE order_id = ?" + (status == nil ? "" : " AND status = ?")
                + " ORDER BY line_number, location_id, id",
            arguments: StatementArguments([orderID.rawValue] + (status.map { [$0.rawValue] } ?? []))
        ).map(SQLiteRows.reservation)
    }

    /// Takes one of the location's orders on `day` for the order, unless it holds one already; returns the
    /// shortfall when the day is full.
    static func claimCapacity(
        _ db: Database,
        locationID: String,
        day: String,
        orderID: OrderID
    ) throws -> ReservationShortfall? {
        let location = try Row.fetchOne(
            db,
            sql: "SELECT daily_capacity FROM locations WHERE id = ?",
            arguments: [locationID]
        )
        let capacity: Int? = location?["daily_capacity"]
        try db.execute(
            sql: "INSERT OR IGNORE INTO capacity_claims (location_id, day, order_id) VALUES (?, ?, ?)",
            arguments: [locationID, day, orderID.rawValue]
        )
        guard db.changesCount == 1 else { return nil }
        try db.execute(
            sql: "INSERT OR IGNORE INTO capacity_usage (location_id, day, orders) VALUES (?, ?, 0)",
            arguments: [locationID, day]
        )
        try db.execute(
            sql: "UPDATE capacity_usage SET orders = orders + 1 WHERE location_id = ? AND day = ? AND orders < ?",
            arguments: [locationID, day, capacity ?? Int.max]
        )
        guard db.changesCount == 0 else { return nil }
        let used =
            try Int.fetchOne(
                db,
                sql: "SELECT orders FROM capacity_usage WHERE location_id = ? AND day = ?",
                arguments: [locationID, day]
            ) ?? 0
        return StockRules.capacityShortfall(locationID: locationID, capacity: capacity ?? 0, used: used)
    }
}
