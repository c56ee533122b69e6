import Foundation
import KontorApp
import KontorNotifications
import Testing

@Suite("Configuration: notifications")
struct NotificationConfigurationTests {
    static let settingsFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("connectors/notifications/notifications.yaml").path

    @Test("notifications.uncertain: skip by default, resend when set, anything else refused by name")
    func uncertainPolicy() throws {
        let loader = ConfigurationLoader(environment: [:])
        var configuration = try loader.load(file: nil, flags: ["notifications.file": Self.settingsFile])
        #expect(try NotificationSetup.settings(configuration).uncertainNotifications == .skip)

        configuration = try ConfigurationLoader(environment: ["KONTOR_NOTIFICATIONS_UNCERTAIN": "Resend"])
            .load(file: nil, flags: ["notifications.file": Self.settingsFile])
        #expect(try NotificationSetup.settings(configuration).uncertainNotifications == .resend)

        #expect {
            _ = try loader.load(file: nil, flags: ["notifications.uncertain": "twice"])
        } throws: { error in
            "\(error)".contains("notifications.uncertain: 'twice' is not one of skip, resend")
        }
    }
}
