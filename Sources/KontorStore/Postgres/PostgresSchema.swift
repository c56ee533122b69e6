import Logging
import PostgresNIO

/// The PostgreSQL schema: the same tables and migration names as ``SQLiteStore``, recorded in `kontor_migrations`.
enum PostgresSchema {
    /// One migration: statements run in one transaction. Applied migrations are never edited, only appended to.
    struct Migration: Sendable {
        let name: String
        let statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            name: "v1-processed-events",
            statements: [
                """
                CREATE TABLE processed_events (
                    stage TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                    PRIMARY KEY (stage, event_id)
                )
                """,
                "CREATE INDEX processed_events_by_time ON processed_events (processed_at)",
            ]
        ),
        Migration(
            name: "v2-connector-state",
            statements: [
                """
                CREATE TABLE webhook_deliveries (
                    connector TEXT NOT NULL,
                    delivery_id TEXT NOT NULL,
                    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                    PRIMARY KEY (connector, delivery_id)
                )
                """,
                """
                CREATE TABLE connector_checkpoints (
                    connector TEXT NOT NULL PRIMARY KEY,
                    value TEXT NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """,
            ]
        ),
        Migration(
            name: "v3-sequences",
            statements: ["CREATE TABLE sequences (name TEXT NOT NULL PRIMARY KEY, value BIGINT NOT NULL)"]
        ),
        Migration(
            name: "v4-catalog-locations-inventory",
            statements: [
                """
                CREATE TABLE products (
                    sku TEXT NOT NULL PRIMARY KEY,
                    gtin TEXT UNIQUE,
                    description TEXT NOT NULL,
                    weight_grams BIGINT,
                    list_price NUMERIC,
                    currency TEXT
                )
                """,
                """
                CREATE TABLE buyer_skus (
                    customer_id TEXT NOT NULL,
                    buyer_sku TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    PRIMARY KEY (customer_id, buyer_sku)
                )
                """,
                """
                CREATE TABLE locations (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    street TEXT,
                    street2 TEXT,
                    city TEXT,
                    postal_code TEXT,
                    country TEXT NOT NULL,
                    latitude DOUBLE PRECISION,
                    longitude DOUBLE PRECISION,
                    daily_capacity BIGINT,
                    can_ship BOOLEAN NOT NULL,
                    can_pickup BOOLEAN NOT NULL,
                    active BOOLEAN NOT NULL
                )
                """,
                """
                CREATE TABLE stock (
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL,
                    on_hand BIGINT NOT NULL CHECK (on_hand >= 0),
                    reserved BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0),
                    safety_stock BIGINT NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
                    PRIMARY KEY (sku, location_id)
                )
                """,
                """
                CREATE TABLE inbound_stock (
                    reference TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL,
                    quantity BIGINT NOT NULL,
                    eta TEXT NOT NULL,
                    PRIMARY KEY (reference, sku, location_id)
                )
                """,
                "CREATE INDEX inbound_stock_by_sku ON inbound_stock (sku, eta)",
                """
                CREATE TABLE reservations (
                    id TEXT NOT NULL PRIMARY KEY,
                    order_id TEXT NOT NULL,
                    line_number BIGINT NOT NULL,
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL,
                    quantity BIGINT NOT NULL,
                    status TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX reservations_by_order ON reservations (order_id, status)",
                """
                CREATE TABLE capacity_usage (
                    location_id TEXT NOT NULL,
                    day TEXT NOT NULL,
                    orders BIGINT NOT NULL,
                    PRIMARY KEY (location_id, day)
                )
                """,
                """
                CREATE TABLE capacity_claims (
                    location_id TEXT NOT NULL,
                    day TEXT NOT NULL,
                    order_id TEXT NOT NULL,
                    PRIMARY KEY (location_id, day, order_id)
                )
                """,
                "CREATE INDEX capacity_claims_by_order ON capacity_claims (order_id)",
            ]
        ),
        Migration(
            name: "v5-customers-idempotency",
            statements: [
                """
                CREATE TABLE customers (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    credit_limit NUMERIC,
                    currency TEXT,
                    open_balance NUMERIC NOT NULL
                )
                """,
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    status_code BIGINT NOT NULL,
                    body BYTEA NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (scope, key)
                )
                """,
            ]
        ),
        Migration(
            name: "v6-order-read-model",
            statements: [
                """
                CREATE TABLE orders (
                    order_id TEXT NOT NULL PRIMARY KEY,
                    order_number TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    customer_id TEXT,
                    customer_name TEXT,
                    status TEXT NOT NULL,
                    total_amount NUMERIC,
                    currency TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    order_json TEXT NOT NULL,
                    version BIGINT NOT NULL
                )
                """,
                "CREATE INDEX orders_newest_first ON orders (created_at DESC, order_id DESC)",
                "CREATE INDEX orders_by_status ON orders (status, created_at DESC)",
                "CREATE INDEX orders_by_channel ON orders (channel, created_at DESC)",
                "CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC)",
                """
                CREATE TABLE order_timeline (
                    order_id TEXT NOT NULL,
                    sequence BIGINT NOT NULL,
                    at BIGINT NOT NULL,
                    stage TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    reasons_json TEXT,
                    event_id TEXT NOT NULL,
                    PRIMARY KEY (order_id, sequence),
                    UNIQUE (order_id, event_id)
                )
                """,
            ]
        ),
        Migration(
            name: "v7-order-progress",
            statements: [
                """
                CREATE TABLE order_progress (
                    order_id TEXT NOT NULL,
                    correlation_id TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    step BIGINT NOT NULL,
                    stage TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    message_key BYTEA,
                    value BYTEA NOT NULL,
                    headers_json TEXT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (order_id, correlation_id)
                )
                """,
                "CREATE INDEX order_progress_by_topic ON order_progress (topic, updated_at)",
            ]
        ),
        Migration(
            name: "v8-allocation",
            statements: [
                """
                CREATE TABLE allocations (
                    order_id TEXT NOT NULL PRIMARY KEY,
                    correlation_id TEXT NOT NULL,
                    priority BIGINT NOT NULL,
                    received_at BIGINT NOT NULL,
                    last_event_id TEXT NOT NULL,
                    last_cause_id TEXT NOT NULL,
                    last_event BYTEA NOT NULL
                )
                """,
                "CREATE INDEX allocations_by_cause ON allocations (last_cause_id)",
                """
                CREATE TABLE backorder_skus (
                    sku TEXT NOT NULL,
                    order_id TEXT NOT NULL,
                    PRIMARY KEY (sku, order_id)
                )
                """,
                "CREATE INDEX backorder_skus_by_order ON backorder_skus (order_id)",
                """
                CREATE TABLE stock_journal (
                    sequence BIGSERIAL PRIMARY KEY,
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL,
                    change TEXT NOT NULL,
                    at BIGINT NOT NULL
                )
                """,
            ]
        ),
        Migration(
            name: "v9-read-model-allocation",
            statements: ["ALTER TABLE orders ADD COLUMN allocation_json TEXT"]
        ),
        Migration(
            name: "v10-dead-letters",
            statements: [
                """
                CREATE TABLE dead_letters (
                    id TEXT NOT NULL PRIMARY KEY,
                    stage TEXT NOT NULL,
                    event_id TEXT,
                    original_topic TEXT NOT NULL,
                    original_partition BIGINT NOT NULL,
                    original_offset BIGINT NOT NULL,
                    message_key BYTEA,
                    headers_json TEXT NOT NULL,
                    payload BYTEA NOT NULL,
                    error_class TEXT NOT NULL,
                    error_message TEXT NOT NULL,
                    attempts BIGINT NOT NULL,
                    first_failure BIGINT NOT NULL,
                    last_failure BIGINT NOT NULL,
                    status TEXT NOT NULL,
                    replay_count BIGINT NOT NULL
                )
                """,
                "CREATE INDEX dead_letters_newest_first ON dead_letters (last_failure DESC, id DESC)",
                "CREATE INDEX dead_letters_by_stage ON dead_letters (stage, status)",
                """
                CREATE TABLE audit_log (
                    sequence BIGSERIAL PRIMARY KEY,
                    actor TEXT NOT NULL,
                    at BIGINT NOT NULL,
                    action TEXT NOT NULL,
                    filter TEXT NOT NULL,
                    count BIGINT NOT NULL
                )
                """,
            ]
        ),
        fulfillment,
        Migration(name: "v12-tracking", statements: TrackingSchema.postgres),
        Migration(
            name: "v13-notifications",
            statements: [
                """
                CREATE TABLE notifications_sent (
                    notification_id TEXT NOT NULL PRIMARY KEY,
                    order_id TEXT NOT NULL,
                    template TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    language TEXT NOT NULL,
                    sent_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX notifications_sent_by_order ON notifications_sent (order_id)",
            ]
        ),
        PostgresReturnSchema.migration,
        shipping,
        notificationIntents,
        pickups,
        fulfillmentCancellations,
        timelineIndex,
        dashboardSessions,
    ]

    /// Applies the migrations not applied yet. A session advisory lock (per schema) makes processes that start at
    /// once take turns; each migration is one transaction, recorded in `kontor_migrations`.
    static func migrate(_ store: PostgresStore) async throws {
        let lockKey = "kontor.migrations:" + (store.location.schema ?? "default")
        let logger = store.logger
        try await store.client.withConnection { connection in
            try await connection.execute("SELECT pg_advisory_lock(hashtext(\(lockKey)))", logger: logger)
            do {
                try await migrate(on: connection, schema: store.location.schema, logger: logger)
            } catch {
                try? await connection.execute("SELECT pg_advisory_unlock(hashtext(\(lockKey)))", logger: logger)
                throw error
            }
            try await connection.execute("SELECT pg_advisory_unlock(hashtext(\(lockKey)))", logger: logger)
        }
    }

    private static func migrate(on connection: PostgresConnection, schema: String?, logger: Logger) async throws {
        if let schema {
            // `schema` is a checked plain identifier (PostgresLocation), safe to write into the statement.
            try await connection.execute(
                PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"),
                logger: logger
            )
        }
        try await connection.execute(
            """
            CREATE TABLE IF NOT EXISTS kontor_migrations (
                name TEXT NOT NULL PRIMARY KEY,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """,
            logger: logger
        )
        let applied = Set(
            try await connection.fetch("SELECT name FROM kontor_migrations", logger: logger) {
                try $0.value("name", as: String.self)
            }
        )
        for migration in migrations where !applied.contains(migration.name) {
            try await connection.execute("BEGIN", logger: logger)
            do {
                for statement in migration.statements {
                    try await connection.execute(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.execute(
                    "INSERT INTO kontor_migrations (name) VALUES (\(migration.name))",
                    logger: logger
                )
                try await connection.execute("COMMIT", logger: logger)
            } catch {
                try? await connection.execute("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// The names of the applied migrations, in the order they were defined.
    static func appliedNames(_ store: PostgresStore) async throws -> [String] {
        let applied = Set(
            try await store.fetch("SELECT name FROM kontor_migrations") { try $0.value("name", as: String.self) }
        )
        return migrations.map(\.name).filter(applied.contains)
    }
}
