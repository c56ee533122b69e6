import GRDB
import KontorModel

extension SQLiteStore: NotificationStore {
    public func sentNotifications(among ids: [String]) async throws -> [String: SentNotification] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var found: [String: SentNotification] = [:]
            for id in Set(ids) {
                if let notification = try Self.sentNotification(db, id: id) { found[id] = notification }
            }
            return found
        }
    }

    @discardableResult
    public func recordNotificationSent(_ notification: SentNotification) async throws -> SentNotification {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO notifications_sent
                        (notification_id, order_id, template, channel, recipient, language, sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    notification.notificationID, notification.orderID.rawValue, notification.template,
                    notification.channel, notification.recipient, notification.language,
                    notification.sentAt.microsecondsSinceEpoch,
                ]
            )
            return try Self.sentNotification(db, id: notification.notificationID) ?? notification
        }
    }

    static func sentNotification(_ db: Database, id: String) throws -> SentNotification? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT notification_id, order_id, template, channel, recipient, language, sent_at
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
            sentAt: Timestamp(microsecondsSinceEpoch: row["sent_at"])
        )
    }
}
