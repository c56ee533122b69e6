import KontorModel
import PostgresNIO

extension PostgresStore: PickupStore {
    public func labelledParcels(locationID: String, carrier: String, bookedFrom from: Timestamp, until: Timestamp)
        async throws -> [LabelledParcel]
    {
        let from = Int(from.microsecondsSinceEpoch)
        let until = Int(until.microsecondsSinceEpoch)
        return try await fetch(
            """
            SELECT l.labels_json, t.parcels_json FROM shipment_labels l
            JOIN pick_tasks t ON t.task_id = l.task_id
            WHERE t.location_id = \(locationID) AND l.booked_at >= \(from) AND l.booked_at < \(until)
            ORDER BY l.booked_at, l.task_id
            """,
            {
                try PickupRules.parcels(
                    labelsJSON: try $0.value("labels_json"),
                    parcelsJSON: try $0.value("parcels_json"),
                    carrier: carrier
                )
            }
        ).flatMap { $0 }
    }

    public func claimPickup(
        _ key: PickupKey,
        parcels: [LabelledParcel],
        claimID: String,
        at now: Timestamp,
        claimedUntil: Timestamp
    ) async throws -> PickupRecord? {
        let parcelsJSON = try FulfillmentRules.encode(parcels)
        let now = Int(now.microsecondsSinceEpoch)
        let until = Int(claimedUntil.microsecondsSinceEpoch)
        // One statement: the insert, or the takeover of a retrying or expired claim, decided on the locked row; a
        // concurrent claimer waits for it and then finds the pickup claimed (no row returned).
        return try await fetch(
            """
            INSERT INTO pickups AS p (location_id, carrier, pickup_date, reference, state, parcels_json, attempts,
                claim_id, claimed_until, updated_at)
            VALUES (\(key.locationID), \(key.carrier), \(key.date.rawValue), \(key.description), 'booking',
                \(parcelsJSON), 1, \(claimID), \(until), \(now))
            ON CONFLICT (location_id, carrier, pickup_date) DO UPDATE SET state = 'booking',
                parcels_json = excluded.parcels_json, attempts = p.attempts + 1, claim_id = excluded.claim_id,
                claimed_until = excluded.claimed_until, updated_at = excluded.updated_at
            WHERE p.state = 'retrying' OR (p.state = 'booking' AND p.claimed_until <= \(now))
            RETURNING *
            """,
            Self.pickupRecord
        ).first
    }

    @discardableResult
    public func settlePickup(_ key: PickupKey, claimID: String, outcome: PickupOutcome, at now: Timestamp)
        async throws -> PickupRecord?
    {
        let columns = PickupRules.columns(of: outcome)
        return try await fetch(
            """
            UPDATE pickups SET state = \(columns.state.rawValue), carrier_pickup_id = \(columns.pickupID),
                error = \(columns.error), updated_at = \(Int(now.microsecondsSinceEpoch))
            WHERE location_id = \(key.locationID) AND carrier = \(key.carrier) AND pickup_date = \(key.date.rawValue)
                AND claim_id = \(claimID) AND state = 'booking'
            RETURNING *
            """,
            Self.pickupRecord
        ).first
    }

    public func markPickupPublished(_ key: PickupKey, at now: Timestamp) async throws {
        try await execute(
            """
            UPDATE pickups SET published_at = \(Int(now.microsecondsSinceEpoch))
            WHERE location_id = \(key.locationID) AND carrier = \(key.carrier) AND pickup_date = \(key.date.rawValue)
            """
        )
    }

    public func pickups(_ query: PickupQuery) async throws -> [PickupRecord] {
        let date = query.date?.rawValue
        return try await fetch(
            """
            SELECT * FROM pickups
            WHERE (\(date)::text IS NULL OR pickup_date = \(date))
                AND (\(query.locationID)::text IS NULL OR location_id = \(query.locationID))
                AND (\(query.carrier)::text IS NULL OR carrier = \(query.carrier))
                AND (NOT \(query.unpublishedOnly) OR (state = 'scheduled' AND published_at IS NULL))
            ORDER BY pickup_date DESC, location_id, carrier
            LIMIT \(query.limit)
            """,
            Self.pickupRecord
        )
    }

    @Sendable
    private static func pickupRecord(_ row: PostgresRandomAccessRow) throws -> PickupRecord {
        PickupRecord(
            key: try PickupRules.key(
                locationID: try row.value("location_id"),
                carrier: try row.value("carrier"),
                date: try row.value("pickup_date")
            ),
            reference: try row.value("reference"),
            state: try PickupRules.state(try row.value("state")),
            parcels: try FulfillmentRules.decode([LabelledParcel].self, try row.value("parcels_json")),
            carrierPickupID: try row.value("carrier_pickup_id"),
            error: try row.value("error"),
            attempts: try row.value("attempts"),
            claimID: try row.value("claim_id"),
            claimedUntil: Timestamp(microsecondsSinceEpoch: try row.value("claimed_until")),
            updatedAt: Timestamp(microsecondsSinceEpoch: try row.value("updated_at")),
            publishedAt: try row.value("published_at", as: Int64?.self).map(Timestamp.init(microsecondsSinceEpoch:))
        )
    }
}
