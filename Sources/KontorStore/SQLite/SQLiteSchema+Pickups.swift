import GRDB

extension SQLiteSchema {
    /// `v17-pickups`: carrier pickups, one per location, carrier and day (``PickupRecord``), and an index on the
    /// labels' booking time, by which a pickup finds its parcels.
    static func registerPickups(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v17-pickups") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS pickups (
                        location_id TEXT NOT NULL,
                        carrier TEXT NOT NULL,
                        pickup_date TEXT NOT NULL,
                        reference TEXT NOT NULL,
                        state TEXT NOT NULL,
                        parcels_json TEXT NOT NULL,
                        carrier_pickup_id TEXT,
                        error TEXT,
                        attempts INTEGER NOT NULL,
                        claim_id TEXT NOT NULL,
                        claimed_until INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        published_at INTEGER,
                        PRIMARY KEY (location_id, carrier, pickup_date)
                    );
                    CREATE INDEX IF NOT EXISTS shipment_labels_by_time ON shipment_labels (booked_at);
                    """
            )
        }
    }
}
