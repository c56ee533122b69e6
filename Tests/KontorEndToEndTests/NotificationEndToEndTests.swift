import Foundation
import KontorTestSupport
import Testing

/// `kontor run` with e-mail to a real SMTP server (aiosmtpd, started by the test): an order posted gets its
/// confirmation e-mail and a timeline entry saying so; after a restart on the same store it gets no second one.
@Suite("End to end: customer notifications by e-mail", .serialized, .timeLimit(.minutes(5)))
struct NotificationEndToEndTests {
    @Test("Order confirmation e-mailed once, also across a restart")
    func confirmationAcrossRestart() async throws {
        let mail = try LocalSMTPServer()
        defer { mail.stop() }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-e2e-\(UUID().uuidString)")
        let environment = ["KONTOR_NOTIFICATIONS_SMTP_URL": mail.url]

        let first = try KontorProcess(stateDirectory: state, environment: environment)
        try await first.start()
        let accepted = try await HTTPClient.postOrder(first.httpAddress, SampleOrders.json(number: "NOTIFY-E2E-1"))
        #expect(accepted.status == 202)
        let orderID = try #require(accepted.json["orderId"] as? String)
        let received = try await mail.waitForMessages(1)
        #expect(received.count == 1)
        let confirmation = try #require(received.first)
        #expect(confirmation.recipients == ["erika+NOTIFY-E2E-1@example.com"])
        #expect(confirmation.header("Subject") == "Ihre Bestellung NOTIFY-E2E-1 bei Kontor Shop")
        #expect(confirmation.header("From") == "Kontor Shop <orders@kontor.example>")
        #expect(confirmation.text?.contains("Gesamtbetrag: 199,80 €") == true)
        #expect(confirmation.header("Message-ID")?.hasSuffix("@notifications.kontor.example>") == true)

        // The projection shows the e-mail on the order's timeline.
        var entry: [String: Any]?
        for _ in 0..<300 where entry == nil {
            let detail = try await HTTPClient.request("GET", "\(first.httpAddress)/v1/orders/\(orderID)")
            let timeline = detail.json["timeline"] as? [[String: Any]] ?? []
            entry = timeline.first { $0["eventType"] as? String == "notification.sent" }
            if entry == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let summary = (entry?["details"] as? [String: Any])?["summary"] as? String
        #expect(summary == "e-mail order-confirmation sent to erika+NOTIFY-E2E-1@example.com")
        #expect(try await first.terminate() == 0)

        // Restarted on the same store (a fresh embedded cluster; unfinished orders are published again before it is
        // ready). A second order's confirmation arriving alone shows the first order's was not sent again.
        let second = try KontorProcess(stateDirectory: state, environment: environment)
        try await second.start()
        let next = try await HTTPClient.postOrder(second.httpAddress, SampleOrders.json(number: "NOTIFY-E2E-2"))
        #expect(next.status == 202)
        let all = try await mail.waitForMessages(2)
        #expect(all.map(\.recipients) == [["erika+NOTIFY-E2E-1@example.com"], ["erika+NOTIFY-E2E-2@example.com"]])
        #expect(try mail.messages().count == 2)
        #expect(try await second.terminate() == 0)
        try? FileManager.default.removeItem(at: state)
    }
}
