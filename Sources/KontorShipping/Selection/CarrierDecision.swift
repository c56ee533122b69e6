import KontorModel

/// Why ``CarrierSelector`` chose a service: the choice, a one-line summary, and every candidate service with its
/// price, dates and the reasons it was chosen, passed over or excluded (like the allocation's routing decision).
public struct CarrierDecision: Sendable, Hashable, Codable {
    /// The chosen service; `nil` when no service can carry the shipment.
    public var chosen: CarrierChoice?

    /// One line for people, e.g. `"dhl/dhl-paket: cheapest on time (4.99 EUR, delivers 2025-03-04)"`.
    public var summary: String

    /// True when no service met the promised date and the fastest was chosen instead.
    public var missesPromisedDate: Bool

    /// Every service, in the table's order.
    public var candidates: [ServiceEvaluation]

    /// A decision.
    public init(chosen: CarrierChoice?, summary: String, missesPromisedDate: Bool, candidates: [ServiceEvaluation]) {
        self.chosen = chosen
        self.summary = summary
        self.missesPromisedDate = missesPromisedDate
        self.candidates = candidates
    }
}

/// The chosen carrier service.
public struct CarrierChoice: Sendable, Hashable, Codable {
    /// Carrier id, e.g. `dhl` (for `PickTask.carrier`).
    public var carrier: String

    /// Service id, e.g. `dhl-paket` (for `PickTask.carrierService`).
    public var service: String

    /// Who books the label.
    public var labels: LabelBooking

    /// Price of all parcels.
    public var price: Money

    /// Handover day.
    public var shipDate: KontorDate

    /// Expected delivery day.
    public var estimatedDelivery: KontorDate

    /// A choice.
    public init(
        carrier: String,
        service: String,
        labels: LabelBooking,
        price: Money,
        shipDate: KontorDate,
        estimatedDelivery: KontorDate
    ) {
        self.carrier = carrier
        self.service = service
        self.labels = labels
        self.price = price
        self.shipDate = shipDate
        self.estimatedDelivery = estimatedDelivery
    }
}

/// One candidate service's evaluation.
public struct ServiceEvaluation: Sendable, Hashable, Codable {
    /// Carrier id.
    public var carrier: String

    /// Service id.
    public var service: String

    /// The zone that applied, if any.
    public var zone: String?

    /// Price of all parcels, when the service can carry them.
    public var price: Money?

    /// Handover day, when the service can carry the parcels.
    public var shipDate: KontorDate?

    /// Expected delivery day, when the service can carry the parcels.
    public var estimatedDelivery: KontorDate?

    /// Whether it delivers by the promised date (`nil` without a promised date or when excluded).
    public var meetsPromisedDate: Bool?

    /// Chosen, passed over, or excluded.
    public var outcome: ServiceOutcome

    /// Why, in words.
    public var reasons: [String]

    /// An evaluation.
    public init(
        carrier: String,
        service: String,
        zone: String? = nil,
        price: Money? = nil,
        shipDate: KontorDate? = nil,
        estimatedDelivery: KontorDate? = nil,
        meetsPromisedDate: Bool? = nil,
        outcome: ServiceOutcome,
        reasons: [String]
    ) {
        self.carrier = carrier
        self.service = service
        self.zone = zone
        self.price = price
        self.shipDate = shipDate
        self.estimatedDelivery = estimatedDelivery
        self.meetsPromisedDate = meetsPromisedDate
        self.outcome = outcome
        self.reasons = reasons
    }
}

/// What happened to a candidate service.
public enum ServiceOutcome: String, Sendable, Hashable, Codable {
    /// The chosen service.
    case chosen
    /// Could carry the shipment but another service was better.
    case notChosen
    /// Cannot carry the shipment (no zone, too heavy, too large).
    case excluded
}
