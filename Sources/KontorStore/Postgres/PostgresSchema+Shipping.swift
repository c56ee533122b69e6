extension PostgresSchema {
    /// `v14-shipping`: labels Kontor booked with carriers (see the SQLite migration of that name).
    static let shipping = Migration(
        name: "v14-shipping",
        statements: [
            """
            CREATE TABLE shipment_labels (
                task_id TEXT NOT NULL PRIMARY KEY,
                labels_json TEXT NOT NULL,
                booked_at BIGINT NOT NULL
            )
            """
        ]
    )
}
