extension PostgresSchema {
    /// `v20-dashboard-sessions`: dashboard sessions (see the SQLite migration of that name).
    static let dashboardSessions = Migration(
        name: "v20-dashboard-sessions",
        statements: [
            """
            CREATE TABLE dashboard_sessions (
                id_hash TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                scopes TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """
        ]
    )
}
