import Foundation

/// An instant with microsecond precision, written as an RFC 3339 UTC date-time with six fraction digits, such as
/// `2025-03-01T10:15:30.123456Z`.
///
/// Used for CloudEvents `time`. Holding integer microseconds makes encoding and decoding exact, so an envelope
/// survives a round trip unchanged (a `Date` would not).
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public let microsecondsSinceEpoch: Int64

    /// Creates a timestamp from microseconds since the Unix epoch.
    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// Creates a timestamp from a `Date`, rounded to the nearest microsecond.
    public init(_ date: Date) {
        microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Parses an RFC 3339 date-time with any UTC offset (`2025-03-01T11:15:30+01:00`); returns `nil` otherwise.
    public init?(rfc3339 string: String) {
        guard let parsed = CalendarMath.parseDateTime(string) else { return nil }
        microsecondsSinceEpoch = parsed.microseconds
    }

    /// The current time.
    public static func now() -> Timestamp {
        Timestamp(Date())
    }

    /// The same instant as a `Date`.
    public var date: Date {
        Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
    }

    /// The canonical form: `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC.
    public var rfc3339String: String {
        let (seconds, micros) = Self.floorDivide(microsecondsSinceEpoch, 1_000_000)
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        let civil = CalendarMath.civilDate(daysSinceEpoch: Int(days))
        let second = Int(secondOfDay)
        let fraction = String(micros)
        return CalendarMath.fourDigits(civil.year) + "-" + CalendarMath.twoDigits(civil.month) + "-"
            + CalendarMath.twoDigits(civil.day) + "T" + CalendarMath.twoDigits(second / 3600) + ":"
            + CalendarMath.twoDigits(second / 60 % 60) + ":" + CalendarMath.twoDigits(second % 60) + "."
            + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
    }

    /// Same as ``rfc3339String``.
    public var description: String { rfc3339String }

    /// Orders chronologically.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// Decodes an RFC 3339 date-time string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let parsed = Timestamp(rfc3339: string) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid timestamp \"\(string)\": expected an RFC 3339 date-time like "
                    + "\"2025-03-01T10:15:30.123456Z\""
            )
        }
        self = parsed
    }

    /// Encodes ``rfc3339String``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339String)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }
}
