import KontorModel

/// A notification the customer was sent (table `notifications_sent`).
public struct SentNotification: Sendable, Hashable, Codable {
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

    /// When the mail server or endpoint accepted it.
    public var sentAt: Timestamp

    /// Creates a record.
    public init(
        notificationID: String,
        orderID: OrderID,
        template: String,
        channel: String,
        recipient: String,
        language: String,
        sentAt: Timestamp
    ) {
        self.notificationID = notificationID
        self.orderID = orderID
        self.template = template
        self.channel = channel
        self.recipient = recipient
        self.language = language
        self.sentAt = sentAt
    }
}
