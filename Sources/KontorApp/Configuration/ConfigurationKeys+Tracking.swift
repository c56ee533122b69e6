import Foundation
import KontorWorkers

extension ConfigurationKeys {
    /// `tracking.delay.*`: the rules of delay detection.
    static let trackingKeys: [Key] = [
        Key(
            path: "tracking.delay.defaultTransitDays",
            summary: "Transit days of a carrier or service not listed in tracking.delay.transitDays (default 2)"
        ) {
            $0.delayRules.defaultTransitDays = try int($1, "tracking.delay.defaultTransitDays", in: 0...60)
        },
        Key(
            path: "tracking.delay.transitDays",
            summary: "Transit days by carrier or carrier service, e.g. dhl=2,dhl-paket=1,ups-ground=5 (default none)"
        ) {
            $0.delayRules.transitDays = try transitDays($1)
        },
        Key(
            path: "tracking.delay.noScanHours",
            summary: "Flag a shipped order as delayed after this many hours without a carrier scan (default 48)"
        ) {
            $0.delayRules.noScanHours = try int($1, "tracking.delay.noScanHours", in: 1...8760)
        },
        Key(
            path: "tracking.delay.checkIntervalSeconds",
            summary: "How often delay detection looks for late orders (default 60)"
        ) {
            $0.delayCheckInterval = .seconds(try int($1, "tracking.delay.checkIntervalSeconds", in: 1...86_400))
        },
    ]

    /// `dhl=2,dhl-paket=1` → `["dhl": 2, "dhl-paket": 1]`.
    static func transitDays(_ text: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let days = Int(parts[1]), (0...60).contains(days) else {
                throw ConfigurationError(
                    "tracking.delay.transitDays: '\(item)' is not <carrier or service>=<days 0...60>"
                )
            }
            result[parts[0].lowercased()] = days
        }
        return result
    }
}
