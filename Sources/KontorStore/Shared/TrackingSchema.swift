/// The tables of migration `v12-tracking` (``TrackingStore``), for SQLite and PostgreSQL.
enum TrackingSchema {
    static let sqlite = """
        CREATE TABLE IF NOT EXISTS tracking_shipments (
            task_id TEXT NOT NULL PRIMARY KEY,
            order_id TEXT NOT NULL,
            correlation_id TEXT NOT NULL,
            carrier TEXT,
            carrier_service TEXT,
            promised_date TEXT,
            created_at INTEGER NOT NULL,
            shipped_at INTEGER,
            completes_order INTEGER NOT NULL,
            settled INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS tracking_shipments_by_order ON tracking_shipments (order_id);
        CREATE INDEX IF NOT EXISTS tracking_shipments_unsettled ON tracking_shipments (settled, created_at);
        CREATE TABLE IF NOT EXISTS tracking_parcels (
            tracking_number TEXT NOT NULL PRIMARY KEY,
            task_id TEXT NOT NULL,
            order_id TEXT NOT NULL,
            carrier TEXT NOT NULL,
            status TEXT,
            last_scan_at INTEGER,
            last_scan TEXT
        );
        CREATE INDEX IF NOT EXISTS tracking_parcels_by_order ON tracking_parcels (order_id);
        CREATE TABLE IF NOT EXISTS tracking_pending_scans (
            tracking_number TEXT NOT NULL,
            event_id TEXT NOT NULL,
            value BLOB NOT NULL,
            received_at INTEGER NOT NULL,
            PRIMARY KEY (tracking_number, event_id)
        );
        CREATE TABLE IF NOT EXISTS order_delays (
            order_id TEXT NOT NULL,
            cause TEXT NOT NULL,
            event_id TEXT NOT NULL,
            detected_at INTEGER NOT NULL,
            PRIMARY KEY (order_id, cause)
        );
        CREATE TABLE IF NOT EXISTS order_flags (
            order_id TEXT NOT NULL,
            flag TEXT NOT NULL,
            detail TEXT,
            at INTEGER NOT NULL,
            PRIMARY KEY (order_id, flag)
        );
        CREATE INDEX IF NOT EXISTS order_flags_by_flag ON order_flags (flag, order_id);
        """

    static let postgres = [
        """
        CREATE TABLE tracking_shipments (
            task_id TEXT NOT NULL PRIMARY KEY,
            order_id TEXT NOT NULL,
            correlation_id TEXT NOT NULL,
            carrier TEXT,
            carrier_service TEXT,
            promised_date TEXT,
            created_at BIGINT NOT NULL,
            shipped_at BIGINT,
            completes_order BOOLEAN NOT NULL,
            settled BOOLEAN NOT NULL
        )
        """,
        "CREATE INDEX tracking_shipments_by_order ON tracking_shipments (order_id)",
        "CREATE INDEX tracking_shipments_unsettled ON tracking_shipments (settled, created_at)",
        """
        CREATE TABLE tracking_parcels (
            tracking_number TEXT NOT NULL PRIMARY KEY,
            task_id TEXT NOT NULL,
            order_id TEXT NOT NULL,
            carrier TEXT NOT NULL,
            status TEXT,
            last_scan_at BIGINT,
            last_scan TEXT
        )
        """,
        "CREATE INDEX tracking_parcels_by_order ON tracking_parcels (order_id)",
        """
        CREATE TABLE tracking_pending_scans (
            tracking_number TEXT NOT NULL,
            event_id TEXT NOT NULL,
            value BYTEA NOT NULL,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (tracking_number, event_id)
        )
        """,
        """
        CREATE TABLE order_delays (
            order_id TEXT NOT NULL,
            cause TEXT NOT NULL,
            event_id TEXT NOT NULL,
            detected_at BIGINT NOT NULL,
            PRIMARY KEY (order_id, cause)
        )
        """,
        """
        CREATE TABLE order_flags (
            order_id TEXT NOT NULL,
            flag TEXT NOT NULL,
            detail TEXT,
            at BIGINT NOT NULL,
            PRIMARY KEY (order_id, flag)
        )
        """,
        "CREATE INDEX order_flags_by_flag ON order_flags (flag, order_id)",
    ]
}
