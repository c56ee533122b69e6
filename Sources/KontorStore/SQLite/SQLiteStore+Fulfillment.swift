import GRDB
import KontorModel

extension SQLiteStore: FulfillmentStore {
    public func savePickTasks(_ tasks: [PickTaskRecord]) async throws {
        guard !tasks.isEmpty else { return }
        try await pool.write { db in
            for task in tasks {
                try db.execute(
                    sql: """
                        INSERT INTO pick_tasks (task_id, order_id, location_id, sequence, cause_id, status, carrier,
                            carrier_service, task_json, lines_json, parcels_json, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(task_id) DO NOTHING
                        """,
                    arguments: [
                        task.taskID, task.orderID.rawValue, task.locationID, task.sequence, task.causeID,
                        task.status.rawValue, task.carrier, task.carrierService, try FulfillmentRules.encode(task.task),
                        try FulfillmentRules.encode(task.lines), try FulfillmentRules.encode(task.parcels),
                        task.task.createdAt.microsecondsSinceEpoch, task.updatedAt.microsecondsSinceEpoch,
                    ]
                )
            }
        }
    }

    public func pickTask(id: String) async throws -> PickTaskRecord? {
        try await pool.read { db in try Self.pickTask(db, id: id) }
    }

    public func pickTasks(orderID: OrderID) async throws -> [PickTaskRecord] {
        try await pool.read { db in try Self.pickTasks(db, orderID: orderID) }
    }

    public func applyConfirmation(_ confirmation: WarehouseConfirmation) async throws -> FulfillmentOutcome {
        try await pool.write { db in
            if let stored = try String.fetchOne(
                db,
                sql: "SELECT outcome_json FROM fulfillment_confirmations WHERE confirmation_id = ?",
                arguments: [confirmation.confirmationId]
            ) {
                var outcome = try FulfillmentRules.decode(FulfillmentOutcome.self, stored)
                outcome.replayed = true
                return outcome
            }
            guard let task = try Self.pickTask(db, id: confirmation.taskId) else {
                throw StoreError.notFound(kind: "pick task", id: confirmation.taskId)
            }
            let applied = try FulfillmentRules.apply(confirmation, to: task)
            let now = Timestamp.now()
            var active = try Self.reservations(db, orderID: task.orderID, status: .active)
            for units in applied.shortUnits {
                let taken = try Self.take(db, units, task: task, from: &active, into: .released, at: now)
                // The missing units are not there: released from their reservations and written off.
                try db.execute(
                    sql: """
                        UPDATE stock SET on_hand = MAX(0, on_hand - ?), reserved = MAX(0, reserved - ?)
                        WHERE sku = ? AND location_id = ?
                        """,
                    arguments: [units.quantity, taken, units.sku, task.locationID]
                )
            }
            for units in applied.shippedUnits {
                let taken = try Self.take(db, units, task: task, from: &active, into: .consumed, at: now)
                try db.execute(
                    sql: """
                        UPDATE stock SET on_hand = MAX(0, on_hand - ?), reserved = MAX(0, reserved - ?)
                        WHERE sku = ? AND location_id = ?
                        """,
                    arguments: [units.quantity, taken, units.sku, task.locationID]
                )
            }
            for units in applied.cancelledUnits {
                // Put back on the shelf: the reservation ends, the units stay on hand for other orders.
                let taken = try Self.take(db, units, task: task, from: &active, into: .released, at: now)
                try db.execute(
                    sql: "UPDATE stock SET reserved = MAX(0, reserved - ?) WHERE sku = ? AND location_id = ?",
                    arguments: [taken, units.sku, task.locationID]
                )
            }
            try Self.journal(db, applied.cancelledUnits.map { ($0.sku, task.locationID) }, change: .released)
            try Self.journal(db, applied.shortUnits.map { ($0.sku, task.locationID) }, change: .shortPick)
            try Self.journal(db, applied.shippedUnits.map { ($0.sku, task.locationID) }, change: .shipped)
            try db.execute(
                sql: """
                    UPDATE pick_tasks SET status = ?, carrier = ?, carrier_service = ?, lines_json = ?,
                        parcels_json = ?, updated_at = ?
                    WHERE task_id = ?
                    """,
                arguments: [
                    applied.task.status.rawValue, applied.task.carrier, applied.task.carrierService,
                    try FulfillmentRules.encode(applied.task.lines), try FulfillmentRules.encode(applied.task.parcels),
                    applied.task.updatedAt.microsecondsSinceEpoch, task.taskID,
                ]
            )
            let outcome = FulfillmentOutcome(
                confirmationID: confirmation.confirmationId,
                task: applied.task,
                shipped: applied.shipped,
                short: applied.short,
                cancelled: applied.cancelled,
                orderShipped: FulfillmentRules.shippedPerLine(try Self.pickTasks(db, orderID: task.orderID))
            )
            try db.execute(
                sql: """
                    INSERT INTO fulfillment_confirmations (confirmation_id, task_id, kind, outcome_json, applied_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    confirmation.confirmationId, task.taskID, confirmation.kind.rawValue,
                    try FulfillmentRules.encode(outcome), now.microsecondsSinceEpoch,
                ]
            )
            return outcome
        }
    }

    public func requestCancellation(_ cancellation: FulfillmentCancellation) async throws -> FulfillmentCancellation {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO fulfillment_cancellations (order_id, event_id, reason, requested_by, requested_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(order_id) DO NOTHING
                    """,
                arguments: [
                    cancellation.orderID.rawValue, cancellation.eventID, cancellation.reason,
                    cancellation.requestedBy, cancellation.requestedAt.microsecondsSinceEpoch,
                ]
            )
            return try Self.cancellation(db, orderID: cancellation.orderID) ?? cancellation
        }
    }

