import GRDB

/// The SQLite tables of the order pipeline (catalog, locations, inventory, customers, idempotency keys, the order
/// read model and order progress), appended to ``SQLiteStore/migrator`` after the v1–v3 migrations.
enum SQLiteSchema {
    /// Registers the migrations v4 and later.
    static func register(in migrator: inout DatabaseMigrator) {
        // Like v1–v3, these tolerate existing objects: two processes sharing one file may race to apply one.
        migrator.registerMigration("v4-catalog-locations-inventory") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS products (
                        sku TEXT NOT NULL PRIMARY KEY,
                        gtin TEXT UNIQUE,
                        description TEXT NOT NULL,
                        weight_grams INTEGER,
                        list_price TEXT,
                        currency TEXT
                    );
                    CREATE TABLE IF NOT EXISTS buyer_skus (
                        customer_id TEXT NOT NULL,
                        buyer_sku TEXT NOT NULL,
                        sku TEXT NOT NULL,
                        PRIMARY KEY (customer_id, buyer_sku)
                    );
                    CREATE TABLE IF NOT EXISTS locations (
                        id TEXT NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        street TEXT,
                        street2 TEXT,
                        city TEXT,
                        postal_code TEXT,
                        country TEXT NOT NULL,
                        latitude REAL,
                        longitude REAL,
                        daily_capacity INTEGER,
                        can_ship INTEGER NOT NULL,
                        can_pickup INTEGER NOT NULL,
                        active INTEGER NOT NULL
                    );
                    CREATE TABLE IF NOT EXISTS stock (
                        sku TEXT NOT NULL,
                        location_id TEXT NOT NULL,
                        on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
                        reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
                        safety_stock INTEGER NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
                        PRIMARY KEY (sku, location_id)
                    );
                    CREATE TABLE IF NOT EXISTS inbound_stock (
                        reference TEXT NOT NULL,
                        sku TEXT NOT NULL,
                        location_id TEXT NOT NULL,
                        quantity INTEGER NOT NULL,
                        eta TEXT NOT NULL,
                        PRIMARY KEY (reference, sku, location_id)
                    );
                    CREATE INDEX IF NOT EXISTS inbound_stock_by_sku ON inbound_stock (sku, eta);
                    CREATE TABLE IF NOT EXISTS reservations (
                        id TEXT NOT NULL PRIMARY KEY,
                        order_id TEXT NOT NULL,
                        line_number INTEGER NOT NULL,
                        sku TEXT NOT NULL,
                        location_id TEXT NOT NULL,
                        quantity INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS reservations_by_order ON reservations (order_id, status);
                    CREATE TABLE IF NOT EXISTS capacity_usage (
                        location_id TEXT NOT NULL,
                        day TEXT NOT NULL,
                        orders INTEGER NOT NULL,
                        PRIMARY KEY (location_id, day)
                    );
                    CREATE TABLE IF NOT EXISTS capacity_claims (
                        location_id TEXT NOT NULL,
                        day TEXT NOT NULL,
                        order_id TEXT NOT NULL,
                        PRIMARY KEY (location_id, day, order_id)
                    );
                    CREATE INDEX IF NOT EXISTS capacity_claims_by_order ON capacity_claims (order_id);
                    """
            )
        }
        migrator.registerMigration("v5-customers-idempotency") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS customers (
                        id TEXT NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL,
                        credit_limit TEXT,
                        currency TEXT,
                        open_balance TEXT NOT NULL
                    );
                    CREATE TABLE IF NOT EXISTS idempotency_keys (
                        scope TEXT NOT NULL,
                        key TEXT NOT NULL,
                        request_hash TEXT NOT NULL,
                        status_code INTEGER NOT NULL,
                        body BLOB NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (scope, key)
                    );
                    """
            )
        }
        migrator.registerMigration("v6-order-read-model") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS orders (
                        order_id TEXT NOT NULL PRIMARY KEY,
                        order_number TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        customer_id TEXT,
                        customer_name TEXT,
                        status TEXT NOT NULL,
                        total_amount TEXT,
                        currency TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        order_json TEXT NOT NULL,
                        version INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS orders_newest_first ON orders (created_at DESC, order_id DESC);
                    CREATE INDEX IF NOT EXISTS orders_by_status ON orders (status, created_at DESC);
                    CREATE INDEX IF NOT EXISTS orders_by_channel ON orders (channel, created_at DESC);
                    CREATE INDEX IF NOT EXISTS orders_by_customer ON orders (customer_id, created_at DESC);
                    CREATE TABLE IF NOT EXISTS order_timeline (
                        order_id TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        at INTEGER NOT NULL,
                        stage TEXT NOT NULL,
                        event_type TEXT NOT NULL,
                        status TEXT NOT NULL,
                        reasons_json TEXT,
                        event_id TEXT NOT NULL,
                        PRIMARY KEY (order_id, sequence),
                        UNIQUE (order_id, event_id)
                    );
                    """
            )
        }
        migrator.registerMigration("v7-order-progress") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS order_progress (
                        order_id TEXT NOT NULL,
                        correlation_id TEXT NOT NULL,
                        event_id TEXT NOT NULL,
                        step INTEGER NOT NULL,
                        stage TEXT NOT NULL,
                        topic TEXT NOT NULL,
                        message_key BLOB,
                        value BLOB NOT NULL,
                        headers_json TEXT NOT NULL,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (order_id, correlation_id)
                    );
                    CREATE INDEX IF NOT EXISTS order_progress_by_topic ON order_progress (topic, updated_at);
                    """
            )
        }
        migrator.registerMigration("v8-allocation") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS allocations (
                        order_id TEXT NOT NULL PRIMARY KEY,
                        correlation_id TEXT NOT NULL,
                        priority INTEGER NOT NULL,
                        received_at INTEGER NOT NULL,
                        last_event_id TEXT NOT NULL,
                        last_cause_id TEXT NOT NULL,
                        last_event BLOB NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS allocations_by_cause ON allocations (last_cause_id);
                    CREATE TABLE IF NOT EXISTS backorder_skus (
                        sku TEXT NOT NULL,
                        order_id TEXT NOT NULL,
                        PRIMARY KEY (sku, order_id)
                    );
                    CREATE INDEX IF NOT EXISTS backorder_skus_by_order ON backorder_skus (order_id);
                    CREATE TABLE IF NOT EXISTS stock_journal (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        sku TEXT NOT NULL,
                        location_id TEXT NOT NULL,
                        change TEXT NOT NULL,
                        at INTEGER NOT NULL
                    );
                    """
            )
        }

        migrator.registerMigration("v9-read-model-allocation") { db in
            try db.execute(sql: "ALTER TABLE orders ADD COLUMN allocation_json TEXT")
        }
        migrator.registerMigration("v10-dead-letters") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS dead_letters (
                        id TEXT NOT NULL PRIMARY KEY,
                        stage TEXT NOT NULL,
                        event_id TEXT,
                        original_topic TEXT NOT NULL,
                        original_partition INTEGER NOT NULL,
                        original_offset INTEGER NOT NULL,
                        message_key BLOB,
                        headers_json TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        error_class TEXT NOT NULL,
                        error_message TEXT NOT NULL,
                        attempts INTEGER NOT NULL,
                        first_failure INTEGER NOT NULL,
                        last_failure INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        replay_count INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS dead_letters_newest_first ON dead_letters (last_failure DESC, id DESC);
                    CREATE INDEX IF NOT EXISTS dead_letters_by_stage ON dead_letters (stage, status);
                    CREATE TABLE IF NOT EXISTS audit_log (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        actor TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        action TEXT NOT NULL,
                        filter TEXT NOT NULL,
                        count INTEGER NOT NULL
                    );
                    """
            )
        }
        registerFulfillment(in: &migrator)
        migrator.registerMigration("v12-tracking") { db in
            try db.execute(sql: TrackingSchema.sqlite)
        }
        migrator.registerMigration("v13-notifications") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS notifications_sent (
                        notification_id TEXT NOT NULL PRIMARY KEY,
                        order_id TEXT NOT NULL,
                        template TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        language TEXT NOT NULL,
                        sent_at INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS notifications_sent_by_order ON notifications_sent (order_id);
                    """
            )
        }
        SQLiteReturnSchema.register(in: &migrator)
        registerShipping(in: &migrator)
        registerNotificationIntents(in: &migrator)
        registerPickups(in: &migrator)
        registerFulfillmentCancellations(in: &migrator)
        registerTimelineIndex(in: &migrator)
        registerDashboardSessions(in: &migrator)
    }
}
