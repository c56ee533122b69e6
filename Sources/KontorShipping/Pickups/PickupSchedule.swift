import Foundation
import KontorModel

/// When Kontor books a carrier's daily pickup at a location: `leadMinutes` before the carrier's cut-off (the
/// earliest `pickupCutoff` of its services that ship from the location's country, in that zone's time zone), on
/// shipping days (Monday to Friday) only.
///
/// Each pickup takes the parcels labelled since the previous shipping day's booking time, up to its own booking
/// time, so every parcel is announced in exactly one pickup: one labelled after the booking goes with the next one.
public struct PickupSchedule: Sendable, Hashable {
    /// The carrier.
    public let carrier: String

    /// The cut-off, `HH:MM` local time.
    public let cutoff: String

    /// The time zone of the cut-off.
    public let timeZone: TimeZone

    /// Minutes before the cut-off at which the pickup is booked.
    public let leadMinutes: Int

    private let cutoffMinutes: Int

    /// The schedule of `carrier` from a location in `origin`, or `nil` when none of its services ships from there.
    public init?(carrier: Carrier, table: CarrierRateTable, origin: CountryCode, leadMinutes: Int) {
        var earliest: (minutes: Int, text: String, timeZone: String)?
        for service in carrier.services {
            guard let zone = service.zones.first(where: { $0.origins.contains(origin) }),
                let cutoff = CutoffTime(service.pickupCutoff)
            else { continue }
            if earliest.map({ cutoff.minutes < $0.minutes }) ?? true {
                earliest = (cutoff.minutes, service.pickupCutoff, zone.timeZone ?? table.timeZone)
            }
        }
        guard let earliest else { return nil }
        self.carrier = carrier.id
        self.cutoff = earliest.text
        self.cutoffMinutes = earliest.minutes
        self.timeZone = TimeZone(identifier: earliest.timeZone) ?? TimeZone(identifier: "UTC")!
        self.leadMinutes = leadMinutes
    }

    /// True for a local time of day `HH:MM` (00:00 to 23:59), as cut-offs and ready windows are written.
    public static func isTimeOfDay(_ text: String) -> Bool { CutoffTime(text) != nil }

    /// The pickup to book at `now`: one while `now` is between the booking time and the cut-off of a shipping day,
    /// else `nil`.
    public func due(at now: Timestamp) -> DuePickup? {
        let offsetSeconds = timeZone.secondsFromGMT(for: now.date)
        let localSeconds = now.microsecondsSinceEpoch / 1_000_000 + Int64(offsetSeconds)
        let day = Int((localSeconds - ((localSeconds % 86_400) + 86_400) % 86_400) / 86_400)
        guard ShippingCalendar.isBusinessDay(day) else { return nil }
        let bookAt = instant(day: day, minutes: cutoffMinutes - leadMinutes)
        let cutoffAt = instant(day: day, minutes: cutoffMinutes)
        guard bookAt <= now, now < cutoffAt else { return nil }
        var previous = day - 1
        while !ShippingCalendar.isBusinessDay(previous) { previous -= 1 }
        return DuePickup(
            date: ShippingCalendar.date(day),
            bookAt: bookAt,
            cutoffAt: cutoffAt,
            parcelsSince: instant(day: previous, minutes: cutoffMinutes - leadMinutes)
        )
    }

    /// The instant `minutes` after local midnight of `day` (days since 1970-01-01), across daylight-saving changes.
    private func instant(day: Int, minutes: Int) -> Timestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let civil = CalendarMath.civilDate(daysSinceEpoch: day)
        let midnight = calendar.date(from: DateComponents(year: civil.year, month: civil.month, day: civil.day))!
        return Timestamp(calendar.date(byAdding: .minute, value: minutes, to: midnight)!)
    }
}

/// A pickup to book now (see ``PickupSchedule/due(at:)``).
public struct DuePickup: Sendable, Hashable {
    /// The pickup's day (local).
    public var date: KontorDate

    /// When it is booked: the cut-off minus the lead time.
    public var bookAt: Timestamp

    /// The carrier's cut-off that day; after it, the day's pickup is no longer booked.
    public var cutoffAt: Timestamp

    /// The parcels labelled from this instant (the previous shipping day's booking time) up to ``bookAt`` go with it.
    public var parcelsSince: Timestamp
}
