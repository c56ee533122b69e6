import KontorModel

/// A notification for a customer (table `notifications_sent`): about to be sent, sent, or sent with an unknown
/// outcome.
public struct SentNotification: Sendable, Hashable, Codable {
    /// Where a notification stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Recorded before the mail server or endpoint is contacted; the outcome is not known yet. Still `sending`
        /// when the stage meets it again means the process stopped mid-send.
        case sending
        /// The mail server or endpoint accepted it.
        case sent
        /// The process stopped while it was `sending`, and it was not sent again (it may or may not have arrived).
        case uncertain
    }

    /// `<event id>/<template>/<channel>` (plus the endpoint for a webhook): stable for what caused it.
    public var notificationID: String

    /// The order it is about.
    public var orderID: OrderID

    /// The template, e.g. `shipped`.
    public var template: String

    /// `email` or `webhook`.
    public var channel: String

    /// The e-mail address or the webhook URL.
    public var recipient: String

    /// The language it was written in, e.g. `de`.
    public var language: String

    /// When the mail server or endpoint accepted it; while ``State/sending`` and when ``State/uncertain``, the start
    /// of the (last) attempt.
    public var sentAt: Timestamp

    /// Where it stands (``State/sent`` for records from before intents were recorded).
    public var state: State

    /// When the (last) attempt to send it started; nil for records from before intents were recorded.
    public var attemptedAt: Timestamp?

    /// Creates a record.
    public init(
        notificationID: String,
        orderID: OrderID,
        template: String,
        channel: String,
        recipient: String,
        language: String,
        sentAt: Timestamp,
        state: State = .sent,
        attemptedAt: Timestamp? = nil
    ) {
        self.notificationID = notificationID
        self.orderID = orderID
        self.template = template
        self.channel = channel
        self.recipient = recipient
        self.language = language
        self.sentAt = sentAt
        self.state = state
        self.attemptedAt = attemptedAt
    }
}
