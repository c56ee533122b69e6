import KontorHTTPClient
import KontorNotifications

/// The notification worker's settings as `kontor run` is configured: the file (`notifications.file`) with the SMTP
/// URL replaced by `notifications.smtpUrl` when that is set, and `notifications.uncertain`.
public enum NotificationSetup {
    /// - Throws: ``ConfigurationError`` naming the file, line and key that are wrong.
    public static func settings(_ configuration: KontorConfiguration) throws -> NotificationSettings {
        var settings: NotificationSettings
        do {
            settings = try NotificationSettingsLoader.load(path: configuration.notificationsPath)
        } catch {
            throw ConfigurationError("notifications.file: \(error)")
        }
        if let url = configuration.notificationsSMTPURL {
            if url.isEmpty {
                settings.smtp = nil
            } else {
                guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
                    throw ConfigurationError("notifications.smtpUrl: '\(url)' must start with smtp:// or smtps://")
                }
                var smtp = settings.smtp ?? SMTPConfiguration(url: url)
                smtp.url = url
                settings.smtp = smtp
            }
        }
        settings.uncertainNotifications = configuration.notificationsUncertain
        return settings
    }
}
