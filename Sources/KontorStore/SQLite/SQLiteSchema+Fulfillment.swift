import GRDB

extension SQLiteSchema {
    /// `v11-fulfillment`: pick tasks (the task as sent, each line's progress and the parcels as JSON) and the
    /// confirmations applied to them, with their outcome (so a repeated confirmation is answered the same).
    static func registerFulfillment(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11-fulfillment") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS pick_tasks (
                        task_id TEXT NOT NULL PRIMARY KEY,
                        order_id TEXT NOT NULL,
                        location_id TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        cause_id TEXT NOT NULL,
                        status TEXT NOT NULL,
                        carrier TEXT,
                        carrier_service TEXT,
                        task_json TEXT NOT NULL,
                        lines_json TEXT NOT NULL,
                        parcels_json TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS pick_tasks_by_order ON pick_tasks (order_id, location_id, sequence);
                    CREATE TABLE IF NOT EXISTS fulfillment_confirmations (
                        confirmation_id TEXT NOT NULL PRIMARY KEY,
                        task_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        outcome_json TEXT NOT NULL,
                        applied_at INTEGER NOT NULL
                    );
                    """
            )
        }
    }
}
