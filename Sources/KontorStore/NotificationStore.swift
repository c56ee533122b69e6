/// The customer notifications about to be sent and sent, so that a redelivered event (Kafka is at-least-once, a
/// worker may stop mid-batch) sends no second e-mail or webhook.
///
/// A notification's id is stable for the event, template and channel that cause it. The notification stage records
/// an intent (``SentNotification/State/sending``) before it contacts the mail server or webhook endpoint, marks it
/// sent on acceptance and clears it when the send failed, all before its batch is marked processed. An intent still
/// `sending` when the event comes again means the process stopped mid-send: the outcome is unknown.
public protocol NotificationStore: Sendable {
    /// The notifications among `ids` the store has, in any state, by id.
    func notifications(among ids: [String]) async throws -> [String: SentNotification]

    /// Records that `notification` is about to be handed to the server: state `sending`, attempt time
    /// ``SentNotification/attemptedAt`` (also its ``SentNotification/sentAt`` until sent). A new id is inserted; an id
    /// still `sending` takes the new attempt time (a resend after an unknown outcome); a sent or uncertain record
    /// stays as it is. Returns what is stored.
    @discardableResult
    func recordNotificationIntent(_ notification: SentNotification) async throws -> SentNotification

    /// Records `notification` as sent and returns what is stored. A missing or `sending` record becomes `sent` (with
    /// the intent's attempt time); a sent or uncertain one is returned unchanged, so the first record of a sent
    /// notification wins.
    @discardableResult
    func recordNotificationSent(_ notification: SentNotification) async throws -> SentNotification

    /// Marks the `sending` notification `id` as `uncertain` (it is not sent again) and returns what is stored; a sent
    /// or uncertain one is returned unchanged, an unknown id gives nil.
    func recordNotificationUncertain(id: String) async throws -> SentNotification?

    /// Removes the intent `id` while it is `sending`: the send failed for certain, so a retry sends it. Sent and
    /// uncertain records stay.
    func clearNotificationIntent(id: String) async throws
}
