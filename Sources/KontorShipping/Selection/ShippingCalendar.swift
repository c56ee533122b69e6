import Foundation
import KontorModel

/// Ship and delivery dates: a parcel ready before the cut-off (local time) leaves that business day, else the next;
/// transit counts business days, Monday to Friday. Public holidays are not modelled.
enum ShippingCalendar {
    /// The day a parcel ready at `readyAt` is handed to the carrier, as days since 1970-01-01.
    static func shipDay(readyAt: Timestamp, cutoff: CutoffTime, timeZone: TimeZone) -> Int {
        let offsetSeconds = timeZone.secondsFromGMT(for: readyAt.date)
        let localSeconds = readyAt.microsecondsSinceEpoch / 1_000_000 + Int64(offsetSeconds)
        let day = Int(localSeconds.floorDivided(by: 86_400))
        let minuteOfDay = Int((localSeconds - Int64(day) * 86_400) / 60)
        var shipDay = minuteOfDay < cutoff.minutes ? day : day + 1
        while !isBusinessDay(shipDay) { shipDay += 1 }
        return shipDay
    }

    /// The day `transitDays` business days after `shipDay`.
    static func deliveryDay(shipDay: Int, transitDays: Int) -> Int {
        var day = shipDay
        var remaining = transitDays
        while remaining > 0 {
            day += 1
            if isBusinessDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Monday to Friday (1970-01-01, day 0, was a Thursday).
    static func isBusinessDay(_ day: Int) -> Bool {
        let weekday = ((day + 3) % 7 + 7) % 7  // 0 = Monday ... 6 = Sunday
        return weekday < 5
    }

    /// The calendar date of a day since 1970-01-01.
    static func date(_ day: Int) -> KontorDate {
        let civil = CalendarMath.civilDate(daysSinceEpoch: day)
        return KontorDate(year: civil.year, month: civil.month, day: civil.day)!
    }

    /// The calendar day a promised date names, as written (a date-time's own date, not converted to UTC).
    static func day(of date: KontorDate) -> Int {
        CalendarMath.daysSinceEpoch(year: date.year, month: date.month, day: date.day)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
