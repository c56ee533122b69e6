import Foundation
import KontorModel

/// The `date` transform: parses a date or date-time with a pattern and a time zone, and writes an ISO date
/// (`2025-08-15`) or an RFC 3339 date-time (`2025-08-15T14:30:00+02:00`).
///
/// Patterns use the usual letters: `yyyy` `yy` (year), `MM` `M` (month), `MMM` (English or German month name, full
/// or abbreviated), `dd` `d`, `HH` `H` (0–23), `hh` `h` with `a` (AM/PM), `mm` `m`, `ss` `s`, `S…` (fraction),
/// `XXX` `XX` `X` `Z` (offset such as `Z`, `+02:00`, `+0200`), `'literal'`. Doubled letters need exactly two digits,
/// single ones take one or two. Named formats: `iso8601` (date or date-time, offset optional), `unix` (seconds) and
/// `unixMillis`.
///
/// A value without an offset is read in `timeZone` (default UTC; IANA names such as `Europe/Berlin`, daylight saving
/// included). A value with an offset keeps it. The output is in that same offset.
struct DateTransform: Sendable {
    enum Output: String, Sendable {
        case date
        case datetime
    }

    struct Problem: Error {
        let message: String
    }

    enum Token: Sendable, Hashable {
        case year(minDigits: Int, maxDigits: Int)
        case month(exactlyTwo: Bool)
        case monthName
        case day(exactlyTwo: Bool)
        case hour24(exactlyTwo: Bool)
        case hour12(exactlyTwo: Bool)
        case minute(exactlyTwo: Bool)
        case second(exactlyTwo: Bool)
        case fraction
        case offset
        case amPm
        case literal(String)
    }

    enum Pattern: Sendable {
        case tokens([Token])
        case iso8601
        case unixSeconds
        case unixMilliseconds
    }

    let format: String
    let pattern: Pattern
    let timeZone: TimeZone
    let output: Output

    /// Compiles a pattern; throws a ``Problem`` for unsupported letters, a missing year/month/day, an unknown time zone.
    init(format: String, timeZone zoneName: String?, output outputName: String?) throws(Problem) {
        self.format = format
        let hasTime: Bool
        switch format {
        case "iso8601", "rfc3339":
            pattern = .iso8601
            hasTime = true
        case "unix":
            pattern = .unixSeconds
            hasTime = true
        case "unixMillis":
            pattern = .unixMilliseconds
            hasTime = true
        default:
            let tokens = try Self.compile(format)
            pattern = .tokens(tokens)
            hasTime = tokens.contains {
                if case .hour24 = $0 { return true }
                if case .hour12 = $0 { return true }
                return false
            }
        }
        if let zoneName {
            guard let zone = TimeZone(identifier: zoneName) else {
                throw Problem(message: "unknown time zone '\(zoneName)' (use an IANA name like Europe/Berlin)")
            }
            timeZone = zone
        } else {
            timeZone = TimeZone(identifier: "UTC")!
        }
        if let outputName {
            guard let parsed = Output(rawValue: outputName) else {
                throw Problem(message: "output must be 'date' or 'datetime', not '\(outputName)'")
            }
            output = parsed
        } else {
            output = hasTime ? .datetime : .date
        }
    }

    // MARK: Pattern compilation

