import GRDB

/// The SQLite tables of returns (migration `v15-returns`); the PostgreSQL twin is ``PostgresReturnSchema``.
enum SQLiteReturnSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        // Tolerates existing objects, like every migration: two processes sharing one file may race to apply it.
        migrator.registerMigration("v15-returns") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS return_authorizations (
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
                        authorized_at INTEGER NOT NULL,
                        exchange_order_id TEXT,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS return_authorizations_by_order ON return_authorizations (order_id);
                    CREATE INDEX IF NOT EXISTS return_authorizations_by_exchange
                        ON return_authorizations (exchange_order_id);
                    CREATE TABLE IF NOT EXISTS return_receipts (
                        receipt_id TEXT NOT NULL PRIMARY KEY,
                        rma_number TEXT NOT NULL,
                        receipt_number INTEGER NOT NULL,
                        location_id TEXT NOT NULL,
                        lines_json TEXT NOT NULL,
                        received_at INTEGER NOT NULL,
                        UNIQUE (rma_number, receipt_number)
                    );
                    CREATE TABLE IF NOT EXISTS return_settlements (
                        event_id TEXT NOT NULL PRIMARY KEY,
                        rma_number TEXT NOT NULL,
                        amount TEXT,
                        currency TEXT,
                        exchange_order_id TEXT
                    );
                    CREATE INDEX IF NOT EXISTS return_settlements_by_rma ON return_settlements (rma_number);
                    CREATE TABLE IF NOT EXISTS order_shipments (
                        shipment_id TEXT NOT NULL PRIMARY KEY,
                        order_id TEXT NOT NULL,
                        location_id TEXT NOT NULL,
                        carrier TEXT NOT NULL,
                        lines_json TEXT NOT NULL,
                        shipped_at INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS order_shipments_by_order ON order_shipments (order_id);
                    CREATE TABLE IF NOT EXISTS quarantine_stock (
                        location_id TEXT NOT NULL,
                        sku TEXT NOT NULL,
                        quantity INTEGER NOT NULL CHECK (quantity >= 0),
                        PRIMARY KEY (location_id, sku)
                    );
                    """
            )
        }
    }
}
