import KontorShipping

extension ConfigurationKeys {
    /// `shipping.pickups.*`: carrier pickups booked by Kontor.
    static let pickupKeys: [Key] = [
        Key(
            path: "shipping.pickups.enabled",
            summary: "Book a daily carrier pickup per shipping location (default false)"
        ) {
            $0.pickups.enabled = try AuthConfiguration.bool($1, "shipping.pickups.enabled")
        },
        Key(
            path: "shipping.pickups.leadMinutes",
            summary: "Book the pickup this many minutes before the carrier's cut-off (default 60)"
        ) {
            $0.pickups.leadMinutes = try int($1, "shipping.pickups.leadMinutes", in: 0...720)
        },
        Key(path: "shipping.pickups.readyFrom", summary: "Earliest collection time, HH:MM local (default 14:00)") {
            $0.pickups.readyFrom = try timeOfDay($1, "shipping.pickups.readyFrom")
        },
        Key(
            path: "shipping.pickups.readyUntil",
            summary: "Latest collection time, HH:MM local; empty = the carrier's cut-off (default empty)"
        ) {
            $0.pickups.readyUntil = $1.isEmpty ? nil : try timeOfDay($1, "shipping.pickups.readyUntil")
        },
        Key(
            path: "shipping.pickups.checkIntervalSeconds",
            summary: "How often pickups due are looked for (default 60)"
        ) {
            $0.pickups.checkInterval = .seconds(try int($1, "shipping.pickups.checkIntervalSeconds", in: 1...3600))
        },
    ]

    /// `HH:MM`, 00:00 to 23:59.
    static func timeOfDay(_ text: String, _ path: String) throws(ConfigurationError) -> String {
        guard PickupSchedule.isTimeOfDay(text) else {
            throw ConfigurationError("\(path): '\(text)' is not a time HH:MM (00:00 to 23:59)")
        }
        return text
    }
}
