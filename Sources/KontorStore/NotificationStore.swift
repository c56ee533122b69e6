/// The customer notifications already sent, so that a redelivered event (Kafka is at-least-once, a worker may stop
/// mid-batch) sends no second e-mail or webhook.
///
/// A notification's id is stable for the event, template and channel that cause it. The notification stage records
/// each one right after the mail server or webhook endpoint accepted it, before its batch is marked processed.
public protocol NotificationStore: Sendable {
    /// The notifications among `ids` that were sent, by id.
    func sentNotifications(among ids: [String]) async throws -> [String: SentNotification]

    /// Records `notification` as sent and returns what is stored: the first record of an id wins, so a second call
    /// with the same id returns the first one unchanged.
    @discardableResult
    func recordNotificationSent(_ notification: SentNotification) async throws -> SentNotification
}
