import GRDB
import KontorModel

extension SQLiteStore: PickupStore {
    public func labelledParcels(locationID: String, carrier: String, bookedFrom from: Timestamp, until: Timestamp)
        async throws -> [LabelledParcel]
    {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT l.labels_json, t.parcels_json FROM shipment_labels l
                    JOIN pick_tasks t ON t.task_id = l.task_id
                    WHERE t.location_id = ? AND l.booked_at >= ? AND l.booked_at < ?
                    ORDER BY l.booked_at, l.task_id
                    """,
                arguments: [locationID, from.microsecondsSinceEpoch, until.microsecondsSinceEpoch]
            ).flatMap { row in
                try PickupRules.parcels(
                    labelsJSON: row["labels_json"],
                    parcelsJSON: row["parcels_json"],
                    carrier: carrier
                )
            }
        }
    }

    public func claimPickup(
        _ key: PickupKey,
        parcels: [LabelledParcel],
        claimID: String,
        at now: Timestamp,
        claimedUntil: Timestamp
    ) async throws -> PickupRecord? {
        let parcelsJSON = try FulfillmentRules.encode(parcels)
        // One IMMEDIATE transaction: one writer at a time, also across processes sharing the file.
        return try await pool.write { db in
            let keyArguments: StatementArguments = [key.locationID, key.carrier, key.date.rawValue]
            if let existing = try Self.pickup(db, key) {
                let expired = existing.state == .booking && existing.claimedUntil <= now
                guard existing.state == .retrying || expired else { return nil }
                try db.execute(
                    sql: """
                        UPDATE pickups SET state = 'booking', parcels_json = ?, attempts = attempts + 1, claim_id = ?,
                            claimed_until = ?, updated_at = ?
                        WHERE location_id = ? AND carrier = ? AND pickup_date = ?
                        """,
                    arguments: [parcelsJSON, claimID, claimedUntil.microsecondsSinceEpoch, now.microsecondsSinceEpoch]
                        + keyArguments
                )
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO pickups (location_id, carrier, pickup_date, reference, state, parcels_json,
                            attempts, claim_id, claimed_until, updated_at)
                        VALUES (?, ?, ?, ?, 'booking', ?, 1, ?, ?, ?)
                        """,
                    arguments: keyArguments + [
                        key.description, parcelsJSON, claimID, claimedUntil.microsecondsSinceEpoch,
                        now.microsecondsSinceEpoch,
                    ]
                )
            }
            return try Self.pickup(db, key)
        }
    }

    @discardableResult
    public func settlePickup(_ key: PickupKey, claimID: String, outcome: PickupOutcome, at now: Timestamp)
        async throws -> PickupRecord?
    {
        let columns = PickupRules.columns(of: outcome)
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE pickups SET state = ?, carrier_pickup_id = ?, error = ?, updated_at = ?
                    WHERE location_id = ? AND carrier = ? AND pickup_date = ? AND claim_id = ? AND state = 'booking'
                    """,
                arguments: [
                    columns.state.rawValue, columns.pickupID, columns.error, now.microsecondsSinceEpoch,
                    key.locationID, key.carrier, key.date.rawValue, claimID,
                ]
            )
            return db.changesCount == 0 ? nil : try Self.pickup(db, key)
        }
    }

    public func markPickupPublished(_ key: PickupKey, at now: Timestamp) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE pickups SET published_at = ? WHERE location_id = ? AND carrier = ? AND pickup_date = ?",
                arguments: [now.microsecondsSinceEpoch, key.locationID, key.carrier, key.date.rawValue]
            )
        }
    }

    public func pickups(_ query: PickupQuery) async throws -> [PickupRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let date = query.date {
            conditions.append("pickup_date = ?")
            arguments += [date.rawValue]
        }
        if let locationID = query.locationID {
            conditions.append("location_id = ?")
            arguments += [locationID]
        }
        if let carrier = query.carrier {
            conditions.append("carrier = ?")
            arguments += [carrier]
        }
        if query.unpublishedOnly {
            conditions.append("state = 'scheduled' AND published_at IS NULL")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [query.limit]
        return try await pool.read { [arguments] db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM pickups \(filter) ORDER BY pickup_date DESC, location_id, carrier LIMIT ?",
                arguments: arguments
            ).map(Self.pickupRecord)
        }
    }

    private static func pickup(_ db: Database, _ key: PickupKey) throws -> PickupRecord? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM pickups WHERE location_id = ? AND carrier = ? AND pickup_date = ?",
            arguments: [key.locationID, key.carrier, key.date.rawValue]
        ).map(pickupRecord)
    }

    private static func pickupRecord(_ row: Row) throws -> PickupRecord {
        PickupRecord(
            key: try PickupRules.key(locationID: row["location_id"], carrier: row["carrier"], date: row["pickup_date"]),
            reference: row["reference"],
            state: try PickupRules.state(row["state"]),
            parcels: try FulfillmentRules.decode([LabelledParcel].self, row["parcels_json"]),
            carrierPickupID: row["carrier_pickup_id"],
            error: row["error"],
            attempts: row["attempts"],
            claimID: row["claim_id"],
            claimedUntil: Timestamp(microsecondsSinceEpoch: row["claimed_until"]),
            updatedAt: Timestamp(microsecondsSinceEpoch: row["updated_at"]),
            publishedAt: (row["published_at"] as Int64?).map(Timestamp.init(microsecondsSinceEpoch:))
        )
    }
}
