/// Payload of ``ShipmentEventType/pickupScheduled`` on ``KontorTopics/pickupScheduled`` (keyed by location id): a
/// carrier confirmed the day's pickup at a shipping location. JSON: `{reference, locationId, carrier, date,
/// pickupId, readyFrom, readyUntil, trackingNumbers, totalWeightGrams, scheduledAt}`.
public struct PickupScheduled: KontorEventPayload {
    /// `com.kontor.shipment.pickup-scheduled.v1`.
    public static let eventType = ShipmentEventType.pickupScheduled

    /// Kontor's reference, sent to the carrier as the idempotency key: `<location>-<carrier>-<date>`.
    public var reference: String

    /// The shipping location.
    public var locationId: String

    /// The carrier, lowercase (e.g. `dhl`).
    public var carrier: String

    /// The day of the pickup.
    public var date: KontorDate

    /// The carrier's id for the pickup.
    public var pickupId: String

    /// Earliest collection time, `HH:MM` local.
    public var readyFrom: String

    /// Latest collection time, `HH:MM` local.
    public var readyUntil: String

    /// The parcels to collect.
    public var trackingNumbers: [String]

    /// Their total weight in grams (parcels without a known weight count 0).
    public var totalWeightGrams: Int

    /// When the carrier confirmed.
    public var scheduledAt: Timestamp

    /// Creates the payload.
    public init(
        reference: String,
        locationId: String,
        carrier: String,
        date: KontorDate,
        pickupId: String,
        readyFrom: String,
        readyUntil: String,
        trackingNumbers: [String],
        totalWeightGrams: Int,
        scheduledAt: Timestamp
    ) {
        self.reference = reference
        self.locationId = locationId
        self.carrier = carrier
        self.date = date
        self.pickupId = pickupId
        self.readyFrom = readyFrom
        self.readyUntil = readyUntil
        self.trackingNumbers = trackingNumbers
        self.totalWeightGrams = totalWeightGrams
        self.scheduledAt = scheduledAt
    }
}

/// A ``PickupScheduled`` event.
public typealias PickupScheduledEvent = EventEnvelope<PickupScheduled>
