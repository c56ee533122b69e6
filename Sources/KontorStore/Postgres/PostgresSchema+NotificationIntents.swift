extension PostgresSchema {
    /// `v16-notification-intents`: notifications recorded before they are sent (see the SQLite migration of that
    /// name).
    static let notificationIntents = Migration(
        name: "v16-notification-intents",
        statements: [
            """
            ALTER TABLE notifications_sent ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'
                CHECK (state IN ('sending', 'sent', 'uncertain'))
            """,
            "ALTER TABLE notifications_sent ADD COLUMN attempted_at BIGINT",
        ]
    )
}
