import KontorModel
import KontorStore

/// Notifications on the order's timeline: a ``NotificationSent`` event becomes an entry such as "e-mail shipped sent
/// to anna@example.com" (its ``TimelineDetails/summary``). It changes neither the order's status nor its data.
public enum NotificationTimeline {
    /// The sentence the timeline shows: `e-mail shipped sent to …` or `webhook shipped sent to …`; for an uncertain
    /// one (the process stopped while sending it) `e-mail shipped to … may not have been sent`.
    public static func summary(of sent: NotificationSent) -> String {
        let channel = sent.channel == "email" ? "e-mail" : sent.channel
        if sent.uncertain == true {
            return "\(channel) \(sent.template) to \(sent.recipient) may not have been sent"
                + " (interrupted while sending; not sent again)"
        }
        return "\(channel) \(sent.template) sent to \(sent.recipient)"
    }

    /// Decodes `value` when it is a ``NotificationSent`` event; nil for any other event type.
    /// - Throws: ``StageError`` (permanent) for a notification event that does not decode.
    public static func event(decoding value: [UInt8]) throws -> NotificationSentEvent? {
        guard let header = try? CanonicalJSON.decodeEventHeader(from: value), header.type == NotificationEventType.sent
        else { return nil }
        do {
            return try CanonicalJSON.decodeEvent(NotificationSent.self, from: value)
        } catch {
            throw StageError.schemaViolation("\(header.type) event \(header.id): \(error)")
        }
    }
}

extension OrderProjector {
    /// Adds `event`'s timeline entry (once per event id) with the order's current status; the record is unchanged.
    @discardableResult
    public func projectNotification(_ event: NotificationSentEvent) async throws -> TimelineEntry? {
        let orderID = event.data.orderId
        let status = try await store.order(id: orderID)?.status ?? "unknown"
        let entry = TimelineEntry(
            orderID: orderID,
            at: event.time,
            stage: ProjectedEvent.stage(of: event.source),
            eventType: "notification.sent",
            status: status,
            reasonsJSON: TimelineDetails(summary: NotificationTimeline.summary(of: event.data)).json,
            eventID: event.id.rawValue
        )
        return try await store.appendTimeline([entry]).first
    }
}
