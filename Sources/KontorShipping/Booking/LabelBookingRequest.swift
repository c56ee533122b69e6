import KontorModel

/// The format of a shipping label.
public enum LabelFormat: String, Sendable, Hashable, Codable {
    /// Zebra Programming Language, for thermal printers.
    case zpl
    /// PDF, for any printer.
    case pdf
}

/// Asks a carrier for labels: one per parcel of a shipment (pick task).
public struct LabelBookingRequest: Sendable, Hashable {
    /// The shipment's id (the pick task id); sent as the idempotency key, so a retried booking books once.
    public var reference: String

    /// The carrier's service id, e.g. `dhl-paket`.
    public var service: String

    /// The sender (the shipping location).
    public var shipFrom: Address

    /// The recipient.
    public var shipTo: Address

    /// The parcels with weights (and dimensions when known).
    public var parcels: [Parcel]

    /// The label format wanted.
    public var format: LabelFormat

    /// A booking request.
    public init(
        reference: String,
        service: String,
        shipFrom: Address,
        shipTo: Address,
        parcels: [Parcel],
        format: LabelFormat
    ) {
        self.reference = reference
        self.service = service
        self.shipFrom = shipFrom
        self.shipTo = shipTo
        self.parcels = parcels
        self.format = format
    }
}

/// A carrier's answer to a ``LabelBookingRequest``.
public struct BookedLabels: Sendable, Hashable {
    /// The carrier's id for the shipment, if it gives one.
    public var shipmentId: String?

    /// Per parcel, in the request's order.
    public var parcels: [BookedParcel]

    /// The format of every label.
    public var format: LabelFormat

    /// Booked labels.
    public init(shipmentId: String?, parcels: [BookedParcel], format: LabelFormat) {
        self.shipmentId = shipmentId
        self.parcels = parcels
        self.format = format
    }
}

/// One parcel's tracking number and label.
public struct BookedParcel: Sendable, Hashable {
    /// The carrier's tracking number.
    public var trackingNumber: String

    /// The label: ZPL text or PDF bytes, as the carrier sent it.
    public var label: [UInt8]

    /// A booked parcel.
    public init(trackingNumber: String, label: [UInt8]) {
        self.trackingNumber = trackingNumber
        self.label = label
    }
}

/// Asks a carrier to collect parcels at a location.
public struct PickupRequest: Sendable, Hashable {
    /// Kontor's reference (e.g. the location and date); sent as the idempotency key.
    public var reference: String

    /// Where to collect.
    public var address: Address

    /// The day.
    public var date: KontorDate

    /// Earliest collection time, `HH:MM` local.
    public var readyFrom: String

    /// Latest collection time, `HH:MM` local.
    public var readyUntil: String

    /// Tracking numbers of the parcels to collect.
    public var trackingNumbers: [String]

    /// Total weight in grams.
    public var totalWeightGrams: Int

    /// A pickup request.
    public init(
        reference: String,
        address: Address,
        date: KontorDate,
        readyFrom: String,
        readyUntil: String,
        trackingNumbers: [String],
        totalWeightGrams: Int
    ) {
        self.reference = reference
        self.address = address
        self.date = date
        self.readyFrom = readyFrom
        self.readyUntil = readyUntil
        self.trackingNumbers = trackingNumbers
        self.totalWeightGrams = totalWeightGrams
    }
}

/// A carrier's confirmation of a pickup.
public struct PickupConfirmation: Sendable, Hashable {
    /// The carrier's id for the pickup.
    public var pickupId: String

    /// The confirmed day.
    public var date: KontorDate

    /// A confirmation.
    public init(pickupId: String, date: KontorDate) {
        self.pickupId = pickupId
        self.date = date
    }
}
