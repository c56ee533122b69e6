extension PostgresSchema {
    /// `v11-fulfillment`: pick tasks and the confirmations applied to them (see the SQLite migration of that name).
    static let fulfillment = Migration(
        name: "v11-fulfillment",
        statements: [
            """
            CREATE TABLE pick_tasks (
                task_id TEXT NOT NULL PRIMARY KEY,
                order_id TEXT NOT NULL,
                location_id TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                cause_id TEXT NOT NULL,
                status TEXT NOT NULL,
                carrier TEXT,
                carrier_service TEXT,
                task_json TEXT NOT NULL,
                lines_json TEXT NOT NULL,
                parcels_json TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX pick_tasks_by_order ON pick_tasks (order_id, location_id, sequence)",
            """
            CREATE TABLE fulfillment_confirmations (
                confirmation_id TEXT NOT NULL PRIMARY KEY,
                task_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                outcome_json TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """,
        ]
    )
}
