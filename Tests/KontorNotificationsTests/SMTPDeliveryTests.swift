import Foundation
import KontorHTTPClient
import KontorNotifications
import KontorTestSupport
import Testing

/// Delivery to a real SMTP server (aiosmtpd, started by the test) that parses what it receives with Python's
/// `email` package.
@Suite("E-mail delivery over SMTP")
struct SMTPDeliveryTests {
    @Test("A message reaches the server with From, To, Subject, Message-ID and both bodies intact")
    func delivery() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        let message = MIMEMessageTests.message
        let client = SMTPClient(configuration: SMTPConfiguration(url: server.url, timeout: .seconds(20)))
        try await client.send(from: "orders@kontor.example", to: ["anna.mueller@example.de"], message: message.bytes)

        let received = try #require(try await server.waitForMessages(1).first)
        #expect(received.mailFrom == "orders@kontor.example")
        #expect(received.recipients == ["anna.mueller@example.de"])
        #expect(received.header("From") == "Kontor Shop <orders@kontor.example>")
        #expect(received.header("To") == "Anna Müller <anna.mueller@example.de>")
        #expect(received.header("Subject") == message.subject)
        #expect(received.header("Message-ID") == message.messageID)
        #expect(received.contentType == "multipart/alternative")
        #expect(received.partTypes == ["text/plain", "text/html"])
        #expect(received.text?.replacingOccurrences(of: "\r\n", with: "\n") == "Hallo Anna,\nIhr Paket kommt.\n")
        #expect(received.html?.trimmingCharacters(in: .whitespacesAndNewlines) == "<p>Hallo Anna,</p>")
        #expect(received.defects.isEmpty)
    }

    @Test("STARTTLS required against a server without it fails for good; opportunistic sends in plain")
    func startTLS() async throws {
        #expect(SMTPConfiguration(url: "smtp://x", startTLS: .off).useSSLLevel == 0)
        #expect(SMTPConfiguration(url: "smtp://x", startTLS: .opportunistic).useSSLLevel == 1)
        #expect(SMTPConfiguration(url: "smtp://x", startTLS: .required).useSSLLevel == 3)

        let server = try LocalSMTPServer()
        defer { server.stop() }
        let message = MIMEMessageTests.message.bytes
        let required = SMTPClient(configuration: SMTPConfiguration(url: server.url, startTLS: .required))
        let error = await #expect(throws: SMTPError.self) {
            try await required.send(from: "a@kontor.example", to: ["b@example.de"], message: message)
        }
        #expect(error?.curlCode == 64)  // CURLE_USE_SSL_FAILED: the server offers no STARTTLS
        #expect(error?.isTransient == false)

        let opportunistic = SMTPClient(configuration: SMTPConfiguration(url: server.url, startTLS: .opportunistic))
        try await opportunistic.send(from: "a@kontor.example", to: ["b@example.de"], message: message)
        #expect(try await server.waitForMessages(1).count == 1)
    }

    @Test("A 451 reply and an unreachable server are transient")
    func transientFailures() async throws {
        let server = try LocalSMTPServer(refuseFirst: 1)
        defer { server.stop() }
        let client = SMTPClient(configuration: SMTPConfiguration(url: server.url))
        let refused = await #expect(throws: SMTPError.self) {
            try await client.send(
                from: "a@kontor.example",
                to: ["b@example.de"],
                message: MIMEMessageTests.message.bytes
            )
        }
        #expect(refused?.isTransient == true)
        #expect(refused?.replyCode == 451)
        try await client.send(from: "a@kontor.example", to: ["b@example.de"], message: MIMEMessageTests.message.bytes)
        #expect(try await server.waitForMessages(1).count == 1)

        server.stop()
        let gone = await #expect(throws: SMTPError.self) {
            try await client.send(
                from: "a@kontor.example",
                to: ["b@example.de"],
                message: MIMEMessageTests.message.bytes
            )
        }
        #expect(gone?.isTransient == true)
    }
}
