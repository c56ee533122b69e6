import Foundation
import HTTPTypes
import Hummingbird
import KontorAllocation
import KontorKafka
import KontorModel
import KontorNotifications
import KontorStore
import KontorTestSupport
import KontorWorkers
import Synchronization
import Testing

/// The notification stage with its real parts: an SQLite store, an SMTP server (aiosmtpd) and, for webhooks, a local
/// Hummingbird server standing in for the customer's system. Messages are handed to the handler as the runtime would.
@Suite("Notification stage")
struct NotificationHandlerTests {
    @Test("Order confirmation: one e-mail per event, none again when the event is redelivered (a restart)")
    func confirmationOncePerEvent() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        let store = try NotificationFixtures.temporaryStore()
        let handler = NotificationHandler(
            settings: try NotificationFixtures.settings(smtpURL: server.url),
            store: store
        )
        let order = NotificationFixtures.order()
        let message = try NotificationFixtures.message(OrderValidated(order: order), orderID: order.id!)

        let first = try await handler.handle(message)
        #expect(first.count == 1)
        #expect(first.first?.topic == KontorTopics.notificationSent)
        let sent = try CanonicalJSON.decodeEvent(NotificationSent.self, from: try #require(first.first).value)
        #expect(sent.data.template == "order-confirmation")
        #expect(sent.data.channel == "email")
        #expect(sent.data.recipient == "anna.mueller@example.de")
        #expect(sent.data.language == "de")
        #expect(sent.subject == order.id!.rawValue)

        let mails = try server.messages()
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.header("Subject") == "Ihre Bestellung WEB-10042 bei Kontor Shop")
        #expect(mail.header("From") == "Kontor Shop <orders@kontor.example>")
        #expect(mail.recipients == ["anna.mueller@example.de"])
        #expect(mail.text?.contains("Gesamtbetrag: 1.234,50 €") == true)
        #expect(
            mail.header("Message-ID")
                == MIMEMessage.messageID(
                    notificationID: sent.data.notificationId,
                    domain: "notifications.kontor.example"
                )
        )

        // The same event again, by the same handler and by a new one (a restarted worker): nothing is sent, and the
        // output is the same event, byte for byte.
        let again = try await handler.handle(message)
        let restarted = NotificationHandler(
            settings: try NotificationFixtures.settings(smtpURL: server.url),
            store: store
        )
        let afterRestart = try await restarted.handle(message)
        #expect(again.map(\.value) == first.map(\.value))
        #expect(afterRestart.map(\.value) == first.map(\.value))
        #expect(try server.messages().count == 1)

        // A different event about the same order is a notification of its own.
        _ = try await handler.handle(try NotificationFixtures.message(OrderValidated(order: order), orderID: order.id!))
        #expect(try server.messages().count == 2)
    }

    @Test("Shipped: the order comes from the read model; English for a British address, with the tracking link")
    func shippedWithTrackingLink() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        let store = try NotificationFixtures.temporaryStore()
        let handler = NotificationHandler(
            settings: try NotificationFixtures.settings(smtpURL: server.url),
            store: store
        )
        let order = NotificationFixtures.order(number: "WEB-20001", country: "GB")
        let shipped = OrderShipped(
            orderId: order.id!,
            taskId: "\(order.id!)-WH-1-1",
            locationId: "WH-1",
            carrier: "dhl",
            parcels: [Parcel(trackingNumber: "00340434161094042557")],
            lines: [ConfirmedLine(lineNumber: "1", sku: "TENT-2P", quantity: 1)],
            shippedAt: Timestamp(rfc3339: "2026-11-28T16:00:00Z")!,
            complete: false
        )
        let message = try NotificationFixtures.message(shipped, orderID: order.id!)

        // Not projected yet: transient, so the runtime retries.
        let early = await #expect(throws: StageError.self) { try await handler.handle(message) }
        #expect(early?.isRetriable == true)
        #expect(try server.messages().isEmpty)

        try await NotificationFixtures.storeOrder(order, in: store)
        #expect(try await handler.handle(message).count == 1)
        let mail = try #require(try server.messages().first)
        #expect(mail.header("Subject") == "Your order WEB-20001 is on its way")
        #expect(mail.text?.contains("Part of your order WEB-20001 left us on 28 November 2026 with DHL") == true)
        #expect(
            mail.text?.contains(
                "Tracking number 00340434161094042557: "
                    + "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557"
            ) == true
        )
        #expect(mail.html?.contains("<li>1 × Zelt für 2 Personen</li>") == true)
    }

    @Test("Events no customer hears about, and orders without an address, send nothing")
    func nothingToSend() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        let store = try NotificationFixtures.temporaryStore()
        let handler = NotificationHandler(
            settings: try NotificationFixtures.settings(smtpURL: server.url),
            store: store
        )
        let noAddress = NotificationFixtures.order(email: nil)
        #expect(
            try await handler.handle(
                try NotificationFixtures.message(OrderValidated(order: noAddress), orderID: noAddress.id!)
            ).isEmpty
        )
        let order = NotificationFixtures.order()
        try await NotificationFixtures.storeOrder(order, in: store)
        let scan = TrackingEvent(
            trackingNumber: "1Z999",
            carrier: "ups",
            status: .inTransit,
            occurredAt: .now(),
            format: "ups"
        )
        let inTransit = OrderTracked(orderId: order.id!, taskId: "t", tracking: scan, delivered: false)
        #expect(try await handler.handle(try NotificationFixtures.message(inTransit, orderID: order.id!)).isEmpty)
        #expect(try server.messages().isEmpty)
    }

    @Test("Webhook: signed JSON, a 503 retried by the stage's policy, the e-mail not sent twice")
    func webhookRetry() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        let received = Mutex<[(body: [UInt8], signature: String, timestamp: String, id: String)]>([])
        let router = Router()
        router.post("/kontor") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1_000_000)
            let attempt = received.withLock { calls in
                calls.append(
                    (
                        Array(buffer: body),
                        request.headers[HTTPField.Name("X-Kontor-Signature")!] ?? "",
                        request.headers[HTTPField.Name("X-Kontor-Timestamp")!] ?? "",
                        request.headers[HTTPField.Name("X-Kontor-Notification-Id")!] ?? ""
                    )
                )
                return calls.count
            }
            return Response(status: attempt == 1 ? .serviceUnavailable : .ok)
        }
        try await withLocalServer(router) { base in
            let endpoint = WebhookEndpoint(
                name: "hofmann-erp",
                url: "\(base)/kontor",
                secret: "s3cret",
                customers: ["C-1001"]
            )
            let store = try NotificationFixtures.temporaryStore()
            let handler = NotificationHandler(
                settings: try NotificationFixtures.settings(smtpURL: server.url, webhooks: [endpoint]),
                store: store
            )
            let order = NotificationFixtures.order()
            let message = try NotificationFixtures.message(OrderValidated(order: order), orderID: order.id!)
            let policy = RetryPolicy()
            var outputs: [KafkaProducerMessage] = []
            var attempts = 0
            // What the runtime does: retry while the policy allows.
            while outputs.isEmpty {
                attempts += 1
                do {
                    outputs = try await handler.handle(message)
                } catch let error as StageError {
                    #expect(policy.retries(error), "\(error)")
                    #expect(error.message.contains("answered 503"))
                    guard attempts < policy.maxAttempts else { throw error }
                }
            }
            #expect(attempts == 2)
            #expect(outputs.count == 2)
            #expect(try server.messages().count == 1)

            let calls = received.withLock { $0 }
            #expect(calls.count == 2)
            #expect(calls[0].body == calls[1].body)
            for call in calls {
                #expect(call.signature == WebhookNotifier.signature(of: call.body, secret: "s3cret"))
                #expect(Int(call.timestamp) != nil)
                #expect(
                    call.id
                        == outputs.compactMap { try? Self.sent($0) }.first { $0.channel == "webhook" }?.notificationId
                )
            }
            let json = try #require(try JSONSerialization.jsonObject(with: Data(calls[0].body)) as? [String: Any])
            #expect(json["template"] as? String == "order-confirmation")
            #expect(json["orderNumber"] as? String == "WEB-10042")
            #expect((json["event"] as? [String: Any])?["order"] != nil)
            #expect(
                ((json["values"] as? [String: Any])?["order"] as? [String: Any])?["total"] as? String == "1.234,50 €"
            )
            let webhook = try #require(outputs.compactMap { try? Self.sent($0) }.first { $0.channel == "webhook" })
            #expect(webhook.recipient == "\(base)/kontor")
        }
    }

    @Test("A missing template dead-letters the event with the file's name")
    func missingTemplateIsPermanent() async throws {
        let server = try LocalSMTPServer()
        defer { server.stop() }
        var settings = try NotificationFixtures.settings(smtpURL: server.url)
        settings.templatesDirectory = FileManager.default.temporaryDirectory.path + "/no-templates-here"
        let handler = NotificationHandler(settings: settings, store: try NotificationFixtures.temporaryStore())
        let order = NotificationFixtures.order()
        let error = await #expect(throws: StageError.self) {
            try await handler.handle(try NotificationFixtures.message(OrderValidated(order: order), orderID: order.id!))
        }
        #expect(error?.isRetriable == false)
        #expect(error?.message.contains("no-templates-here/kontor/de/order-confirmation.mustache") == true)
    }

    @Test("The projection puts a sent notification on the order's timeline")
    func timelineEntry() async throws {
        let store = try NotificationFixtures.temporaryStore()
        let order = NotificationFixtures.order()
        try await NotificationFixtures.storeOrder(order, in: store)
        let sent = NotificationSent(
            notificationId: "e1/shipped/email",
            orderId: order.id!,
            template: "shipped",
            channel: "email",
            recipient: "anna.mueller@example.de",
            language: "de",
            sentAt: Timestamp(rfc3339: "2026-11-29T10:15:00Z")!
        )
        let message = try NotificationFixtures.message(sent, orderID: order.id!)
        let projection = ProjectionHandler(store: store)
        #expect(try await projection.handle(message).isEmpty)
        #expect(try await projection.handle(message).isEmpty)
        let timeline = try await store.timeline(orderID: order.id!)
        #expect(timeline.count == 1)
        #expect(timeline.first?.eventType == "notification.sent")
        #expect(timeline.first?.status == "shipped")
        #expect(timeline.first?.reasonsJSON?.contains("e-mail shipped sent to anna.mueller@example.de") == true)
        #expect(try await store.order(id: order.id!)?.status == "shipped")
    }

    static func sent(_ message: KafkaProducerMessage) throws -> NotificationSent {
        try CanonicalJSON.decodeEvent(NotificationSent.self, from: message.value).data
    }
}
