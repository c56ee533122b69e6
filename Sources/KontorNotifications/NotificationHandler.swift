import Foundation
import KontorHTTPClient
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging

/// The `notification` stage: for each event it decides which notifications apply (``NotificationPlanner``), writes
/// them (``NotificationTemplates``), sends them by e-mail (``SMTPClient``) and webhook (``WebhookNotifier``), and
/// publishes a ``NotificationSent`` per notification for the order's timeline.
///
/// **Once per event.** Each notification's id is `<event id>/<template>/email` or `<event id>/<template>/webhook/
/// <endpoint>`. Before the mail server or endpoint is contacted, the notification is recorded in the store
/// (``NotificationStore``) as an intent (`sending`, with the attempt time); on acceptance it becomes `sent`, and when
/// the send fails for certain (refused, no connection, a timeout) the intent is removed so that the retry sends it.
/// All of this happens before the runtime marks the batch processed. A redelivered event (a restart mid-batch, a
/// retry after a later notification of the same event failed) finds a sent notification and does not send it again;
/// its ``NotificationSent`` is published again, identical (same event id, the stored send time).
///
/// An intent still `sending` on redelivery means the process stopped mid-send: whether the server got it is
/// unknown. ``NotificationSettings/uncertainNotifications`` decides: ``UncertainNotificationPolicy/skip`` (the
/// default, never a duplicate) records it as `uncertain`, sends nothing, logs a warning, counts it
/// (`kontor_notifications_uncertain_total`) and publishes its ``NotificationSent`` with `uncertain: true`, so the
/// order's timeline says it may not have been sent; ``UncertainNotificationPolicy/resend`` (at least once) sends it
/// again with the same `Message-ID` (derived from the notification id) or `X-Kontor-Notification-Id`, so the
/// receiving side can drop the duplicate.
///
/// Failures: a missing or broken template, a refused address (SMTP 5xx) or a webhook's 4xx are permanent (dead
/// letter; replay it once fixed); connection problems, timeouts, SMTP 4xx and webhook 5xx are retried by the
/// stage's retry policy (`workers.notification.retry.*`).
public struct NotificationHandler: StageHandler {
    /// `notification`.
    public static let stageName = "notification"

    /// The events the stage reads (``NotificationPlanner/inputTopics``).
    public static let inputTopics = NotificationPlanner.inputTopics

    public var stage: String { Self.stageName }

    public let settings: NotificationSettings
    private let planner: NotificationPlanner
    private let templates: NotificationTemplates
    private let store: any NotificationStore
    private let smtp: SMTPClient?
    private let webhooks: WebhookNotifier
    private let logger: Logger

    /// A handler sending as `settings` say, remembering sent notifications in `store` and reading orders from it.
    public init(
        settings: NotificationSettings,
        store: any NotificationStore & OrderReadModelStore,
        webhooks: WebhookNotifier = WebhookNotifier(),
        logger: Logger = Logger(label: "kontor.notification")
    ) {
        self.settings = settings
        self.planner = NotificationPlanner(settings: settings, orders: store)
        self.templates = NotificationTemplates(
            directory: settings.templatesDirectory,
            defaultBrand: settings.brands.defaultBrand
        )
        self.store = store
        self.smtp = settings.smtp.map(SMTPClient.init)
        self.webhooks = webhooks
        self.logger = logger
    }

    /// One notification to deliver.
    struct Delivery {
        var id: String
        var planned: PlannedNotification
        var channel: NotificationChannel
        var recipient: String
        var endpoint: WebhookEndpoint?
    }

