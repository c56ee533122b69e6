/// Why a plan looks as it does: the strategy, a one-line summary, and every candidate with its score components and
/// the reasons it was chosen, passed over or excluded.
///
/// Numbers are rounded to three decimals so that the record reads well and encodes the same way every time.
public struct RoutingDecision: Sendable, Hashable, Codable {
    /// How the order was routed.
    public var strategy: RoutingStrategy

    /// One line for people, e.g. `"whole order from wh-berlin (score 9.12)"`.
    public var summary: String

    /// The score of the shipped part: the chosen locations' scores plus the policy's cost per extra shipment
    /// (pickup reservations count 0).
    public var totalScore: Double

    /// Every candidate, sorted by location id.
    public var candidates: [CandidateEvaluation]

    /// A decision record.
    public init(strategy: RoutingStrategy, summary: String, totalScore: Double, candidates: [CandidateEvaluation]) {
        self.strategy = strategy
        self.summary = summary
        self.totalScore = totalScore
        self.candidates = candidates
    }
}

/// How an order was routed.
public enum RoutingStrategy: String, Sendable, Hashable, Codable {
    /// One location ships everything it can (the whole order, or the most of it when splitting is not possible).
    case singleLocation
    /// Several locations ship parts.
    case split
    /// Reserved at the pickup store; anything missing is backordered.
    case pickup
    /// Reserved at the pickup store; what it lacks is shipped from other locations.
    case pickupAndShip
    /// No location could allocate anything.
    case nothingAvailable
}

/// One candidate's evaluation: its score components, what it could cover, and the outcome with reasons.
public struct CandidateEvaluation: Sendable, Hashable, Codable {
    /// The location.
    public var locationID: String

    /// Distance to the destination in km.
    public var distanceKm: Double

    /// How the distance was found (exact or which estimate).
    public var distanceMethod: DistanceMethod

    /// Shipping cost from the rate table.
    public var shippingCost: Double

    /// `weights.costPerKm × distanceKm`.
    public var distanceCost: Double

    /// `weights.capacityPressure ÷ max(1, remainingDailyCapacity)`.
    public var capacityPressure: Double

    /// `shippingCost + distanceCost + capacityPressure`; lower is better.
    public var score: Double

    /// Units of the order (or of the remainder it was considered for) the location's stock could cover.
    public var coverableUnits: Int

    /// The units it was considered for.
    public var requestedUnits: Int

    /// Chosen, not chosen, or excluded by a rule.
    public var outcome: CandidateOutcome

    /// Why, in words: coverage, rule violations, and the reason for the outcome.
    public var reasons: [String]

    /// An evaluation.
    public init(
        locationID: String,
        distanceKm: Double,
        distanceMethod: DistanceMethod,
        shippingCost: Double,
        distanceCost: Double,
        capacityPressure: Double,
        score: Double,
        coverableUnits: Int,
        requestedUnits: Int,
        outcome: CandidateOutcome,
        reasons: [String]
    ) {
        self.locationID = locationID
        self.distanceKm = distanceKm
        self.distanceMethod = distanceMethod
        self.shippingCost = shippingCost
        self.distanceCost = distanceCost
        self.capacityPressure = capacityPressure
        self.score = score
        self.coverableUnits = coverableUnits
        self.requestedUnits = requestedUnits
        self.outcome = outcome
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case locationID = "locationId"
        case distanceKm
        case distanceMethod
        case shippingCost
        case distanceCost
        case capacityPressure
        case score
        case coverableUnits
        case requestedUnits
        case outcome
        case reasons
    }
}

/// What happened to a candidate.
public enum CandidateOutcome: String, Sendable, Hashable, Codable {
    /// It ships or reserves part of the order.
    case chosen
    /// It was eligible but not used.
    case notChosen
    /// A rule, its capabilities, its capacity or its stock ruled it out.
    case excluded
}
