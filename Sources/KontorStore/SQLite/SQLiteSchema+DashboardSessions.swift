import GRDB

extension SQLiteSchema {
    /// `v20-dashboard-sessions`: dashboard sessions by the SHA-256 of their id, shared by every HTTP process.
    static func registerDashboardSessions(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v20-dashboard-sessions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS dashboard_sessions (
                        id_hash TEXT NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL,
                        scopes TEXT NOT NULL,
                        expires_at INTEGER NOT NULL
                    );
                    """
            )
        }
    }
}
