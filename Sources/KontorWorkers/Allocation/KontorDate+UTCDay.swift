import KontorModel

extension KontorDate {
    /// The calendar date (UTC) of `timestamp`: the day whose capacity an allocation takes.
    public static func utcDay(of timestamp: Timestamp) -> KontorDate {
        let days = Int(timestamp.microsecondsSinceEpoch.quotientAndRemainder(dividingBy: 86_400_000_000).quotient)
        let date = CalendarMath.civilDate(daysSinceEpoch: days)
        return KontorDate(year: date.year, month: date.month, day: date.day)!
    }
}
