import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: FulfillmentStore {
    public func savePickTasks(_ tasks: [PickTaskRecord]) async throws {
        guard !tasks.isEmpty else { return }
        let logger = logger
        try await transaction { connection in
            for task in tasks {
                let taskJSON = try FulfillmentRules.encode(task.task)
                let linesJSON = try FulfillmentRules.encode(task.lines)
                let parcelsJSON = try FulfillmentRules.encode(task.parcels)
                try await connection.execute(
                    """
                    INSERT INTO pick_tasks (task_id, order_id, location_id, sequence, cause_id, status, carrier,
                        carrier_service, task_json, lines_json, parcels_json, created_at, updated_at)
                    VALUES (\(task.taskID), \(task.orderID.rawValue), \(task.locationID), \(task.sequence),
                        \(task.causeID), \(task.status.rawValue), \(task.carrier), \(task.carrierService),
                        \(taskJSON), \(linesJSON), \(parcelsJSON), \(Int(task.task.createdAt.microsecondsSinceEpoch)),
                        \(Int(task.updatedAt.microsecondsSinceEpoch)))
                    ON CONFLICT (task_id) DO NOTHING
                    """,
                    logger: logger
                )
            }
        }
    }

    public func pickTask(id: String) async throws -> PickTaskRecord? {
        try await fetch("SELECT * FROM pick_tasks WHERE task_id = \(id)", Self.pickTaskRecord).first
    }

    public func pickTasks(orderID: OrderID) async throws -> [PickTaskRecord] {
        try await fetch(
            "SELECT * FROM pick_tasks WHERE order_id = \(orderID.rawValue) ORDER BY location_id, sequence",
            Self.pickTaskRecord
        )
    }

    public func applyConfirmation(_ confirmation: WarehouseConfirmation) async throws -> FulfillmentOutcome {
        let logger = logger
        return try await transaction { connection in
            // The task's row lock makes confirmations of one task take turns; the confirmation row decides replays.
            let tasks = try await connection.fetch(
                "SELECT * FROM pick_tasks WHERE task_id = \(confirmation.taskId) FOR UPDATE",
                logger: logger,
                Self.pickTaskRecord
            )
            if let stored = try await connection.fetch(
                """
                SELECT outcome_json FROM fulfillment_confirmations
                WHERE confirmation_id = \(confirmation.confirmationId)
                """,
                logger: logger,
                { try $0.value("outcome_json", as: String.self) }
            ).first {
                var outcome = try FulfillmentRules.decode(FulfillmentOutcome.self, stored)
                outcome.replayed = true
                return outcome
            }
            guard let task = tasks.first else { throw StoreError.notFound(kind: "pick task", id: confirmation.taskId) }
            let applied = try FulfillmentRules.apply(confirmation, to: task)
            let now = Timestamp.now()
            var active = try await Self.reservations(connection, logger: logger, orderID: task.orderID, status: .active)
            // Stock rows are locked in SKU order, as every other stock change does.
            let moves =
                applied.shortUnits.map { ($0, Reservation.Status.released, true) }
                + applied.shippedUnits.map { ($0, Reservation.Status.consumed, true) }
                + applied.cancelledUnits.map { ($0, Reservation.Status.released, false) }
            for (units, status, leaves) in moves.sorted(by: { $0.0.sku < $1.0.sku }) {
                let taken = try await Self.take(
                    connection,
                    logger: logger,
                    units,
                    task: task,
                    from: &active,
                    into: status,
                    at: now
                )
                // Shipped units left; short units are not there: both leave on hand, their reservations end.
                // Cancelled units were put back: they stay on hand for other orders.
                let leaving = leaves ? units.quantity : 0
                try await connection.execute(
                    """
                    UPDATE stock SET on_hand = GREATEST(0, on_hand - \(leaving)),
                        reserved = GREATEST(0, reserved - \(taken))
                    WHERE sku = \(units.sku) AND location_id = \(task.locationID)
                    """,
                    logger: logger
                )
            }
            try await Self.journal(
                connection,
                logger: logger,
                applied.cancelledUnits.map { ($0.sku, task.locationID) },
                change: .released
            )
            try await Self.journal(
                connection,
                logger: logger,
                applied.shortUnits.map { ($0.sku, task.locationID) },
                change: .shortPick
            )
            try await Self.journal(
                connection,
                logger: logger,
                applied.shippedUnits.map { ($0.sku, task.locationID) },
                change: .shipped
            )
            let linesJSON = try FulfillmentRules.encode(applied.task.lines)
            let parcelsJSON = try FulfillmentRules.encode(applied.task.parcels)
            try await connection.execute(
                """
                UPDATE pick_tasks SET status = \(applied.task.status.rawValue), carrier = \(applied.task.carrier),
                    carrier_service = \(applied.task.carrierService), lines_json = \(linesJSON),
                    parcels_json = \(parcelsJSON), updated_at = \(Int(applied.task.updatedAt.microsecondsSinceEpoch))
                WHERE task_id = \(task.taskID)
                """,
                logger: logger
            )
            let orderTasks = try await connection.fetch(
                "SELECT * FROM pick_tasks WHERE order_id = \(task.orderID.rawValue)",
                logger: logger,
                Self.pickTaskRecord
            )
            let outcome = FulfillmentOutcome(
                confirmationID: confirmation.confirmationId,
                task: applied.task,
                shipped: applied.shipped,
                short: applied.short,
                cancelled: applied.cancelled,
                orderShipped: FulfillmentRules.shippedPerLine(orderTasks)
            )
            let outcomeJSON = try FulfillmentRules.encode(outcome)
            try await connection.execute(
                """
                INSERT INTO fulfillment_confirmations (confirmation_id, task_id, kind, outcome_json, applied_at)
                VALUES (\(confirmation.confirmationId), \(task.taskID), \(confirmation.kind.rawValue), \(outcomeJSON),
                    \(Int(now.microsecondsSinceEpoch)))
                """,
                logger: logger
            )
            return outcome
        }
    }

    public func requestCancellation(_ cancellation: FulfillmentCancellation) async throws -> FulfillmentCancellation {
        let logger = logger
        return try await transaction { connection in
            try await connection.execute(
                """
                INSERT INTO fulfillment_cancellations (order_id, event_id, reason, requested_by, requested_at)
                VALUES (\(cancellation.orderID.rawValue), \(cancellation.eventID), \(cancellation.reason),
                    \(cancellation.requestedBy), \(Int(cancellation.requestedAt.microsecondsSinceEpoch)))
                ON CONFLICT (order_id) DO NOTHING
                """,
                logger: logger
            )
            return try await connection.fetch(
                "SELECT * FROM fulfillment_cancellations WHERE order_id = \(cancellation.orderID.rawValue)",
                logger: logger,
                Self.cancellation
            ).first ?? cancellation
        }
    }

    public func cancellation(orderID: OrderID) async throws -> FulfillmentCancellation? {
        try await fetch(
            "SELECT * FROM fulfillment_cancellations WHERE order_id = \(orderID.rawValue)",
            Self.cancellation
        ).first
    }

    private static func cancellation(_ row: PostgresRandomAccessRow) throws -> FulfillmentCancellation {
        FulfillmentCancellation(
            orderID: OrderID(try row.value("order_id", as: String.self)),
            eventID: try row.value("event_id", as: String.self),
            reason: try row.value("reason", as: String.self),
            requestedBy: try row.value("requested_by", as: String.self),
            requestedAt: Timestamp(microsecondsSinceEpoch: Int64(try row.value("requested_at", as: Int.self)))
        )
    }

    // MARK: Helpers inside a transaction.

    /// Moves `units` out of the active reservations into `status`; returns how many were reserved.
    private static func take(
        _ connection: PostgresConnection,
        logger: Logger,
        _ units: FulfillmentRules.Units,
        task: PickTaskRecord,
        from active: inout [Reservation],
        into status: Reservation.Status,
        at now: Timestamp
    ) async throws -> Int {
        let (changes, taken) = FulfillmentRules.take(
            units.quantity,
            line: units.reservationLine,
            locationID: task.locationID,
            from: active,
            into: status,
            at: now
        )
        for change in changes {
            switch change {
            case .setStatus(let id, let status):
                try await connection.execute(
                    "UPDATE reservations SET status = \(status.rawValue) WHERE id = \(id)",
                    logger: logger
                )
                active.removeAll { $0.id == id }
            case .lowerQuantity(let id, let quantity):
                try await connection.execute(
                    "UPDATE reservations SET quantity = \(quantity) WHERE id = \(id)",
                    logger: logger
                )
                if let index = active.firstIndex(where: { $0.id == id }) { active[index].quantity = quantity }
            case .insert(let reservation):
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
        }
        return taken
    }

    @Sendable
    static func pickTaskRecord(_ row: PostgresRandomAccessRow) throws -> PickTaskRecord {
        PickTaskRecord(
            task: try FulfillmentRules.decode(PickTask.self, try row.value("task_json")),
            sequence: try row.value("sequence"),
            causeID: try row.value("cause_id"),
            status: PickTaskRecord.Status(rawValue: try row.value("status")) ?? .open,
            lines: try FulfillmentRules.decode([PickTaskRecord.Line].self, try row.value("lines_json")),
            parcels: try FulfillmentRules.decode([Parcel].self, try row.value("parcels_json")),
            carrier: try row.value("carrier", as: String?.self),
            carrierService: try row.value("carrier_service", as: String?.self),
            updatedAt: Timestamp(microsecondsSinceEpoch: Int64(try row.value("updated_at", as: Int.self)))
        )
    }
}
