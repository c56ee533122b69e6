/// A carrier's status for a parcel, normalized across carriers.
public enum TrackingStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The label exists; the carrier has not scanned the parcel yet.
    case labelCreated = "label-created"
    case inTransit = "in-transit"
    case outForDelivery = "out-for-delivery"
    case delivered
    /// Something went wrong (failed attempt, damage, address problem, held at customs).
    case exception
    case returnedToSender = "returned-to-sender"

    public var description: String { rawValue }
}

/// Where a carrier scanned a parcel. JSON: `{city, region, postalCode, country}`.
public struct TrackingLocation: Sendable, Hashable, Codable {
    public var city: String?
    public var region: String?
    public var postalCode: String?
    /// ISO 3166 alpha-2, when the carrier says.
    public var country: String?

    /// Creates a location.
    public init(city: String? = nil, region: String? = nil, postalCode: String? = nil, country: String? = nil) {
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }
}

/// Payload of ``ShipmentEventType/tracking`` on ``KontorTopics/shipmentTracking`` (keyed by tracking number): one
/// carrier scan, translated from the carrier's webhook or tracking API. JSON: `{trackingNumber, carrier, status,
/// occurredAt, location, description, estimatedDelivery, format}`.
public struct TrackingEvent: KontorEventPayload {
    /// `com.kontor.shipment.tracking.v1`.
    public static let eventType = ShipmentEventType.tracking

    public var trackingNumber: String

    /// The carrier, lowercase (e.g. `usps`, `dhl`, `ups`).
    public var carrier: String

    public var status: TrackingStatus

    /// When the carrier scanned (not when Kontor heard of it).
    public var occurredAt: Timestamp

    public var location: TrackingLocation?

    /// The carrier's own words for the scan.
    public var description: String?

    /// The carrier's estimated delivery date, if it gives one.
    public var estimatedDelivery: KontorDate?

    /// The format it was translated from (e.g. `easypost`, `aftership`, `dhl`).
    public var format: String

    /// Creates a tracking event.
    public init(
        trackingNumber: String,
        carrier: String,
        status: TrackingStatus,
        occurredAt: Timestamp,
        location: TrackingLocation? = nil,
        description: String? = nil,
        estimatedDelivery: KontorDate? = nil,
        format: String
    ) {
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.status = status
        self.occurredAt = occurredAt
        self.location = location
        self.description = description
        self.estimatedDelivery = estimatedDelivery
        self.format = format
    }
}

/// Payload of ``OrderEventType/tracked`` on ``KontorTopics/orderTracked`` (keyed by order id): a tracking event
/// matched to its order and shipment. JSON: `{orderId, taskId, tracking, delivered}`.
public struct OrderTracked: KontorEventPayload {
    /// `com.kontor.order.tracked.v1`.
    public static let eventType = OrderEventType.tracked

    public var orderId: OrderID

    /// The shipment (pick task) the parcel belongs to.
    public var taskId: String

    /// The scan.
    public var tracking: TrackingEvent

    /// True when, with this scan, every shipment of a fully shipped order is delivered (the order is `delivered`).
    public var delivered: Bool

    /// Creates the payload.
    public init(orderId: OrderID, taskId: String, tracking: TrackingEvent, delivered: Bool) {
        self.orderId = orderId
        self.taskId = taskId
        self.tracking = tracking
        self.delivered = delivered
    }
}

/// Why an order will miss its promised date.
public enum DelayCause: String, Sendable, Hashable, Codable, CaseIterable {
    /// The warehouse has not shipped in time to make the date.
    case latePick = "late-pick"
    /// The carrier has not scanned a shipped parcel for too long.
    case noScan = "no-scan"
    /// The carrier reported an exception.
    case carrierException = "carrier-exception"
    /// The carrier's own estimate is after the promised date.
    case lateEstimate = "late-estimate"
}

/// Payload of ``OrderEventType/delayed`` on ``KontorTopics/orderDelayed``: the order cannot meet its promised date.
/// JSON: `{orderId, cause, promisedDate, estimatedDate, detail, detectedAt}`.
public struct OrderDelayed: KontorEventPayload {
    /// `com.kontor.order.delayed.v1`.
    public static let eventType = OrderEventType.delayed

    public var orderId: OrderID
    public var cause: DelayCause
    public var promisedDate: KontorDate

    /// The new estimated delivery date told to the customer.
    public var estimatedDate: KontorDate

    /// A sentence for ops, e.g. "no carrier scan for 52 hours".
    public var detail: String

    public var detectedAt: Timestamp

    /// Creates the payload.
    public init(
        orderId: OrderID,
        cause: DelayCause,
        promisedDate: KontorDate,
        estimatedDate: KontorDate,
        detail: String,
        detectedAt: Timestamp
    ) {
        self.orderId = orderId
        self.cause = cause
        self.promisedDate = promisedDate
        self.estimatedDate = estimatedDate
        self.detail = detail
        self.detectedAt = detectedAt
    }
}
