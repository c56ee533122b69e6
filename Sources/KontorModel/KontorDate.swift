/// A date as the canonical order carries it: either a calendar date `YYYY-MM-DD` or an RFC 3339 date-time such as
/// `2025-03-01T10:15:30+01:00`.
///
/// The text is kept exactly as written so that it survives a round trip; ``timestamp`` gives the instant.
/// Decoding checks the format and that the date exists (no February 30).
public struct KontorDate: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible, CheckedStringValue {
    /// The date as written.
    public let rawValue: String

    /// The calendar year as written.
    public let year: Int

    /// The calendar month (1...12) as written.
    public let month: Int

    /// The day of the month as written.
    public let day: Int

    /// The instant: midnight UTC for a calendar date, the exact instant for a date-time.
    public let timestamp: Timestamp

    /// `true` for a calendar date without a time.
    public var isDateOnly: Bool { rawValue.utf8.count == 10 }

    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time; returns `nil` for anything else.
    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)[...]
        guard let date = CalendarMath.parseDate(bytes) else { return nil }
        if bytes.count == 10 {
            let days = CalendarMath.daysSinceEpoch(year: date.year, month: date.month, day: date.day)
            timestamp = Timestamp(microsecondsSinceEpoch: Int64(days) * 86_400 * 1_000_000)
        } else {
            guard let parsed = CalendarMath.parseDateTime(rawValue) else { return nil }
            timestamp = Timestamp(microsecondsSinceEpoch: parsed.microseconds)
        }
        self.rawValue = rawValue
        (year, month, day) = date
    }

    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time; returns `nil` for anything else.
    public init?(_ string: String) {
        self.init(rawValue: string)
    }

    /// A calendar date; `nil` when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard CalendarMath.isValidDate(year: year, month: month, day: day) else { return nil }
        self.init(
            rawValue: CalendarMath.fourDigits(year) + "-" + CalendarMath.twoDigits(month) + "-"
                + CalendarMath.twoDigits(day)
        )
    }

    /// A date-time in UTC, written like ``Timestamp/rfc3339String``. Traps for instants outside the years 0...9999.
    public init(_ timestamp: Timestamp) {
        self.init(rawValue: timestamp.rfc3339String)!
    }

    static let fieldDescription = "date"
    static let expectedFormat: String? = #""YYYY-MM-DD" or an RFC 3339 date-time like "2025-03-01T10:15:30Z""#
}
