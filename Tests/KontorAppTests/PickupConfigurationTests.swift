import Foundation
import KontorApp
import Testing

@Suite("Configuration: shipping.pickups.*")
struct PickupConfigurationTests {
    @Test("Off by default; flags and environment set lead time, ready window and interval")
    func keys() throws {
        let defaults = try ConfigurationLoader(environment: [:]).load(file: nil).pickups
        #expect(defaults == PickupSettings())
        #expect(!defaults.enabled)
        #expect(defaults.leadMinutes == 60)
        #expect(defaults.readyUntil == nil)

        let configured = try ConfigurationLoader(environment: ["KONTOR_SHIPPING_PICKUPS_ENABLED": "true"]).load(
            file: nil,
            flags: [
                "shipping.pickups.leadMinutes": "45", "shipping.pickups.readyFrom": "12:30",
                "shipping.pickups.readyUntil": "16:45", "shipping.pickups.checkIntervalSeconds": "30",
            ]
        ).pickups
        #expect(configured.enabled)
        #expect(configured.leadMinutes == 45)
        #expect(configured.readyFrom == "12:30")
        #expect(configured.readyUntil == "16:45")
        #expect(configured.checkInterval == .seconds(30))
    }

    @Test("A ready time that is not HH:MM and a lead time out of range are refused by key")
    func refused() {
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(file: nil, flags: ["shipping.pickups.readyFrom": "2pm"])
        } throws: { "\($0)".contains("shipping.pickups.readyFrom: '2pm' is not a time HH:MM") }
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(
                file: nil,
                flags: ["shipping.pickups.leadMinutes": "1000"]
            )
        } throws: { "\($0)".contains("shipping.pickups.leadMinutes") }
    }
}
