/// When and how Kontor books carrier pickups (`shipping.pickups.*`, see ``PickupScheduler``).
public struct PickupSettings: Sendable, Hashable {
    /// Whether `kontor run` books pickups (`shipping.pickups.enabled`, default false).
    public var enabled = false

    /// Minutes before the carrier's cut-off at which the day's pickup is booked (`shipping.pickups.leadMinutes`).
    public var leadMinutes = 60

    /// Earliest collection time, `HH:MM` local (`shipping.pickups.readyFrom`).
    public var readyFrom = "14:00"

    /// Latest collection time, `HH:MM` local (`shipping.pickups.readyUntil`); `nil`: the carrier's cut-off.
    public var readyUntil: String?

    /// How often the scheduler looks for pickups to book (`shipping.pickups.checkIntervalSeconds`).
    public var checkInterval: Duration = .seconds(60)

    /// Default settings: off.
    public init() {}
}
