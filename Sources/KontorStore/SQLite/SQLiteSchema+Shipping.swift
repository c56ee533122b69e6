import GRDB

extension SQLiteSchema {
    /// `v14-shipping`: labels Kontor booked with carriers, per pick task (``ShipmentLabels`` as JSON, label bytes in
    /// base64). Registered after `v15-returns`, so databases that have that one already get this one too.
    static func registerShipping(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14-shipping") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS shipment_labels (
                        task_id TEXT NOT NULL PRIMARY KEY,
                        labels_json TEXT NOT NULL,
                        booked_at INTEGER NOT NULL
                    );
                    """
            )
        }
    }
}
