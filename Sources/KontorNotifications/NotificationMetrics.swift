import Metrics

/// The notification stage's own counters (swift-metrics; exported by whatever metrics backend the process
/// bootstraps).
enum NotificationMetrics {
    /// `kontor_notifications_uncertain_total{channel, policy}`: notifications found still `sending` after a restart,
    /// by what was done with them (`skip`: not sent again, `resend`: sent again).
    static let uncertain = "kontor_notifications_uncertain_total"

    static func uncertain(channel: NotificationChannel, policy: UncertainNotificationPolicy) {
        Counter(label: uncertain, dimensions: [("channel", channel.rawValue), ("policy", policy.rawValue)])
            .increment()
    }
}
