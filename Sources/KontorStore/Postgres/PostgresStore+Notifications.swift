import KontorModel
import PostgresNIO

extension PostgresStore: NotificationStore {
    public func sentNotifications(among ids: [String]) async throws -> [String: SentNotification] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await fetch(
            """
            SELECT notification_id, order_id, template, channel, recipient, language, sent_at
            FROM notifications_sent WHERE notification_id = ANY(\(Array(Set(ids))))
            """,
            Self.sentNotification
        )
        return Dictionary(rows.map { ($0.notificationID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @discardableResult
    public func recordNotificationSent(_ notification: SentNotification) async throws -> SentNotification {
        // The insert either wins or meets the stored row; the select then reads whichever is stored.
        try await execute(
            """
            INSERT INTO notifications_sent (notification_id, order_id, template, channel, recipient, language, sent_at)
            VALUES (\(notification.notificationID), \(notification.orderID.rawValue), \(notification.template),
                \(notification.channel), \(notification.recipient), \(notification.language),
                \(Int(notification.sentAt.microsecondsSinceEpoch)))
            ON CONFLICT (notification_id) DO NOTHING
            """
        )
        return try await sentNotifications(among: [notification.notificationID])[notification.notificationID]
            ?? notification
    }

    @Sendable
    private static func sentNotification(_ row: PostgresRandomAccessRow) throws -> SentNotification {
        SentNotification(
            notificationID: try row.value("notification_id"),
            orderID: OrderID(try row.value("order_id", as: String.self)),
            template: try row.value("template"),
            channel: try row.value("channel"),
            recipient: try row.value("recipient"),
            language: try row.value("language"),
            sentAt: Timestamp(microsecondsSinceEpoch: Int64(try row.value("sent_at", as: Int.self)))
        )
    }
}
