import KontorModel

/// When an order will miss its promised date (see ``DelayDetector``): expected transit days per carrier or
/// carrier service, and how long a shipped parcel may go without a carrier scan.
public struct DelayRules: Sendable, Hashable {
    /// Transit days when neither the service nor the carrier is listed.
    public var defaultTransitDays: Int

    /// Transit days by carrier service (`dhl-paket`) or carrier (`dhl`); the service wins.
    public var transitDays: [String: Int]

    /// Hours a shipped parcel may go without a carrier scan before the order counts as delayed.
    public var noScanHours: Int

    /// Creates the rules: by default 2 transit days, and 48 hours without a scan.
    public init(defaultTransitDays: Int = 2, transitDays: [String: Int] = [:], noScanHours: Int = 48) {
        self.defaultTransitDays = defaultTransitDays
        self.transitDays = transitDays
        self.noScanHours = noScanHours
    }

    /// The transit days of a shipment with `carrier` and `service`.
    public func transit(carrier: String?, service: String?) -> Int {
        if let service, let days = transitDays[service.lowercased()] { return days }
        if let carrier, let days = transitDays[carrier.lowercased()] { return days }
        return defaultTransitDays
    }
}
