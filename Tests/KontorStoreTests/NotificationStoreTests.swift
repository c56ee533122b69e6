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
            #expect(try await store.sentNotifications(among: ["e1/shipped/email"]).isEmpty)
            let first = Self.notification("e1/shipped/email")
            #expect(try await store.recordNotificationSent(first) == first)
            // A second send of the same notification (a race, or the window after a crash) keeps the first record.
            let later = Self.notification("e1/shipped/email", recipient: "other@example.de", at: 60)
            #expect(try await store.recordNotificationSent(later) == first)
            try await store.recordNotificationSent(Self.notification("e1/shipped/webhook/erp"))

            let reopened = try await database.open()
            let found = try await reopened.sentNotifications(
                among: ["e1/shipped/email", "e1/shipped/webhook/erp", "e2/shipped/email", "e1/shipped/email"]
            )
            await reopened.close()
            #expect(found.count == 2)
            #expect(found["e1/shipped/email"] == first)
            #expect(found["e1/shipped/webhook/erp"]?.notificationID == "e1/shipped/webhook/erp")
            #expect(try await store.sentNotifications(among: []).isEmpty)
        }
    }
}
