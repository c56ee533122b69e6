import KontorModel
import PostgresNIO

extension PostgresStore: NotificationStore {
    public func notifications(among ids: [String]) async throws -> [String: SentNotification] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await fetch(
            """
            SELECT notification_id, order_id, template, channel, recipient, language, sent_at, state, attempted_at
            FROM notifications_sent WHERE notification_id = ANY(\(Array(Set(ids))))
            """,
            Self.notification
        )
        return Dictionary(rows.map { ($0.notificationID, $0) }, uniquingKeysWith: { first, _ in first })
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
        try await execute(
            """
            UPDATE notifications_sent SET state = 'uncertain' WHERE notification_id = \(id) AND state = 'sending'
            """
        )
        return try await notifications(among: [id])[id]
    }

    public func clearNotificationIntent(id: String) async throws {
        try await execute("DELETE FROM notifications_sent WHERE notification_id = \(id) AND state = 'sending'")
    }

    /// Inserts `notification` in `state`, or applies `onConflict` to a stored record that is still `sending`; returns
    /// what is stored. The statement either wins or meets the stored row; the select then reads whichever is stored.
    private func upsertNotification(
        _ notification: SentNotification,
        state: SentNotification.State,
        onConflict assignments: String
    ) async throws -> SentNotification {
        try await execute(
            """
            INSERT INTO notifications_sent
                (notification_id, order_id, template, channel, recipient, language, sent_at, state, attempted_at)
            VALUES (\(notification.notificationID), \(notification.orderID.rawValue), \(notification.template),
                \(notification.channel), \(notification.recipient), \(notification.language),
                \(notification.sentAt.microsecondsSinceEpoch), \(state.rawValue),
                \(notification.attemptedAt?.microsecondsSinceEpoch))
            ON CONFLICT (notification_id) DO UPDATE SET \(unescaped: assignments)
            WHERE notifications_sent.state = 'sending'
            """
        )
        return try await notifications(among: [notification.notificationID])[notification.notificationID]
            ?? notification
    }

    @Sendable
    private static func notification(_ row: PostgresRandomAccessRow) throws -> SentNotification {
        SentNotification(
            notificationID: try row.value("notification_id"),
            orderID: OrderID(try row.value("order_id", as: String.self)),
            template: try row.value("template"),
            channel: try row.value("channel"),
            recipient: try row.value("recipient"),
            language: try row.value("language"),
            sentAt: Timestamp(microsecondsSinceEpoch: Int64(try row.value("sent_at", as: Int.self))),
            state: SentNotification.State(rawValue: try row.value("state", as: String.self)) ?? .sent,
            attemptedAt: try row.value("attempted_at", as: Int?.self).map {
                Timestamp(microsecondsSinceEpoch: Int64($0))
            }
        )
    }
}
