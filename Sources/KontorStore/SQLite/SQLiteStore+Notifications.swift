import GRDB
import KontorModel

extension SQLiteStore: NotificationStore {
    public func notifications(among ids: [String]) async throws -> [String: SentNotification] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var found: [String: SentNotification] = [:]
            for id in Set(ids) {
                if let notification = try Self.notification(db, id: id) { found[id] = notification }
            }
            return found
        }
    }

    @discardableResult
    public func recordNotificationIntent(_ notification: SentNotification) async throws -> SentNotification {
        try await upsertNotification(
            notification,
            state: .sending,
            onConflict: "sent_at = excluded.sent_at, attempted_at = excluded.attempted_at"
        )
    }

    @discardableResult
    public func recordNotificationSent(_ notification: SentNotification) async throws -> SentNotification {
        try await upsertNotification(
            notification,
            state: .sent,
            onConflict: """
                state = excluded.state, sent_at = excluded.sent_at, recipient = excluded.recipient,
                language = excluded.language,
                attempted_at = coalesce(notifications_sent.attempted_at, excluded.attempted_at)
                """
        )
    }

    public func recordNotificationUncertain(id: String) async throws -> SentNotification? {
        try await pool.write { db in
            try db.execute(
                sql:
                    "UPDATE notifications_sent SET state = 'uncertain' WHERE notification_id = ? AND state = 'sending'",
                arguments: [id]
            )
            return try Self.notification(db, id: id)
        }
    }

    public func clearNotificationIntent(id: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM notifications_sent WHERE notification_id = ? AND state = 'sending'",
                arguments: [id]
            )
        }
    }

    /// Inserts `notification` in `state`, or applies `onConflict` to a stored record that is still `sending`; returns
    /// what is stored.
    private func upsertNotification(
        _ notification: SentNotification,
        state: SentNotification.State,
        onConflict assignments: String
    ) async throws -> SentNotification {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO notifications_sent
                        (notification_id, order_id, template, channel, recipient, language, sent_at, state, attempted_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(notification_id) DO UPDATE SET \(assignments)
                    WHERE notifications_sent.state = 'sending'
                    """,
                arguments: [
                    notification.notificationID, notification.orderID.rawValue, notification.template,
                    notification.channel, notification.recipient, notification.language,
                    notification.sentAt.microsecondsSinceEpoch, state.rawValue,
                    notification.attemptedAt?.microsecondsSinceEpoch,
                ]
            )
            return try Self.notification(db, id: notification.notificationID) ?? notification
        }
    }

    static func notification(_ db: Database, id: String) throws -> SentNotification? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT notification_id, order_id, template, channel, recipient, language, sent_at, state,
                        attempted_at
                    FROM notifications_sent WHERE notification_id = ?
                    """,
                arguments: [id]
            )
        else { return nil }
        return SentNotification(
            notificationID: row["notification_id"],
            orderID: OrderID(row["order_id"] as String),
            template: row["template"],
            channel: row["channel"],
            recipient: row["recipient"],
            language: row["language"],
            sentAt: Timestamp(microsecondsSinceEpoch: row["sent_at"]),
            state: SentNotification.State(rawValue: row["state"]) ?? .sent,
            attemptedAt: (row["attempted_at"] as Int64?).map(Timestamp.init(microsecondsSinceEpoch:))
        )
    }
}
