import KontorModel
import KontorStore
import Testing

@Suite("Sent notifications, on both backends")
struct NotificationStoreTests {
    static func notification(_ id: String, recipient: String = "anna@example.de", at second: Int64 = 0)
        -> SentNotification
    {
        SentNotification(
            notificationID: id,
            orderID: OrderID("ord-1"),
            template: "shipped",
            channel: "email",
            recipient: recipient,
            language: "de",
            sentAt: Timestamp(microsecondsSinceEpoch: 1_795_947_300_000_000 + second * 1_000_000)
        )
    }

    @Test("A sent notification is found by id; the first record of an id wins", arguments: StoreBackend.allCases)
    func recordAndFind(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            #expect(try await store.notifications(among: ["e1/shipped/email"]).isEmpty)
            let first = Self.notification("e1/shipped/email")
            #expect(try await store.recordNotificationSent(first) == first)
            // A second send of the same notification (a race, or the window after a crash) keeps the first record.
            let later = Self.notification("e1/shipped/email", recipient: "other@example.de", at: 60)
            #expect(try await store.recordNotificationSent(later) == first)
            try await store.recordNotificationSent(Self.notification("e1/shipped/webhook/erp"))

            let reopened = try await database.open()
            let found = try await reopened.notifications(
                among: ["e1/shipped/email", "e1/shipped/webhook/erp", "e2/shipped/email", "e1/shipped/email"]
            )
            await reopened.close()
            #expect(found.count == 2)
            #expect(found["e1/shipped/email"] == first)
            #expect(found["e1/shipped/webhook/erp"]?.notificationID == "e1/shipped/webhook/erp")
            #expect(try await store.notifications(among: []).isEmpty)
        }
    }

    @Test(
        "An intent is recorded before the send: sent on acceptance, cleared on failure, uncertain when left",
        arguments: StoreBackend.allCases
    )
    func intents(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            func intent(_ id: String, at second: Int64) -> SentNotification {
                var notification = Self.notification(id, at: second)
                notification.state = .sending
                notification.attemptedAt = notification.sentAt
                return notification
            }
            // Accepted: the intent becomes sent, keeping its attempt time.
            let attempt = intent("e1/shipped/email", at: 0)
            #expect(try await store.recordNotificationIntent(attempt) == attempt)
            #expect(try await store.notifications(among: ["e1/shipped/email"])["e1/shipped/email"]?.state == .sending)
            let sent = try await store.recordNotificationSent(Self.notification("e1/shipped/email", at: 2))
            #expect(sent.state == .sent)
            #expect(sent.sentAt == Self.notification("e1/shipped/email", at: 2).sentAt)
            #expect(sent.attemptedAt == attempt.attemptedAt)
            // A sent notification is neither turned back into an intent, nor cleared, nor made uncertain.
            #expect(try await store.recordNotificationIntent(intent("e1/shipped/email", at: 9)) == sent)
            try await store.clearNotificationIntent(id: "e1/shipped/email")
            #expect(try await store.recordNotificationUncertain(id: "e1/shipped/email") == sent)

            // Failed for certain: the intent is gone, so a retry sends.
            try await store.recordNotificationIntent(intent("e2/shipped/email", at: 0))
            try await store.clearNotificationIntent(id: "e2/shipped/email")
            #expect(try await store.notifications(among: ["e2/shipped/email"]).isEmpty)

            // Left sending (the process stopped mid-send): a resend takes the new attempt time; uncertain stays so.
            try await store.recordNotificationIntent(intent("e3/shipped/email", at: 0))
            let resend = try await store.recordNotificationIntent(intent("e3/shipped/email", at: 30))
            #expect(resend.state == .sending)
            #expect(resend.attemptedAt == intent("e3/shipped/email", at: 30).attemptedAt)
            let uncertain = try #require(try await store.recordNotificationUncertain(id: "e3/shipped/email"))
            #expect(uncertain.state == .uncertain)
            #expect(uncertain.sentAt == resend.sentAt)
            #expect(try await store.recordNotificationSent(Self.notification("e3/shipped/email", at: 40)) == uncertain)
            try await store.clearNotificationIntent(id: "e3/shipped/email")
            #expect(try await store.recordNotificationUncertain(id: "e-unknown/shipped/email") == nil)

            let reopened = try await database.open()
            let found = try await reopened.notifications(
                among: ["e1/shipped/email", "e2/shipped/email", "e3/shipped/email"]
            )
            await reopened.close()
            #expect(found == ["e1/shipped/email": sent, "e3/shipped/email": uncertain])
        }
    }
}
