extension PostgresSchema {
    /// `v17-pickups`: carrier pickups (see the SQLite migration of that name).
    static let pickups = Migration(
        name: "v17-pickups",
        statements: [
            """
            CREATE TABLE pickups (
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
                claimed_until BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                published_at BIGINT,
                PRIMARY KEY (location_id, carrier, pickup_date)
            )
            """,
            "CREATE INDEX shipment_labels_by_time ON shipment_labels (booked_at)",
        ]
    )
}
