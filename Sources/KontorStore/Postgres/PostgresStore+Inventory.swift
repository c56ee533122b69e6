import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: InventoryStore {
    public func setStock(_ counts: [StockCount]) async throws {
        guard !counts.isEmpty else { return }
        for count in counts { try StockRules.check(count) }
        // Sorted: concurrent imports lock rows in the same order.
        let sorted = counts.sorted { ($0.sku, $0.locationID) < ($1.sku, $1.locationID) }
        try await transaction { connection in
            for count in sorted {
                try await connection.execute(
                    """
                    INSERT INTO stock (sku, location_id, on_hand, reserved, safety_stock)
                    VALUES (\(count.sku), \(count.locationID), \(count.onHand), 0, \(count.safetyStock))
                    ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = excluded.on_hand,
                        safety_stock = excluded.safety_stock
                    """,
                    logger: logger
                )
            }
            try await Self.journal(connection, logger: logger, sorted.map { ($0.sku, $0.locationID) }, change: .count)
        }
    }

    @discardableResult
    public func adjustOnHand(sku: String, locationID: String, by delta: Int) async throws -> StockLevel {
        try await transaction { connection in
            // Make sure the row exists, then lock it: the check and the update see the same on-hand figure.
            try await connection.execute(
                """
                INSERT INTO stock (sku, location_id, on_hand) VALUES (\(sku), \(locationID), 0)
                ON CONFLICT (sku, location_id) DO NOTHING
                """,
                logger: logger
            )
            let current = try await connection.fetch(
                "SELECT * FROM stock WHERE sku = \(sku) AND location_id = \(locationID) FOR UPDATE",
                logger: logger,
                PostgresRows.stockLevel
            )[0]
            let onHand = current.onHand + delta
            try StockRules.checkAdjustment(sku: sku, locationID: locationID, delta: delta, resultingOnHand: onHand)
            let level = try await connection.fetch(
                """
                UPDATE stock SET on_hand = \(onHand) WHERE sku = \(sku) AND location_id = \(locationID)
                RETURNING *
                """,
                logger: logger,
                PostgresRows.stockLevel
            )[0]
            if delta != 0 {
                try await Self.journal(
                    connection,
                    logger: logger,
                    [(sku, locationID)],
                    change: delta > 0 ? .receipt : .adjustment
                )
            }
            return level
        }
    }

    public func stockLevels(skus: [String], locationIDs: [String]?) async throws -> [StockLevel] {
        guard !skus.isEmpty else { return [] }
        if let locationIDs {
            return try await fetch(
                """
                SELECT * FROM stock WHERE sku = ANY(\(skus)) AND location_id = ANY(\(locationIDs))
                ORDER BY sku, location_id
                """,
                PostgresRows.stockLevel
            )
        }
        return try await fetch(
            "SELECT * FROM stock WHERE sku = ANY(\(skus)) ORDER BY sku, location_id",
            PostgresRows.stockLevel
        )
    }

    public func availableToPromise(sku: String, locationID: String) async throws -> Int {
        try await fetch(
            "SELECT * FROM stock WHERE sku = \(sku) AND location_id = \(locationID)",
            PostgresRows.stockLevel
        ).first?.available ?? 0
    }

    public func upsertInbound(_ entries: [InboundStock]) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { connection in
            for entry in entries {
                try await connection.execute(
                    """
                    INSERT INTO inbound_stock (reference, sku, location_id, quantity, eta)
                    VALUES (\(entry.reference), \(entry.sku), \(entry.locationID), \(entry.quantity),
                        \(entry.eta.rawValue))
                    ON CONFLICT (reference, sku, location_id) DO UPDATE SET quantity = excluded.quantity,
                        eta = excluded.eta
                    """,
                    logger: logger
                )
            }
            try await Self.journal(
                connection,
                logger: logger,
                entries.map { ($0.sku, $0.locationID) },
                change: .inbound
            )
        }
    }

    public func inbound(skus: [String]) async throws -> [InboundStock] {
        guard !skus.isEmpty else { return [] }
        return try await fetch(
            "SELECT * FROM inbound_stock WHERE sku = ANY(\(skus)) ORDER BY eta, sku, location_id",
            PostgresRows.inbound
        ).compactMap { $0 }
    }

    public func reserve(
        orderID: OrderID,
        lines: [ReservationRequest],
        capacityDate: KontorDate?
    ) async throws -> ReservationOutcome {
        let plan = try ReservationPlan(orderID: orderID, lines: lines)
        let logger = logger
        do {
            return try await transaction { connection in
                // One reserver per order at a time, so a redelivered event sees the first one's reservations.
                try await connection.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(\("kontor.reserve:" + orderID.rawValue)))",
                    logger: logger
                )
                let active = try await Self.reservations(connection, logger: logger, orderID: orderID, status: .active)
                if !active.isEmpty {
                    guard plan.isReplay(of: active) else { throw StoreError.conflictingReservation(orderID: orderID) }
                    return .reserved(active)
                }
                return .reserved(
                    try await Self.reserveLines(connection, logger: logger, plan: plan, capacityDate: capacityDate)
                )
            }
        } catch let refused as ReservationRefused {
            return .refused(refused.shortfalls)
        }
    }

    @discardableResult
    public func releaseReservations(orderID: OrderID) async throws -> [Reservation] {
        let logger = logger
        return try await transaction { connection in
            let released = try await Self.finish(connection, logger: logger, orderID: orderID, as: .released)
            let claims = try await connection.fetch(
                """
                DELETE FROM capacity_claims WHERE order_id = \(orderID.rawValue)
                RETURNING location_id, day
                """,
                logger: logger
            ) { (try $0.value("location_id", as: String.self), try $0.value("day", as: String.self)) }
            for (locationID, day) in claims.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                try await connection.execute(
                    """
                    UPDATE capacity_usage SET orders = GREATEST(0, orders - 1)
                    WHERE location_id = \(locationID) AND day = \(day)
                    """,
                    logger: logger
                )
            }
            try await Self.journal(
                connection,
                logger: logger,
                released.map { ($0.sku, $0.locationID) },
                change: .released
            )
            return released
        }
    }

    @discardableResult
    public func consumeReservations(orderID: OrderID) async throws -> [Reservation] {
        let logger = logger
        return try await transaction { connection in
            try await Self.finish(connection, logger: logger, orderID: orderID, as: .consumed)
        }
    }

    public func reservations(orderID: OrderID) async throws -> [Reservation] {
        let logger = logger
        return try await client.withConnection { connection in
            try await Self.reservations(connection, logger: logger, orderID: orderID, status: nil)
        }
    }

    public func capacityUsage(locationID: String, date: KontorDate) async throws -> Int {
        try await fetch(
            "SELECT orders FROM capacity_usage WHERE location_id = \(locationID) AND day = \(date.rawValue)"
        ) { try $0.value("orders", as: Int.self) }.first ?? 0
    }

    // MARK: Helpers inside a transaction.

    /// Takes the plan's units and capacity, or throws ``ReservationRefused`` (rolling the transaction back); returns
    /// the reservations inserted.
    static func reserveLines(
        _ connection: PostgresConnection,
        logger: Logger,
        plan: ReservationPlan,
        capacityDate: KontorDate?
    ) async throws -> [Reservation] {
        let orderID = plan.orderID
        var shortfalls: [ReservationShortfall] = []
        let inactive = try await connection.fetch(
            "SELECT id FROM locations WHERE id = ANY(\(plan.locationIDs)) AND NOT active ORDER BY id",
            logger: logger
        ) { try $0.value("id", as: String.self) }
        for locationID in inactive {
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
        // The condition is checked on the locked row: a concurrent reserver of the same row waits for this
        // transaction and then re-checks against the new figures, so the last unit goes to one of them only.
        for need in plan.needs {
            let updated = try await connection.fetch(
                """
                UPDATE stock SET reserved = reserved + \(need.quantity)
                WHERE sku = \(need.sku) AND location_id = \(need.locationID)
                    AND on_hand - reserved - safety_stock >= \(need.quantity)
                RETURNING 1 AS updated
                """,
                logger: logger
            ) { _ in 1 }
            if updated.isEmpty {
                let available = try await connection.fetch(
                    "SELECT * FROM stock WHERE sku = \(need.sku) AND location_id = \(need.locationID)",
                    logger: logger,
                    PostgresRows.stockLevel
                ).first?.available
                shortfalls += StockRules.shortfalls(for: need, plan: plan, available: available ?? 0)
            }
        }
        if let capacityDate {
            for locationID in plan.locationIDs {
                if let shortfall = try await Self.claimCapacity(
                    connection,
                    logger: logger,
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
            try await connection.execute(
                """
                INSERT INTO reservations (id, order_id, line_number, sku, location_id, quantity, status,
                    created_at)
                VALUES (\(reservation.id), \(reservation.orderID.rawValue), \(reservation.lineNumber),
                    \(reservation.sku), \(reservation.locationID), \(reservation.quantity),
                    \(reservation.status.rawValue), \(Int(reservation.createdAt.microsecondsSinceEpoch)))
                """,
                logger: logger
            )
        }
        return reservations
    }

    static func reservations(
        _ connection: PostgresConnection,
        logger: Logger,
        orderID: OrderID,
        status: Reservation.Status?
    ) async throws -> [Reservation] {
        if let status {
            return try await connection.fetch(
                """
                SELECT * FROM reservations WHERE order_id = \(orderID.rawValue) AND status = \(status.rawValue)
                ORDER BY line_number, location_id, id
                """,
                logger: logger,
                PostgresRows.reservation
            )
        }
        return try await connection.fetch(
            "SELECT * FROM reservations WHERE order_id = \(orderID.rawValue) ORDER BY line_number, location_id, id",
            logger: logger,
            PostgresRows.reservation
        )
    }

    /// Moves the order's active reservations to `status` and takes their units out of `reserved` (and, when
    /// consumed, out of on hand). The status update locks the reservations, so a concurrent release or consume of
    /// the same order finds none left.
    static func finish(
        _ connection: PostgresConnection,
        logger: Logger,
        orderID: OrderID,
        as status: Reservation.Status
    ) async throws -> [Reservation] {
        let finished = try await connection.fetch(
            """
            UPDATE reservations SET status = \(status.rawValue)
            WHERE order_id = \(orderID.rawValue) AND status = 'active'
            RETURNING *
            """,
            logger: logger,
            PostgresRows.reservation
        ).sorted { ($0.sku, $0.locationID, $0.lineNumber) < ($1.sku, $1.locationID, $1.lineNumber) }
        let shipped = status == .consumed
        for reservation in finished {
            try await connection.execute(
                """
                UPDATE stock SET reserved = GREATEST(0, reserved - \(reservation.quantity)),
                    on_hand = GREATEST(0, on_hand - \(shipped ? reservation.quantity : 0))
                WHERE sku = \(reservation.sku) AND location_id = \(reservation.locationID)
                """,
                logger: logger
            )
        }
        return finished.sorted { ($0.lineNumber, $0.locationID, $0.id) < ($1.lineNumber, $1.locationID, $1.id) }
    }

    /// Takes one of the location's orders on `day` for the order, unless it holds one already; returns the
    /// shortfall when the day is full. The conditional update on the usage row is the atomic step.
    static func claimCapacity(
        _ connection: PostgresConnection,
        logger: Logger,
        locationID: String,
        day: String,
        orderID: OrderID
    ) async throws -> ReservationShortfall? {
        let claimed = try await connection.fetch(
            """
            INSERT INTO capacity_claims (location_id, day, order_id) VALUES (\(locationID), \(day), \(orderID.rawValue))
            ON CONFLICT DO NOTHING RETURNING 1 AS claimed
            """,
            logger: logger
        ) { _ in 1 }
        guard !claimed.isEmpty else { return nil }
        let capacity =
            try await connection.fetch(
                "SELECT daily_capacity FROM locations WHERE id = \(locationID)",
                logger: logger
            ) { try $0.value("daily_capacity", as: Int?.self) }.first ?? nil
        try await connection.execute(
            """
            INSERT INTO capacity_usage (location_id, day, orders) VALUES (\(locationID), \(day), 0)
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
        let taken = try await connection.fetch(
            """
            UPDATE capacity_usage SET orders = orders + 1
            WHERE location_id = \(locationID) AND day = \(day) AND orders < \(capacity ?? Int.max)
            RETURNING orders
            """,
            logger: logger
        ) { try $0.value("orders", as: Int.self) }
        guard taken.isEmpty else { return nil }
        let used =
            try await connection.fetch(
                "SELECT orders FROM capacity_usage WHERE location_id = \(locationID) AND day = \(day)",
                logger: logger
            ) { try $0.value("orders", as: Int.self) }.first ?? 0
        return StockRules.capacityShortfall(locationID: locationID, capacity: capacity ?? 0, used: used)
    }
}
