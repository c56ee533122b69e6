import Foundation
import KontorKafka
import KontorModel
import KontorNotifications
import KontorStore
import KontorTestSupport
import KontorWorkers
import Testing

/// A notification the process was sending when it stopped (kill -9 between the intent and the server's answer),
/// against a real SMTP server (aiosmtpd). The crash is simulated by writing the `sending` intent through the store,
/// as the stopped process left it.
@Suite("Notification stage: interrupted sends")
struct InterruptedNotificationTests {
    /// A handler with `policy`, a fresh store, an order confirmation event and its e-mail's notification id.
    static func setUp(smtpURL: String, policy: UncertainNotificationPolicy) throws
        -> (NotificationHandler, SQLiteStore, KafkaConsumerMessage, CanonicalOrder, String)
    {
        var settings = try NotificationFixtures.settings(smtpURL: smtpURL)
        settings.uncertainNotifications = policy
        let store = try NotificationFixtures.temporaryStore()
        let order = NotificationFixtures.order()
        let eventID = EventID.random()
        let message = try NotificationFixtures.message(OrderValidated(order: order), orderID: order.id!, id: eventID)
        return (
            NotificationHandler(settings: settings, store: store), store, message, order,
            "\(eventID.rawValue)/order-confirmation/email"
        )
    }

    /// The intent a process stopped mid-send leaves behind.
    static func leaveIntent(_ id: String, order: CanonicalOrder, in store: SQLiteStore) async throws {
        let attempt = Timestamp(rfc3339: "2026-11-29T10:15:01Z")!
        try await store.recordNotificationIntent(
            SentNotification(
                notificationID: id,
                orderID: order.id!,
                template: "order-confirmation",
                channel: "email",
                recipient: "anna.mueller@example.de",
                language: "de",
                sentAt: attempt,
                state: .sending,
                attemptedAt: attempt
            )
        )
    }

    @Test("skip (default): nothing is sent; recorded and published as uncertain; the timeline says so")
    func skip() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        #expect(NotificationSettings().uncertainNotifications == .skip)
        let (handler, store, message, order, id) = try Self.setUp(smtpURL: server.url, policy: .skip)
        try await Self.leaveIntent(id, order: order, in: store)

        let outputs = try await handler.handle(message)
        #expect(try server.messages().isEmpty)
        let stored = try #require(try await store.notifications(among: [id])[id])
        #expect(stored.state == .uncertain)
        #expect(outputs.count == 1)
        let published = try CanonicalJSON.decodeEvent(NotificationSent.self, from: try #require(outputs.first).value)
        #expect(published.data.notificationId == id)
        #expect(published.data.uncertain == true)
        #expect(published.data.sentAt == stored.attemptedAt)

        // Redelivered again: still nothing sent, the same event published.
        #expect(try await handler.handle(message).map(\.value) == outputs.map(\.value))
        #expect(try server.messages().isEmpty)

        try await NotificationFixtures.storeOrder(order, in: store)
        let projection = ProjectionHandler(store: store)
        #expect(try await projection.handle(Self.consumed(try #require(outputs.first))).isEmpty)
        let entry = try #require(try await store.timeline(orderID: order.id!).first)
        #expect(entry.eventType == "notification.sent")
        #expect(
            entry.reasonsJSON?.contains("e-mail order-confirmation to anna.mueller@example.de may not have been sent")
                == true
        )
    }

    @Test("resend: sent once more with the same Message-ID, then recorded as sent")
    func resend() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        let (handler, store, message, order, id) = try Self.setUp(smtpURL: server.url, policy: .resend)
        try await Self.leaveIntent(id, order: order, in: store)

        let outputs = try await handler.handle(message)
        let mails = try server.messages()
        #expect(mails.count == 1)
        #expect(
            mails.first?.header("Message-ID")
                == MIMEMessage.messageID(notificationID: id, domain: "notifications.kontor.example")
        )
        let stored = try #require(try await store.notifications(among: [id])[id])
        #expect(stored.state == .sent)
        #expect(stored.attemptedAt != Timestamp(rfc3339: "2026-11-29T10:15:01Z")!)
        let published = try CanonicalJSON.decodeEvent(NotificationSent.self, from: try #require(outputs.first).value)
        #expect(published.data.uncertain == nil)
        #expect(published.data.sentAt == stored.sentAt)

        #expect(try await handler.handle(message).map(\.value) == outputs.map(\.value))
        #expect(try server.messages().count == 1)
    }

    @Test(
        "A send that failed (451) leaves no intent: the retry sends the e-mail once",
        arguments: UncertainNotificationPolicy.allCases
    )
    func failedSendIsRetried(policy: UncertainNotificationPolicy) async throws {
        let server = try LocalSMTPServer(refuseFirst: 1)
        defer { server.stop() }
        let (handler, store, message, _, id) = try Self.setUp(smtpURL: server.url, policy: policy)

        let error = await #expect(throws: StageError.self) { try await handler.handle(message) }
        #expect(error?.isRetriable == true)
        #expect(try await store.notifications(among: [id]).isEmpty)
        #expect(try server.messages().isEmpty)

        let outputs = try await handler.handle(message)
        #expect(try server.messages().count == 1)
        #expect(try await store.notifications(among: [id])[id]?.state == .sent)
        let published = try CanonicalJSON.decodeEvent(NotificationSent.self, from: try #require(outputs.first).value)
        #expect(published.data.uncertain == nil)
    }

    /// `produced` as the projection would consume it.
    static func consumed(_ produced: KafkaProducerMessage) -> KafkaConsumerMessage {
        KafkaConsumerMessage(
            topic: produced.topic,
            partition: 0,
            offset: 0,
            key: produced.key,
            value: produced.value,
            headers: produced.headers
        )
    }
}
