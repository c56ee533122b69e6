import GRDB

extension SQLiteSchema {
    /// `v19-timeline-by-type`: timeline entries by event type and time, for the dashboard's orders per hour (which
    /// counts `order.received` entries of the last 24 hours without reading every order's timeline).
    static func registerTimelineIndex(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v19-timeline-by-type") { db in
            try db.execute(
                sql: "CREATE INDEX IF NOT EXISTS order_timeline_by_type_time ON order_timeline (event_type, at)"
            )
        }
    }
}
