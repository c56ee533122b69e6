/// The PostgreSQL tables of returns (migration `v15-returns`); the SQLite twin is ``SQLiteReturnSchema``.
enum PostgresReturnSchema {
    static let migration = PostgresSchema.Migration(
        name: "v15-returns",
        statements: [
            """
            CREATE TABLE return_authorizations (
                rma_number TEXT NOT NULL PRIMARY KEY,
                order_id TEXT NOT NULL,
                status TEXT NOT NULL,
                resolution TEXT NOT NULL,
                lines_json TEXT NOT NULL,
                return_carrier TEXT NOT NULL,
                return_tracking_number TEXT NOT NULL UNIQUE,
                return_location_id TEXT,
                note TEXT,
                authorized_by TEXT NOT NULL,
                authorized_at BIGINT NOT NULL,
                exchange_order_id TEXT,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX return_authorizations_by_order ON return_authorizations (order_id)",
            "CREATE INDEX return_authorizations_by_exchange ON return_authorizations (exchange_order_id)",
            """
            CREATE TABLE return_receipts (
                receipt_id TEXT NOT NULL PRIMARY KEY,
                rma_number TEXT NOT NULL,
                receipt_number BIGINT NOT NULL,
                location_id TEXT NOT NULL,
                lines_json TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                UNIQUE (rma_number, receipt_number)
            )
            """,
            """
            CREATE TABLE return_settlements (
                event_id TEXT NOT NULL PRIMARY KEY,
                rma_number TEXT NOT NULL,
                amount NUMERIC,
                currency TEXT,
                exchange_order_id TEXT
            )
            """,
            "CREATE INDEX return_settlements_by_rma ON return_settlements (rma_number)",
            """
            CREATE TABLE order_shipments (
                shipment_id TEXT NOT NULL PRIMARY KEY,
                order_id TEXT NOT NULL,
                location_id TEXT NOT NULL,
                carrier TEXT NOT NULL,
                lines_json TEXT NOT NULL,
                shipped_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX order_shipments_by_order ON order_shipments (order_id)",
            """
            CREATE TABLE quarantine_stock (
                location_id TEXT NOT NULL,
                sku TEXT NOT NULL,
                quantity BIGINT NOT NULL CHECK (quantity >= 0),
                PRIMARY KEY (location_id, sku)
            )
            """,
        ]
    )
}
