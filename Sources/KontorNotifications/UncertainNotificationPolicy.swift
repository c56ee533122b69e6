/// What the notification stage does with a notification it finds still `sending`: the process stopped between
/// recording the intent and learning the server's answer, so nobody knows whether it arrived
/// (`notifications.uncertain`).
public enum UncertainNotificationPolicy: String, Sendable, Hashable, CaseIterable {
    /// Never a duplicate: record it as uncertain, do not send it again, and say so on the order's timeline.
    case skip
    /// At least once: send it again with the same `Message-ID` / `X-Kontor-Notification-Id`, so the receiving side
    /// can drop it if the first one did arrive.
    case resend
}
