import KontorModel

/// Date and time forms of the B2B XML formats.
enum XMLDates {
    /// cXML `datetime.tz`: a date-time as written, or a calendar date as midnight UTC (`2025-03-01T00:00:00+00:00`).
    static func cXML(_ date: KontorDate) -> String {
        date.isDateOnly ? date.rawValue + "T00:00:00+00:00" : date.rawValue
    }

    /// cXML `datetime.tz` of an instant, to the second in UTC (`2025-03-01T10:15:30+00:00`).
    static func cXML(_ timestamp: Timestamp) -> String {
        String(timestamp.rfc3339String.prefix(19)) + "+00:00"
    }

    /// UBL `cbc:*Date` (`YYYY-MM-DD`) and, for a date-time, `cbc:*Time` (`HH:MM:SS` with fraction and offset as
    /// written), so that the two joined with `T` give the date back.
    static func ubl(_ date: KontorDate) -> (date: String, time: String?) {
        let raw = date.rawValue
        guard !date.isDateOnly, let separator = raw.firstIndex(where: { $0 == "T" || $0 == "t" }) else {
            return (String(raw.prefix(10)), nil)
        }
        return (String(raw[..<separator]), String(raw[raw.index(after: separator)...]))
    }
}
