import Foundation

/// One entry of a remote directory.
public struct SFTPEntry: Sendable, Hashable {
    /// The entry's name within its directory (may contain spaces).
    public var name: String
    /// Size in bytes as the server reports it (for a symbolic link: the link itself).
    public var size: UInt64
    /// Modification time as the server's listing shows it: minute precision for the last six months, day
    /// precision before; read as UTC. Nil when the listing's date cannot be read.
    public var modificationTime: Date?
    public var isDirectory: Bool
    public var isSymbolicLink: Bool

    public init(
        name: String,
        size: UInt64,
        modificationTime: Date? = nil,
        isDirectory: Bool = false,
        isSymbolicLink: Bool = false
    ) {
        self.name = name
        self.size = size
        self.modificationTime = modificationTime
        self.isDirectory = isDirectory
        self.isSymbolicLink = isSymbolicLink
    }
}

/// Reads the long directory listing libcurl passes on from the server (`ls -l` style, as OpenSSH and most
/// servers send it): mode, links, owner, group, size, month, day, time or year, then the name. The name is
/// everything after the single space following the eighth field, so names with spaces (even leading ones)
/// survive; libcurl appends " -> target" to symbolic links, which is removed.
enum SFTPListingParser {
    /// Parses a whole listing, leaving out "." and "..".
    static func parse(_ listing: String, now: Date = Date()) throws(ListingError) -> [SFTPEntry] {
        var entries: [SFTPEntry] = []
        for line in listing.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            guard let entry = parseLine(line, now: now) else { throw ListingError(line: String(line)) }
            if entry.name != "." && entry.name != ".." { entries.append(entry) }
        }
        return entries
    }

    /// A listing line that is not in the expected form.
    struct ListingError: Error {
        let line: String
    }

    static func parseLine(_ line: Substring, now: Date) -> SFTPEntry? {
        var fields: [Substring] = []
        var index = line.startIndex
        while fields.count < 8 {
            while index < line.endIndex && line[index] == " " { index = line.index(after: index) }
            let start = index
            while index < line.endIndex && line[index] != " " { index = line.index(after: index) }
            guard start < index else { return nil }
            fields.append(line[start..<index])
        }
        // Exactly one separator before the name.
        guard index < line.endIndex else { return nil }
        var name = line[line.index(after: index)...]
        guard let mode = fields[0].first, fields[0].count >= 10, let size = UInt64(fields[4]), !name.isEmpty else {
            return nil
        }
        let isSymbolicLink = mode == "l"
        if isSymbolicLink, let arrow = name.range(of: " -> ") { name = name[..<arrow.lowerBound] }
        return SFTPEntry(
            name: String(name),
            size: size,
            modificationTime: date(month: fields[5], day: fields[6], timeOrYear: fields[7], now: now),
            isDirectory: mode == "d",
            isSymbolicLink: isSymbolicLink
        )
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Nov 29 04:10" (within the last six months, year implied) or "Jan  1  2020".
    static func date(month: Substring, day: Substring, timeOrYear: Substring, now: Date) -> Date? {
        guard let monthIndex = months.firstIndex(of: String(month)), let day = Int(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var components = DateComponents(month: monthIndex + 1, day: day)
        let timeParts = timeOrYear.split(separator: ":")
        if timeParts.count == 2, let hour = Int(timeParts[0]), let minute = Int(timeParts[1]) {
            components.hour = hour
            components.minute = minute
            components.year = calendar.component(.year, from: now)
            // A recent date without a year that lies ahead of now belongs to the year before.
            if let candidate = calendar.date(from: components), candidate > now.addingTimeInterval(86_400) {
                components.year! -= 1
            }
        } else if let year = Int(timeOrYear) {
            components.year = year
        } else {
            return nil
        }
        return calendar.date(from: components)
    }
}
