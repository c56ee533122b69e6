extension PostgresSchema {
    /// `v18-fulfillment-cancellations`: cancellations of orders whose pick tasks were out (see the SQLite migration
    /// of that name).
    static let fulfillmentCancellations = Migration(
        name: "v18-fulfillment-cancellations",
        statements: [
            """
            CREATE TABLE fulfillment_cancellations (
                order_id TEXT NOT NULL PRIMARY KEY,
                event_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                requested_by TEXT NOT NULL,
                requested_at BIGINT NOT NULL
            )
            """
        ]
    )
}
