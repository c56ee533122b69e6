import GRDB

extension SQLiteSchema {
    /// `v18-fulfillment-cancellations`: cancellations of orders whose pick tasks were out (one per order).
    static func registerFulfillmentCancellations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v18-fulfillment-cancellations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS fulfillment_cancellations (
                        order_id TEXT NOT NULL PRIMARY KEY,
                        event_id TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        requested_by TEXT NOT NULL,
                        requested_at INTEGER NOT NULL
                    );
                    """
            )
        }
    }
}
