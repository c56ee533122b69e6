import KontorModel
import KontorWorkers

/// Money and dates written the way a customer reading `language` expects: German `1.234,50 €` and `29.11.2026`,
/// English `€1,234.50` and `29 November 2026`. Other languages are written like English.
public struct NotificationFormatting: Sendable, Hashable {
    /// The language, e.g. `de`.
    public var language: String

    /// Formats for `language`.
    public init(language: String) {
        self.language = language
    }

    private var isGerman: Bool { language == "de" }

    /// `1.234,50 €` (de) or `€1,234.50` (en); rounded to the currency's minor units. Currencies without a symbol
    /// here are written with their code (`1.234,50 CHF`, `CHF 1,234.50`).
    public func money(_ money: Money) -> String {
        let scale = money.currency.minorUnits ?? 2
        let text = money.amount.rounded(toScale: scale, rule: .halfEven).description
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let integer = Self.grouped(String(parts[0]), separator: isGerman ? "." : ",")
        let number = parts.count > 1 ? integer + (isGerman ? "," : ".") + parts[1] : integer
        let sign = negative ? "-" : ""
        let symbol = Self.symbols[money.currency.rawValue]
        if isGerman { return "\(sign)\(number) \(symbol ?? money.currency.rawValue)" }
        if let symbol { return "\(sign)\(symbol)\(number)" }
        return "\(sign)\(money.currency.rawValue) \(number)"
    }

    /// `29.11.2026` (de) or `29 November 2026` (en): the calendar date as written (a date-time's own date).
    public func date(_ date: KontorDate) -> String {
        if isGerman {
            return Self.twoDigits(date.day) + "." + Self.twoDigits(date.month) + "." + String(date.year)
        }
        return "\(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
    }

    /// The UTC calendar date of `timestamp`, as ``date(_:)``.
    public func date(_ timestamp: Timestamp) -> String {
        date(KontorDate.utcDay(of: timestamp))
    }

    private static let symbols = ["EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"]

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    /// `1234567` → `1.234.567` with `separator` `.`.
    private static func grouped(_ digits: String, separator: String) -> String {
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }
}
