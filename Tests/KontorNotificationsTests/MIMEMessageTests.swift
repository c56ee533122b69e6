import Foundation
import KontorNotifications
import Testing

@Suite("MIME messages")
struct MIMEMessageTests {
    static let message = MIMEMessage(
        from: MailAddress("orders@kontor.example", name: "Kontor Shop"),
        to: [MailAddress("anna.mueller@example.de", name: "Anna Müller")],
        replyTo: MailAddress("help@kontor.example"),
        subject: "Ihre Bestellung WEB-10042 ist unterwegs – Größe L",
        text: "Hallo Anna,\nIhr Paket kommt.\n",
        html: "<p>Hallo Anna,</p>",
        messageID: MIMEMessage.messageID(notificationID: "e1/shipped/email", domain: "kontor.example"),
        date: Date(timeIntervalSince1970: 1_795_947_300)
    )

    @Test("multipart/alternative with a UTF-8 text and HTML part in base64, CRLF line ends")
    func structure() throws {
        let text = Self.message.rendered
        let lines = text.components(separatedBy: "\r\n")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.contains("MIME-Version: 1.0"))
        let contentType = try #require(lines.first { $0.hasPrefix("Content-Type: multipart/alternative;") })
        let boundary = try #require(contentType.split(separator: "\"").dropFirst().first.map(String.init))
        #expect(lines.filter { $0 == "--\(boundary)" }.count == 2)
        #expect(lines.last { !$0.isEmpty } == "--\(boundary)--")
        #expect(lines.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(lines.contains("Content-Type: text/html; charset=UTF-8"))
        #expect(lines.filter { $0 == "Content-Transfer-Encoding: base64" }.count == 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let plainStart = try #require(lines.firstIndex(of: "Content-Type: text/plain; charset=UTF-8")) + 3
        let decoded = try #require(Data(base64Encoded: lines[plainStart]))
        #expect(String(decoding: decoded, as: UTF8.self) == "Hallo Anna,\r\nIhr Paket kommt.\r\n")
        #expect(lines.contains("From: \"Kontor Shop\" <orders@kontor.example>"))
        #expect(lines.contains("To: =?UTF-8?B?QW5uYSBNw7xsbGVy?= <anna.mueller@example.de>"))
        #expect(lines.contains("Reply-To: help@kontor.example"))
        #expect(lines.contains("Date: Sun, 29 Nov 2026 10:15:00 +0000"))
    }

    @Test("A non-ASCII subject becomes encoded words that decode to it")
    func encodedSubject() throws {
        let encoded = MIMEMessage.encodedWords(Self.message.subject)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = try words.map { word -> Data in
            try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }.reduce(Data(), +)
        #expect(String(decoding: decoded, as: UTF8.self) == Self.message.subject)
        #expect(MIMEMessage.encodedWords("Plain ASCII subject") == "Plain ASCII subject")
    }

    @Test("The Message-ID is derived from the notification id: same id, same Message-ID")
    func deterministicMessageID() {
        let first = MIMEMessage.messageID(notificationID: "e1/shipped/email", domain: "kontor.example")
        #expect(first == MIMEMessage.messageID(notificationID: "e1/shipped/email", domain: "kontor.example"))
        #expect(first != MIMEMessage.messageID(notificationID: "e2/shipped/email", domain: "kontor.example"))
        #expect(first.hasPrefix("<") && first.hasSuffix("@kontor.example>") && first.count == 32 + 17)
    }

    @Test("Addresses: display names parsed, implausible addresses refused")
    func addresses() {
        #expect(
            MailAddress(parsing: "Kontor Shop <orders@kontor.example>")
                == MailAddress("orders@kontor.example", name: "Kontor Shop")
        )
        #expect(MailAddress(parsing: "orders@kontor.example")?.name == nil)
        #expect(MailAddress(parsing: "not an address") == nil)
        #expect(MailAddress(parsing: "a@b>\r\nBcc: x@y") == nil)
    }
}