    public func cancellation(orderID: OrderID) async throws -> FulfillmentCancellation? {
        try await pool.read { db in try Self.cancellation(db, orderID: orderID) }
    }

    // MARK: Helpers inside a transaction.

    private static func cancellation(_ db: Database, orderID: OrderID) throws -> FulfillmentCancellation? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM fulfillment_cancellations WHERE order_id = ?",
            arguments: [orderID.rawValue]
        ).map { row in
            FulfillmentCancellation(
                orderID: OrderID(row["order_id"] as String),
                eventID: row["event_id"],
                reason: row["reason"],
                requestedBy: row["requested_by"],
                requestedAt: Timestamp(microsecondsSinceEpoch: row["requested_at"])
            )
        }
    }

    /// Moves `units` out of the active reservations into `status`; returns how many were reserved.
    private static func take(
        _ db: Database,
        _ units: FulfillmentRules.Units,
        task: PickTaskRecord,
        from active: inout [Reservation],
        into status: Reservation.Status,
        at now: Timestamp
    ) throws -> Int {
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
                try db.execute(
                    sql: "UPDATE reservations SET status = ? WHERE id = ?",
                    arguments: [status.rawValue, id]
                )
                active.removeAll { $0.id == id }
            case .lowerQuantity(let id, let quantity):
                try db.execute(sql: "UPDATE reservations SET quantity = ? WHERE id = ?", arguments: [quantity, id])
                if let index = active.firstIndex(where: { $0.id == id }) { active[index].quantity = quantity }
            case .insert(let reservation):
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
        }
        return taken
    }

    static func pickTask(_ db: Database, id: String) throws -> PickTaskRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM pick_tasks WHERE task_id = ?", arguments: [id]).map(pickTaskRecord)
    }

    static func pickTasks(_ db: Database, orderID: OrderID) throws -> [PickTaskRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM pick_tasks WHERE order_id = ? ORDER BY location_id, sequence",
            arguments: [orderID.rawValue]
        ).map(pickTaskRecord)
    }

    private static func pickTaskRecord(_ row: Row) throws -> PickTaskRecord {
        PickTaskRecord(
            task: try FulfillmentRules.decode(PickTask.self, row["task_json"]),
            sequence: row["sequence"],
            causeID: row["cause_id"],
            status: PickTaskRecord.Status(rawValue: row["status"]) ?? .open,
            lines: try FulfillmentRules.decode([PickTaskRecord.Line].self, row["lines_json"]),
            parcels: try FulfillmentRules.decode([Parcel].self, row["parcels_json"]),
            carrier: row["carrier"],
            carrierService: row["carrier_service"],
            updatedAt: Timestamp(microsecondsSinceEpoch: row["updated_at"])
        )
    }
}