    public func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        let (header, planned) = try await planner.plan(message.value)
        let work = planned.flatMap { deliveries(for: $0, header: header) }
        guard !work.isEmpty else { return [] }
        let known = try await store.notifications(among: work.map(\.id))
        var outputs: [KafkaProducerMessage] = []
        for delivery in work {
            let sent: SentNotification
            switch known[delivery.id] {
            case .some(let stored) where stored.state != .sending:
                sent = stored
            case .some(let interrupted):
                sent = try await handleInterrupted(delivery, interrupted, header: header, message: message)
            case .none:
                sent = try await deliver(delivery, header: header, message: message)
            }
            outputs.append(try Self.sentEvent(sent, header: header))
        }
        return outputs
    }

    /// A notification a stopped process left `sending`: recorded as uncertain and not sent
    /// (``UncertainNotificationPolicy/skip``), or sent again under the same id (``UncertainNotificationPolicy/resend``).
    private func handleInterrupted(
        _ delivery: Delivery,
        _ interrupted: SentNotification,
        header: EventHeader,
        message: KafkaConsumerMessage
    ) async throws -> SentNotification {
        let policy = settings.uncertainNotifications
        NotificationMetrics.uncertain(channel: delivery.channel, policy: policy)
        var metadata: Logger.Metadata = [
            "kontor.order": "\(delivery.planned.orderID)", "kontor.template": "\(delivery.planned.template)",
            "kontor.channel": "\(delivery.channel)", "kontor.recipient": "\(delivery.recipient)",
            "kontor.notification": "\(delivery.id)",
        ]
        if let attemptedAt = interrupted.attemptedAt { metadata["kontor.attempted_at"] = "\(attemptedAt)" }
        switch policy {
        case .skip:
            logger.warning(
                "notification interrupted while sending; it may not have arrived and is not sent again",
                metadata: metadata
            )
            return try await store.recordNotificationUncertain(id: delivery.id) ?? interrupted
        case .resend:
            logger.warning(
                "notification interrupted while sending; sending it again with the same id",
                metadata: metadata
            )
            return try await deliver(delivery, header: header, message: message)
        }
    }

    /// The e-mail (when SMTP is set up, the template is sent by e-mail and the order has an address) and the
    /// webhooks that want `planned`.
    func deliveries(for planned: PlannedNotification, header: EventHeader) -> [Delivery] {
        let base = "\(header.id.rawValue)/\(planned.template.rawValue)"
        var result: [Delivery] = []
        if smtp != nil, settings.emailTemplates.contains(planned.template) {
            if let address = Self.recipient(of: planned.order) {
                result.append(Delivery(id: "\(base)/email", planned: planned, channel: .email, recipient: address))
            } else {
                logger.info(
                    "no e-mail address on the order; not sent",
                    metadata: ["kontor.order": "\(planned.orderID)", "kontor.template": "\(planned.template)"]
                )
            }
        }
        for endpoint in settings.webhooks where endpoint.wants(planned.template, for: planned.order) {
            result.append(
                Delivery(
                    id: "\(base)/webhook/\(endpoint.name)",
                    planned: planned,
                    channel: .webhook,
                    recipient: endpoint.displayURL,
                    endpoint: endpoint
                )
            )
        }
        return result
    }

    /// The buyer's address, else the ship-to's, when it looks like one.
    static func recipient(of order: CanonicalOrder) -> String? {
        [order.buyer.email, order.shipTo.email].compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first(where: MailAddress.isPlausible)
    }

    /// What goes to the server for one notification, fully written before the intent is recorded.
    private enum Outgoing {
        case email(from: String, MIMEMessage)
        case webhook([UInt8], WebhookEndpoint)
    }

    /// Renders one notification, records the intent, sends it, then records it as sent. A send that fails for
    /// certain removes the intent again, so that the retry sends it.
    private func deliver(_ delivery: Delivery, header: EventHeader, message: KafkaConsumerMessage) async throws
        -> SentNotification
    {
        let order = delivery.planned.order
        let language = settings.languages.language(for: order)
        let brandName = settings.brands.brandName(for: order)
        let brand = settings.brands.brands[brandName] ?? NotificationSettings.Brand(name: brandName, from: "")
        let values = NotificationValues.values(for: delivery.planned, brand: brand, language: language)
        let outgoing: Outgoing
        switch delivery.channel {
        case .email:
            outgoing = try email(delivery, brandName: brandName, brand: brand, language: language, values: values)
        case .webhook:
            outgoing = try webhook(delivery, header: header, message: message, language: language, values: values)
        }
        func record(_ state: SentNotification.State, at time: Timestamp, attemptedAt: Timestamp) -> SentNotification {
            SentNotification(
                notificationID: delivery.id,
                orderID: delivery.planned.orderID,
                template: delivery.planned.template.rawValue,
                channel: delivery.channel.rawValue,
                recipient: delivery.recipient,
                language: language,
                sentAt: time,
                state: state,
                attemptedAt: attemptedAt
            )
        }
        let attemptedAt = Timestamp.now()
        try await store.recordNotificationIntent(record(.sending, at: attemptedAt, attemptedAt: attemptedAt))
        do {
            try await send(outgoing, delivery: delivery)
        } catch {
            do {
                try await store.clearNotificationIntent(id: delivery.id)
            } catch let storeError {
                // The intent stays `sending`: the retry treats it as interrupted (uncertain policy).
                logger.error(
                    "could not clear the intent of a failed notification",
                    metadata: ["kontor.notification": "\(delivery.id)", "kontor.error": "\(storeError)"]
                )
            }
            throw error
        }
        let sent = try await store.recordNotificationSent(record(.sent, at: .now(), attemptedAt: attemptedAt))
        logger.info(
            "notification sent",
            metadata: [
                "kontor.order": "\(delivery.planned.orderID)", "kontor.template": "\(delivery.planned.template)",
                "kontor.channel": "\(delivery.channel)", "kontor.recipient": "\(delivery.recipient)",
            ]
        )
        return sent
    }

    /// The e-mail of `delivery`, rendered.
    private func email(
        _ delivery: Delivery,
        brandName: String,
        brand: NotificationSettings.Brand,
        language: String,
        values: [String: TemplateValue]
    ) throws -> Outgoing {
        let rendered: RenderedNotification
        do {
            rendered = try templates.render(
                delivery.planned.template,
                brand: brandName,
                language: language,
                values: TemplateValue.present(values, \.mustacheValue)
            )
        } catch {
            throw StageError(.template, error.description, isRetriable: false)
        }
        guard let from = MailAddress(parsing: brand.from) else {
            throw StageError(
                .template,
                "brand '\(brandName)': '\(brand.from)' is not a sender address",
                isRetriable: false
            )
        }
        let mail = MIMEMessage(
            from: MailAddress(from.address, name: from.name ?? brand.name),
            to: [MailAddress(delivery.recipient, name: delivery.planned.order.buyer.name)],
            replyTo: brand.replyTo.flatMap(MailAddress.init(parsing:)),
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            messageID: MIMEMessage.messageID(notificationID: delivery.id, domain: settings.messageIDDomain),
            date: Date()
        )
        return .email(from: from.address, mail)
    }

    /// The webhook call of `delivery`.
    private func webhook(
        _ delivery: Delivery,
        header: EventHeader,
        message: KafkaConsumerMessage,
        language: String,
        values: [String: TemplateValue]
    ) throws -> Outgoing {
        guard let endpoint = delivery.endpoint else {
            throw StageError(.refused, "\(delivery.id): no webhook endpoint", isRetriable: false)
        }
        let body = Self.webhookBody(
            notificationID: delivery.id,
            planned: delivery.planned,
            header: header,
            eventValue: message.value,
            language: language,
            values: values
        )
        return .webhook(body, endpoint)
    }

    /// Hands `outgoing` to the mail server or endpoint; returns once it accepted it.
    private func send(_ outgoing: Outgoing, delivery: Delivery) async throws {
        switch outgoing {
        case .email(let from, let mail):
            guard let smtp else {
                throw StageError(.refused, "\(delivery.id): e-mail is not set up", isRetriable: false)
            }
            do {
                try await smtp.send(from: from, to: [delivery.recipient], message: mail.bytes)
            } catch {
                throw error.isTransient
                    ? StageError.transient(error.description)
                    : StageError(.refused, error.description, isRetriable: false)
            }
        case .webhook(let body, let endpoint):
            do {
                try await webhooks.post(
                    body,
                    to: endpoint,
                    notificationID: delivery.id,
                    template: delivery.planned.template
                )
            } catch {
                switch error {
                case .transient(let text): throw StageError.transient(text)
                case .refused(let text): throw StageError(.refused, text, isRetriable: false)
                }
            }
        }
    }

    /// The webhook's JSON: `{notificationId, template, orderId, orderNumber, language, eventId, eventType,
    /// occurredAt, values, event}` with sorted keys, the same bytes on every attempt. `event` is the causing event's
    /// `data`; `values` what the templates get (formatted for `language`).
    static func webhookBody(
        notificationID: String,
        planned: PlannedNotification,
        header: EventHeader,
        eventValue: [UInt8],
        language: String,
        values: [String: TemplateValue]
    ) -> [UInt8] {
        var object: [String: Any] = [
            "notificationId": notificationID,
            "template": planned.template.rawValue,
            "orderId": planned.orderID.rawValue,
            "orderNumber": planned.order.orderNumber,
            "language": language,
            "eventId": header.id.rawValue,
            "eventType": header.type.rawValue,
            "occurredAt": header.time.rfc3339String,
            "values": TemplateValue.present(values.filter { $0.key != "brand" }, \.jsonValue),
        ]
        if let event = try? JSONSerialization.jsonObject(with: Data(eventValue)) as? [String: Any] {
            object["event"] = event["data"]
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Array(data)
    }

    /// The ``NotificationSent`` event of `sent`: its id derives from the causing event and the notification, its
    /// time is the stored send time, so a redelivered event publishes it again unchanged.
    static func sentEvent(_ sent: SentNotification, header: EventHeader) throws -> KafkaProducerMessage {
        let suffix = sent.notificationID.dropFirst(header.id.rawValue.count + 1)
        let event = NotificationSentEvent(
            id: EventID.derived(from: header.id, stage: "\(stageName)/\(suffix)"),
            source: .worker(stageName),
            subject: sent.orderID.rawValue,
            time: sent.sentAt,
            correlationID: header.correlationID,
            causationID: header.id,
            schemaVersion: header.schemaVersion,
            data: NotificationSent(
                notificationId: sent.notificationID,
                orderId: sent.orderID,
                template: sent.template,
                channel: sent.channel,
                recipient: sent.recipient,
                language: sent.language,
                sentAt: sent.sentAt,
                uncertain: sent.state == .uncertain ? true : nil
            )
        )
        return try EventMessage.make(event, topic: KontorTopics.notificationSent)
    }
}

extension StageError.ErrorClass {
    /// A notification template is missing or broken, or a brand's sender address is wrong: fix and replay.
    static let template = Self(rawValue: "template")
    /// The mail server or the customer's endpoint refused the notification for good.
    static let refused = Self(rawValue: "refused")
}
