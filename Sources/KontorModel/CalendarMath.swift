/// Proleptic Gregorian calendar arithmetic in UTC, independent of Foundation's calendars and formatters.
/// Proleptic Gregorian date arithmetic, shared by the modules of this package (`package` access).
package enum CalendarMath {
    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    package static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        (0...9999).contains(year) && (1...12).contains(month)
            && (1...daysInMonth(year: year, month: month)).contains(day)
    }

    /// Days since 1970-01-01 (after H. Hinnant's `days_from_civil`).
    package static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (after H. Hinnant's `civil_from_days`).
    package static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Reads a fixed number of ASCII digits.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }

    /// Parses `YYYY-MM-DD` at the start of `bytes`; validates the calendar date.
    static func parseDate(_ bytes: ArraySlice<UInt8>) -> (year: Int, month: Int, day: Int)? {
        let start = bytes.startIndex
        guard bytes.count >= 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = number(bytes[start..<start + 4]),
            let month = number(bytes[start + 5..<start + 7]),
            let day = number(bytes[start + 8..<start + 10]),
            isValidDate(year: year, month: month, day: day)
        else { return nil }
        return (year, month, day)
    }

    /// Parses an RFC 3339 `date-time` into microseconds since the Unix epoch plus the written UTC offset in minutes.
    /// Accepts `T`/`t`, `Z`/`z`, any number of fraction digits (beyond six are truncated) and leap second `60`.
    static func parseDateTime(_ string: String) -> (microseconds: Int64, offsetMinutes: Int)? {
        let bytes = Array(string.utf8)[...]
        guard bytes.count >= 20, let date = parseDate(bytes[0..<10]),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
            let second = number(bytes[17..<19]),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var micros = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            let fraction = bytes[fractionStart..<index]
            guard !fraction.isEmpty else { return nil }
            let padded =
                Array(fraction.prefix(6)) + Array(repeating: UInt8(ascii: "0"), count: max(0, 6 - fraction.count))
            micros = number(padded[...]) ?? 0
        }
        guard index < bytes.count else { return nil }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHours = number(bytes[index + 1..<index + 3]),
                let offsetMins = number(bytes[index + 4..<index + 6]),
                offsetHours < 24, offsetMins < 60
            else { return nil }
            offsetMinutes = (offsetHours * 60 + offsetMins) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        // A leap second is read as the last microsecond of the minute.
        let wholeSeconds = second == 60 ? 59 : second
        if second == 60 { micros = 999_999 }
        let days = daysSinceEpoch(year: date.year, month: date.month, day: date.day)
        let secondsOfDay = hour * 3600 + minute * 60 + wholeSeconds
        let utcSeconds = Int64(days) * 86_400 + Int64(secondsOfDay) - Int64(offsetMinutes) * 60
        return (utcSeconds * 1_000_000 + Int64(micros), offsetMinutes)
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    static func fourDigits(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
