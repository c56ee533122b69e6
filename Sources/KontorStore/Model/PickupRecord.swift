import KontorModel

/// One carrier pickup: at most one per shipping location, carrier and day (``PickupKey``), claimed before the
/// carrier is called, so it is booked once across restarts and concurrent instances (migration `v17-pickups`).
public struct PickupRecord: Sendable, Hashable, Codable {
    /// Where a pickup stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// An instance holds the claim and is asking the carrier (until ``PickupRecord/claimedUntil``).
        case booking
        /// The carrier was unavailable (5xx, timeout); the next tick asks again.
        case retrying
        /// The carrier confirmed the pickup (``PickupRecord/carrierPickupID``).
        case scheduled
        /// The carrier refused the pickup (4xx) or it cannot be asked; not tried again (``PickupRecord/error``).
        case failed
    }

    /// Location, carrier and day.
    public var key: PickupKey

    /// Kontor's reference, sent as the carrier's idempotency key.
    public var reference: String

    /// Where the pickup stands.
    public var state: State

    /// The parcels announced: tracking numbers and weights.
    public var parcels: [LabelledParcel]

    /// The carrier's id for the pickup, once scheduled.
    public var carrierPickupID: String?

    /// The carrier's answer when it failed or was unavailable.
    public var error: String?

    /// Calls made to the carrier (claims taken).
    public var attempts: Int

    /// The holder of the current claim (an id made by the claiming instance).
    public var claimID: String

    /// Until when the claim keeps others away; a claim left by a crashed instance can be taken after it.
    public var claimedUntil: Timestamp

    /// When the pickup was last changed.
    public var updatedAt: Timestamp

    /// When its ``PickupScheduled`` event was published, if it was.
    public var publishedAt: Timestamp?

    /// Creates a record.
    public init(
        key: PickupKey,
        reference: String,
        state: State,
        parcels: [LabelledParcel],
        carrierPickupID: String? = nil,
        error: String? = nil,
        attempts: Int,
        claimID: String,
        claimedUntil: Timestamp,
        updatedAt: Timestamp,
        publishedAt: Timestamp? = nil
    ) {
        self.key = key
        self.reference = reference
        self.state = state
        self.parcels = parcels
        self.carrierPickupID = carrierPickupID
        self.error = error
        self.attempts = attempts
        self.claimID = claimID
        self.claimedUntil = claimedUntil
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
    }

    /// The parcels' tracking numbers.
    public var trackingNumbers: [String] { parcels.map(\.trackingNumber) }

    /// The parcels' total weight in grams (unknown weights count 0).
    public var totalWeightGrams: Int { parcels.reduce(0) { $0 + ($1.weightGrams ?? 0) } }
}

/// Names one pickup: a shipping location, a carrier and a day.
public struct PickupKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The shipping location.
    public var locationID: String

    /// The carrier.
    public var carrier: String

    /// The day.
    public var date: KontorDate

    /// Creates a key.
    public init(locationID: String, carrier: String, date: KontorDate) {
        self.locationID = locationID
        self.carrier = carrier
        self.date = date
    }

    /// `<location>-<carrier>-<date>`, e.g. `WH-DE-LEJ-dhl-2026-11-30`: the reference sent to the carrier.
    public var description: String { "\(locationID)-\(carrier)-\(date.rawValue)" }
}

/// A parcel with a label Kontor booked: its tracking number and weight, if known.
public struct LabelledParcel: Sendable, Hashable, Codable {
    /// The carrier's tracking number.
    public var trackingNumber: String

    /// The parcel's weight in grams, when the warehouse reported it.
    public var weightGrams: Int?

    /// Creates a parcel.
    public init(trackingNumber: String, weightGrams: Int? = nil) {
        self.trackingNumber = trackingNumber
        self.weightGrams = weightGrams
    }
}

/// How a carrier call for a claimed pickup ended (``PickupStore/settlePickup(_:claimID:outcome:at:)``).
public enum PickupOutcome: Sendable, Hashable {
    /// The carrier confirmed with its pickup id.
    case scheduled(carrierPickupID: String)
    /// The carrier refused or cannot be asked: kept as failed with the message, not tried again.
    case failed(error: String)
    /// The carrier was unavailable: the claim is given up and the next tick asks again.
    case retry(error: String)
}

/// Which pickups ``PickupStore/pickups(_:)`` returns; `nil` fields do not filter.
public struct PickupQuery: Sendable, Hashable {
    /// The day.
    public var date: KontorDate?
    /// The shipping location.
    public var locationID: String?
    /// The carrier.
    public var carrier: String?
    /// Only scheduled pickups whose event is not published yet.
    public var unpublishedOnly: Bool
    /// At most this many, newest day first.
    public var limit: Int

    /// Creates a query.
    public init(
        date: KontorDate? = nil,
        locationID: String? = nil,
        carrier: String? = nil,
        unpublishedOnly: Bool = false,
        limit: Int = 500
    ) {
        self.date = date
        self.locationID = locationID
        self.carrier = carrier
        self.unpublishedOnly = unpublishedOnly
        self.limit = limit
    }
}
