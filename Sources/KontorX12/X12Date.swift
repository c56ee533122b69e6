import Foundation
import KontorModel

/// Date and time conversions between X12 and ISO forms.
enum X12Date {
    /// `CCYYMMDD` → `YYYY-MM-DD`, or `nil` when not a valid calendar date.
    static func isoDate(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let digits = bytes.map { Int($0 - 0x30) }
        let year = digits[0...3].reduce(0) { $0 * 10 + $1 }
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard (1...12).contains(month), day >= 1, day <= CalendarMath.daysInMonth(year: year, month: month) else {
            return nil
        }
        return "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.suffix(2))"
    }

    /// `YYYY-MM-DD...` → `CCYYMMDD`.
    static func x12Date(fromISO text: String) -> String {
        String(text.prefix(10).filter { $0 != "-" })
    }

    /// UTC date/time parts of `date`: CCYYMMDD, YYMMDD and HHMM.
    static func stamp(_ date: Date) -> (long: String, short: String, time: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let long = pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
        return (long, String(long.dropFirst(2)), pad(parts.hour, 2) + pad(parts.minute, 2))
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
