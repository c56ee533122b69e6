import GRDB

extension SQLiteSchema {
    /// `v16-notification-intents`: a notification is recorded before it is sent (`state` `sending`, `attempted_at`),
    /// then `sent` or `uncertain`; rows from before are `sent`.
    static func registerNotificationIntents(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v16-notification-intents") { db in
            try db.execute(
                sql: """
                    ALTER TABLE notifications_sent ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'
                        CHECK (state IN ('sending', 'sent', 'uncertain'));
                    ALTER TABLE notifications_sent ADD COLUMN attempted_at INTEGER;
                    """
            )
        }
    }
}
