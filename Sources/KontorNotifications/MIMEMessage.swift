import Crypto
import Foundation

/// An e-mail as RFC 5322/2045 text: `multipart/alternative` with a plain-text and an HTML part, both UTF-8 in
/// base64, headers with non-ASCII text as RFC 2047 encoded words, and a `Message-ID` derived from the notification id
/// so that the same notification always carries the same one (a receiving system can drop a duplicate by it).
public struct MIMEMessage: Sendable, Hashable {
    /// The sender: an address, optionally with a display name.
    public var from: MailAddress
    public var to: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    public var text: String
    public var html: String
    /// `<id@domain>`, with the angle brackets.
    public var messageID: String
    public var date: Date

    public init(
        from: MailAddress,
        to: [MailAddress],
        replyTo: MailAddress? = nil,
        subject: String,
        text: String,
        html: String,
        messageID: String,
        date: Date
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
    }

    /// `<32 hex digits of SHA-256(notificationID)@domain>`: the same notification id always gives the same one.
    public static func messageID(notificationID: String, domain: String) -> String {
        let digest = SHA256.hash(data: Data(notificationID.utf8))
        let hex = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        return "<\(hex)@\(domain)>"
    }

    /// The message with CRLF line ends, ready for SMTP.
    public var bytes: [UInt8] {
        Array(rendered.utf8)
    }

    /// The message text with CRLF line ends.
    public var rendered: String {
        // Derived from the Message-ID: a boundary that cannot occur in base64 bodies (it contains '=' and '_').
        let boundary = "=_kontor_" + messageID.filter { $0.isLetter || $0.isNumber }.prefix(16)
        var lines: [String] = [
            "From: \(from.header)",
            "To: \(to.map(\.header).joined(separator: ", "))",
        ]
        if let replyTo { lines.append("Reply-To: \(replyTo.header)") }
        lines += [
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "This is a multi-part message in MIME format.",
            "--\(boundary)",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        lines += Self.base64Lines(text)
        lines += [
            "--\(boundary)",
            "Content-Type: text/html; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        lines += Self.base64Lines(html)
        lines += ["--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    /// `text` as is when it is printable ASCII, else RFC 2047 `=?UTF-8?B?...?=` words (each at most 75 characters,
    /// never splitting a character), folded onto continuation lines.
    public static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 39 bytes → 52 base64 characters + 12 of `=?UTF-8?B??=` = 64: with `Subject: ` in front, under 78.
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Sun, 29 Nov 2026 10:15:00 +0000`.
    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    private static func base64Lines(_ text: String) -> [String] {
        // Line ends inside the part are CRLF too, as RFC 2045 wants for text.
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }
}

/// An e-mail address with an optional display name.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// Reads `Name <address>` or a bare `address`; nil when there is no plausible address (`x@y`).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
            self.init(address, name: name.isEmpty ? nil : name)
        } else {
            self.init(trimmed)
        }
        guard Self.isPlausible(address) else { return nil }
    }

    /// One `@` with text on both sides, no spaces, brackets or line breaks (what SMTP's `RCPT TO` can carry).
    public static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !address.contains(where: { $0.isWhitespace || "<>\",;".contains($0) })
    }

    /// `"Name" <address>` (the name encoded when not ASCII) or the bare address.
    public var header: String {
        guard let name, !name.isEmpty else { return address }
        let ascii = name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ascii ? "\"\(escaped)\" <\(address)>" : "\(MIMEMessage.encodedWords(name)) <\(address)>"
    }

    public var description: String { header }
}