    private static func compile(_ format: String) throws(Problem) -> [Token] {
        let characters = Array(format)
        var tokens: [Token] = []
        var index = 0
        var literal = ""
        func flushLiteral() {
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                if index + 1 < characters.count, characters[index + 1] == "'" {
                    literal.append("'")
                    index += 2
                    continue
                }
                guard let end = characters[(index + 1)...].firstIndex(of: "'") else {
                    throw Problem(message: "unterminated quote in date format '\(format)'")
                }
                literal += String(characters[(index + 1)..<end])
                index = end + 1
                continue
            }
            guard character.isASCII, character.isLetter else {
                literal.append(character)
                index += 1
                continue
            }
            var count = 1
            while index + count < characters.count, characters[index + count] == character { count += 1 }
            index += count
            flushLiteral()
            let token: Token
            switch (character, count) {
            case ("y", 1): token = .year(minDigits: 1, maxDigits: 4)
            case ("y", 2): token = .year(minDigits: 2, maxDigits: 2)
            case ("y", 4): token = .year(minDigits: 4, maxDigits: 4)
            case ("M", 1), ("M", 2): token = .month(exactlyTwo: count == 2)
            case ("M", 3), ("M", 4): token = .monthName
            case ("d", 1), ("d", 2): token = .day(exactlyTwo: count == 2)
            case ("H", 1), ("H", 2): token = .hour24(exactlyTwo: count == 2)
            case ("h", 1), ("h", 2): token = .hour12(exactlyTwo: count == 2)
            case ("m", 1), ("m", 2): token = .minute(exactlyTwo: count == 2)
            case ("s", 1), ("s", 2): token = .second(exactlyTwo: count == 2)
            case ("S", _): token = .fraction
            case ("a", 1): token = .amPm
            case ("X", 1...3), ("x", 1...3), ("Z", 1...3), ("Z", 5): token = .offset
            default:
                throw Problem(
                    message: "unsupported pattern '\(String(repeating: character, count: count))' in date format "
                        + "'\(format)' (supported: yyyy yy MM M MMM dd d HH H hh h a mm m ss s S XXX Z, 'literal')"
                )
            }
            tokens.append(token)
        }
        flushLiteral()
        let hasYear = tokens.contains { if case .year = $0 { true } else { false } }
        let hasMonth = tokens.contains {
            switch $0 {
            case .month, .monthName: true
            default: false
            }
        }
        let hasDay = tokens.contains { if case .day = $0 { true } else { false } }
        guard hasYear, hasMonth, hasDay else {
            throw Problem(message: "date format '\(format)' needs a year, a month and a day (yyyy, MM, dd)")
        }
        let hasHour12 = tokens.contains { if case .hour12 = $0 { true } else { false } }
        let hasAmPm = tokens.contains { $0 == .amPm }
        guard hasHour12 == hasAmPm else {
            throw Problem(message: "date format '\(format)': 'hh' and 'a' (AM/PM) go together; use 'HH' for 0-23")
        }
        return tokens
    }

    // MARK: Applying

    private struct Fields {
        var year = 0
        var month = 0
        var day = 0
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = ""
        var offset: Int?
        var isPM: Bool?
    }

    /// Converts one value.
    func apply(_ value: String) -> Result<String, Problem> {
        let text = value.trimmingCharacters(in: .whitespaces)
        let failure = Problem(message: "not a date in the format '\(format)': \"\(value)\"")
        var fields = Fields()
        var instant: Int64?
        switch pattern {
        case .tokens(let tokens):
            guard let parsed = Self.parse(Array(text), tokens: tokens) else { return .failure(failure) }
            fields = parsed
        case .iso8601:
            guard let parsed = Self.parseISO(Array(text)) else { return .failure(failure) }
            fields = parsed
        case .unixSeconds, .unixMilliseconds:
            guard let number = Int64(text), abs(number) < 1 << 50 else { return .failure(failure) }
            if pattern.isMilliseconds {
                let seconds = floorDiv(number, 1000)
                let millis = Int(number - seconds * 1000)
                if millis != 0 { fields.fraction = String(millis + 1000).dropFirst().description }
                instant = seconds
            } else {
                instant = number
            }
        }
        if let isPM = fields.isPM {
            guard (1...12).contains(fields.hour) else { return .failure(failure) }
            fields.hour = fields.hour % 12 + (isPM ? 12 : 0)
        }
        if let instant {
            let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            let local = instant + Int64(offset)
            let days = Int(floorDiv(local, 86_400))
            let secondsOfDay = Int(local - Int64(days) * 86_400)
            (fields.year, fields.month, fields.day) = CalendarMath.civilDate(daysSinceEpoch: days)
            fields.hour = secondsOfDay / 3600
            fields.minute = secondsOfDay / 60 % 60
            fields.second = secondsOfDay % 60
            fields.offset = offset
        }
        guard (0...9999).contains(fields.year), (1...12).contains(fields.month),
            (1...CalendarMath.daysInMonth(year: fields.year, month: fields.month)).contains(fields.day),
            (0...23).contains(fields.hour), (0...59).contains(fields.minute), (0...59).contains(fields.second)
        else { return .failure(Problem(message: "not a valid date: \"\(value)\"")) }
        let date = four(fields.year) + "-" + two(fields.month) + "-" + two(fields.day)
        guard output == .datetime else { return .success(date) }
        let offset = fields.offset ?? offsetOfLocalTime(fields)
        var result = date + "T" + two(fields.hour) + ":" + two(fields.minute) + ":" + two(fields.second)
        if !fields.fraction.isEmpty { result += "." + fields.fraction }
        if offset == 0 {
            result += "Z"
        } else {
            let magnitude = abs(offset) / 60
            result += (offset < 0 ? "-" : "+") + two(magnitude / 60) + ":" + two(magnitude % 60)
        }
        return .success(result)
    }

    /// The time zone's offset at a local wall-clock time. A time in a daylight-saving gap (02:30 on the spring-forward
    /// day) gets the offset before the gap, which names the instant one hour later; an ambiguous time in the autumn
    /// overlap (02:30 on the fall-back day) gets the standard-time offset.
    private func offsetOfLocalTime(_ fields: Fields) -> Int {
        let local =
            Int64(CalendarMath.daysSinceEpoch(year: fields.year, month: fields.month, day: fields.day)) * 86_400
            + Int64(fields.hour * 3600 + fields.minute * 60 + fields.second)
        let guess = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
        let actual = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - Int64(guess))))
        return actual
    }

    private static func parse(_ input: [Character], tokens: [Token]) -> Fields? {
        var fields = Fields()
        var index = 0
        func number(min: Int, max: Int) -> Int? {
            var digits = 0
            var value = 0
            while index < input.count, digits < max, let digit = input[index].wholeNumberValue, input[index].isASCII {
                value = value * 10 + digit
                digits += 1
                index += 1
            }
            return digits >= min ? value : nil
        }
        for token in tokens {
            switch token {
            case .year(let minDigits, let maxDigits):
                guard let year = number(min: minDigits, max: maxDigits) else { return nil }
                fields.year = maxDigits == 2 ? 2000 + year : year
            case .month(let exactlyTwo):
                guard let month = number(min: exactlyTwo ? 2 : 1, max: 2) else { return nil }
                fields.month = month
            case .monthName:
                var name = ""
                while index < input.count, input[index].isLetter {
                    name.append(input[index])
                    index += 1
                }
                if index < input.count, input[index] == "." { index += 1 }
                guard let month = monthNumber(name) else { return nil }
                fields.month = month
            case .day(let exactlyTwo):
                guard let day = number(min: exactlyTwo ? 2 : 1, max: 2) else { return nil }
                fields.day = day
            case .hour24(let exactlyTwo), .hour12(let exactlyTwo):
                guard let hour = number(min: exactlyTwo ? 2 : 1, max: 2) else { return nil }
                fields.hour = hour
            case .minute(let exactlyTwo):
                guard let minute = number(min: exactlyTwo ? 2 : 1, max: 2) else { return nil }
                fields.minute = minute
            case .second(let exactlyTwo):
                guard let second = number(min: exactlyTwo ? 2 : 1, max: 2) else { return nil }
                fields.second = second
            case .fraction:
                let start = index
                while index < input.count, input[index].isASCIIDigit, index - start < 9 { index += 1 }
                guard index > start else { return nil }
                fields.fraction = String(input[start..<index])
            case .offset:
                guard let offset = parseOffset(input, &index) else { return nil }
                fields.offset = offset
            case .amPm:
                guard index + 1 < input.count else { return nil }
                let marker = String(input[index...index + 1]).uppercased()
                guard marker == "AM" || marker == "PM" else { return nil }
                fields.isPM = marker == "PM"
                index += 2
            case .literal(let text):
                for character in text {
                    guard index < input.count, input[index] == character else { return nil }
                    index += 1
                }
            }
        }
        return index == input.count ? fields : nil
    }

    /// `yyyy-MM-dd`, optionally followed by `T` or a space, `HH:mm[:ss[.fraction]]` and an offset.
    private static func parseISO(_ input: [Character]) -> Fields? {
        let date: [Token] = [
            .year(minDigits: 4, maxDigits: 4), .literal("-"), .month(exactlyTwo: true), .literal("-"),
            .day(exactlyTwo: true),
        ]
        if input.count == 10 { return parse(input, tokens: date) }
        guard input.count > 10, input[10] == "T" || input[10] == "t" || input[10] == " " else { return nil }
        var time: [Token] = [
            .literal(String(input[10])), .hour24(exactlyTwo: true), .literal(":"), .minute(exactlyTwo: true),
        ]
        var index = 16
        if index < input.count, input[index] == ":" {
            time += [.literal(":"), .second(exactlyTwo: true)]
            index = 19
            if index < input.count, input[index] == "." || input[index] == "," {
                time += [.literal(String(input[index])), .fraction]
                index += 1
                while index < input.count, input[index].isASCIIDigit { index += 1 }
            }
        }
        if index < input.count { time.append(.offset) }
        return parse(input, tokens: date + time)
    }

    private static func parseOffset(_ input: [Character], _ index: inout Int) -> Int? {
        guard index < input.count else { return nil }
        if input[index] == "Z" || input[index] == "z" {
            index += 1
            return 0
        }
        guard input[index] == "+" || input[index] == "-" else { return nil }
        let negative = input[index] == "-"
        index += 1
        var digits: [Int] = []
        while index < input.count, digits.count < 4 {
            if input[index] == ":", digits.count == 2 {
                index += 1
                continue
            }
            guard input[index].isASCIIDigit, let digit = input[index].wholeNumberValue else { break }
            digits.append(digit)
            index += 1
        }
        guard digits.count == 2 || digits.count == 4 else { return nil }
        let hours = digits[0] * 10 + digits[1]
        let minutes = digits.count == 4 ? digits[2] * 10 + digits[3] : 0
        guard hours <= 18, minutes < 60 else { return nil }
        let seconds = (hours * 60 + minutes) * 60
        return negative ? -seconds : seconds
    }

    private static let monthPrefixes: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "mär": 3, "mrz": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
    ]

    private static func monthNumber(_ name: String) -> Int? {
        guard name.count >= 3 else { return nil }
        return monthPrefixes[String(name.lowercased().prefix(3))]
    }
}

extension DateTransform.Pattern {
    var isMilliseconds: Bool {
        if case .unixMilliseconds = self { return true }
        return false
    }
}

private func floorDiv(_ lhs: Int64, _ rhs: Int64) -> Int64 {
    lhs >= 0 ? lhs / rhs : -((-lhs + rhs - 1) / rhs)
}

private func two(_ value: Int) -> String {
    value < 10 ? "0\(value)" : String(value)
}

private func four(_ value: Int) -> String {
    String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value)
}
