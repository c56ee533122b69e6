import Foundation
import KontorHTTPClient
import KontorKafka
import KontorModel
import KontorNotifications
import KontorStore
import KontorWorkers

/// Orders, events and settings shared by the notification tests.
enum NotificationFixtures {
    /// The repository's folder (tests run from anywhere).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The shipped templates.
    static let templatesDirectory = repositoryRoot + "/connectors/notifications/templates"

    /// The shipped settings file.
    static let settingsFile = repositoryRoot + "/connectors/notifications/notifications.yaml"

    /// A German web order of 1.234,50 € with a buyer e-mail address.
    static func order(
        number: String = "WEB-10042",
        country: String = "DE",
        channel: SalesChannel = .web,
        email: String? = "anna.mueller@example.de",
        attributes: [String: String]? = nil
    ) -> CanonicalOrder {
        var order = CanonicalOrder(
            orderNumber: number,
            channel: channel,
            orderDate: KontorDate("2026-11-27")!,
            currency: .eur,
            buyer: Party(id: "C-1001", name: "Anna Müller", email: email),
            shipTo: Address(
                name: "Anna Müller",
                street: "Hauptstraße 5",
                city: "München",
                postalCode: "80331",
                country: CountryCode(country)!
            ),
            lines: [
                OrderLine(
                    lineNumber: "1",
                    sku: "TENT-2P",
                    description: "Zelt für 2 Personen",
                    quantity: 1,
                    unitPrice: DecimalAmount("1200.00")!
                ),
                OrderLine(
                    lineNumber: "2",
                    sku: "PEG-10",
                    description: "Heringe (10 Stück)",
                    quantity: 3,
                    unitPrice: DecimalAmount("11.50")!
                ),
            ],
            totals: OrderTotals(grandTotal: DecimalAmount("1234.50")!),
            attributes: attributes
        )
        order.id = order.derivedID
        return order
    }

    /// Settings with the shipped templates and brands, e-mail through `smtpURL` (none: no e-mail).
    static func settings(smtpURL: String? = nil, webhooks: [WebhookEndpoint] = []) throws -> NotificationSettings {
        var settings = try NotificationSettingsLoader.load(path: settingsFile)
        settings.templatesDirectory = templatesDirectory
        settings.smtp = smtpURL.map { SMTPConfiguration(url: $0, startTLS: .off, timeout: .seconds(20)) }
        settings.webhooks = webhooks
        return settings
    }

    /// `event` as the stage would consume it from its topic.
    static func message<Payload: KontorEventPayload>(
        _ data: Payload,
        orderID: OrderID,
        id: EventID = .random(),
        time: Timestamp = Timestamp(rfc3339: "2026-11-29T10:15:00Z")!
    ) throws -> KafkaConsumerMessage {
        let event = EventEnvelope(
            id: id,
            source: .worker("test"),
            subject: orderID.rawValue,
            time: time,
            correlationID: CorrelationID(id),
            data: data
        )
        let topic = KontorTopics.topic(for: event.type)!
        let produced = try EventMessage.make(event, topic: topic)
        return KafkaConsumerMessage(
            topic: topic,
            partition: 0,
            offset: 0,
            key: produced.key,
            value: produced.value,
            headers: produced.headers
        )
    }

    /// A fresh SQLite store in a temporary folder.
    static func temporaryStore() throws -> SQLiteStore {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-notify-\(UUID().uuidString)/kontor.sqlite").path
        return try SQLiteStore(path: path)
    }

    /// Stores `order` in the read model, as the projection would.
    static func storeOrder(_ order: CanonicalOrder, in store: SQLiteStore) async throws {
        _ = try await store.saveOrder(
            OrderRecord(
                orderID: order.id!,
                orderNumber: order.orderNumber,
                channel: order.channel,
                status: "shipped",
                createdAt: order.orderDate.timestamp,
                updatedAt: order.orderDate.timestamp,
                orderJSON: CanonicalJSON.encodeOrder(order)
            ),
            expectedVersion: nil
        )
    }
}
