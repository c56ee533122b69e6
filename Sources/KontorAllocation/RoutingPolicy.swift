import KontorModel

/// How ``AllocationPlanner`` chooses locations: weights of the score, split limits, rules and shipping rates.
///
/// A plain `Codable` struct: every field has a default, so a configuration file need only name what it changes
/// (decoding fills in the rest). Costs and weights are `Double`s in one unit of the operator's choice (say euros):
/// they rank candidates, they are not invoiced, so binary floating point is precise enough and keeps a routing
/// decision cheap. The score of a location is
/// `shippingCost + weights.costPerKm × distanceKm + weights.capacityPressure ÷ max(1, remainingDailyCapacity)`;
/// a split adds `weights.costPerExtraShipment` for every shipment after the first.
public struct RoutingPolicy: Sendable, Hashable, Codable {
    /// The weights of the score.
    public var weights: RoutingWeights

    /// Most shipments one order may be split into (at least 1). Default 3.
    public var maxShipments: Int

    /// Whether an order may be split across locations at all; `false` behaves like `maxShipments` = 1. Default
    /// `true`.
    public var allowSplit: Bool

    /// `true` (default): a location that can ship the whole order always beats a split. `false`: the cheapest split
    /// (by score per unit) competes with the best single location and wins when its total score, extra shipments
    /// included, is lower.
    public var preferSingleShipment: Bool

    /// For pickup orders: ship what the pickup store lacks from other locations instead of backordering it.
    /// Default `false`.
    public var shipPickupRemainder: Bool

    /// Which locations may serve which destinations.
    public var rules: RoutingRules

    /// Shipping cost per origin and destination country.
    public var rateTable: RateTable

    /// The distance assumed between countries the built-in centroid table does not know, in km. Default 2000.
    public var unknownDistanceKm: Double

    /// A policy; every argument has the documented default.
    public init(
        weights: RoutingWeights = RoutingWeights(),
        maxShipments: Int = 3,
        allowSplit: Bool = true,
        preferSingleShipment: Bool = true,
        shipPickupRemainder: Bool = false,
        rules: RoutingRules = RoutingRules(),
        rateTable: RateTable = RateTable(),
        unknownDistanceKm: Double = 2000
    ) {
        self.weights = weights
        self.maxShipments = maxShipments
        self.allowSplit = allowSplit
        self.preferSingleShipment = preferSingleShipment
        self.shipPickupRemainder = shipPickupRemainder
        self.rules = rules
        self.rateTable = rateTable
        self.unknownDistanceKm = unknownDistanceKm
    }

    /// Decodes a policy; absent fields take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RoutingPolicy()
        weights = try container.decodeIfPresent(RoutingWeights.self, forKey: .weights) ?? defaults.weights
        maxShipments = try container.decodeIfPresent(Int.self, forKey: .maxShipments) ?? defaults.maxShipments
        allowSplit = try container.decodeIfPresent(Bool.self, forKey: .allowSplit) ?? defaults.allowSplit
        preferSingleShipment =
            try container.decodeIfPresent(Bool.self, forKey: .preferSingleShipment) ?? defaults.preferSingleShipment
        shipPickupRemainder =
            try container.decodeIfPresent(Bool.self, forKey: .shipPickupRemainder) ?? defaults.shipPickupRemainder
        rules = try container.decodeIfPresent(RoutingRules.self, forKey: .rules) ?? defaults.rules
        rateTable = try container.decodeIfPresent(RateTable.self, forKey: .rateTable) ?? defaults.rateTable
        unknownDistanceKm =
            try container.decodeIfPresent(Double.self, forKey: .unknownDistanceKm) ?? defaults.unknownDistanceKm
    }

    /// The effective split limit: 1 when splitting is not allowed.
    var shipmentLimit: Int { allowSplit ? maxShipments : 1 }
}

/// The weights that turn a candidate's distance and load into a score (lower is better).
public struct RoutingWeights: Sendable, Hashable, Codable {
    /// Cost added per km between location and ship-to, on top of the rate table (transit time, emissions).
    /// Default 0.01.
    public var costPerKm: Double

    /// Cost of every shipment after the first when an order is split. Default 5.
    public var costPerExtraShipment: Double

    /// Weight of capacity pressure, `capacityPressure ÷ max(1, remainingDailyCapacity)`: a location with one slot
    /// left costs the full weight, one with 100 slots a hundredth, so busy locations are spared. Default 2.
    public var capacityPressure: Double

    /// Weights; every argument has the documented default.
    public init(costPerKm: Double = 0.01, costPerExtraShipment: Double = 5, capacityPressure: Double = 2) {
        self.costPerKm = costPerKm
        self.costPerExtraShipment = costPerExtraShipment
        self.capacityPressure = capacityPressure
    }

    /// Decodes weights; absent fields take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RoutingWeights()
        costPerKm = try container.decodeIfPresent(Double.self, forKey: .costPerKm) ?? defaults.costPerKm
        costPerExtraShipment =
            try container.decodeIfPresent(Double.self, forKey: .costPerExtraShipment) ?? defaults.costPerExtraShipment
        capacityPressure =
            try container.decodeIfPresent(Double.self, forKey: .capacityPressure) ?? defaults.capacityPressure
    }
}

/// Which locations may serve which destinations.
///
/// Keys are plain strings so that the rules read naturally in YAML and JSON:
/// ```yaml
/// excludedLocations: { DE: [wh-us-1] }       # never ship to DE from wh-us-1
/// allowedDestinations: { wh-us-1: [US, CA] } # wh-us-1 ships only to US and CA
/// ```
public struct RoutingRules: Sendable, Hashable, Codable {
    /// Destination country code → ids of locations that must not ship there.
    public var excludedLocations: [String: [String]]

    /// Location id → the only destination countries it may ship to. Locations not listed ship anywhere.
    public var allowedDestinations: [String: [CountryCode]]

    /// Rules; none by default.
    public init(excludedLocations: [String: [String]] = [:], allowedDestinations: [String: [CountryCode]] = [:]) {
        self.excludedLocations = excludedLocations
        self.allowedDestinations = allowedDestinations
    }

    /// Decodes rules; absent fields are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        excludedLocations = try container.decodeIfPresent([String: [String]].self, forKey: .excludedLocations) ?? [:]
        allowedDestinations =
            try container.decodeIfPresent([String: [CountryCode]].self, forKey: .allowedDestinations) ?? [:]
    }

    /// Why `location` may not ship to `country`, or `nil` when it may.
    func exclusion(of location: String, shippingTo country: CountryCode) -> String? {
        if excludedLocations[country.rawValue]?.contains(location) == true {
            return "excluded for destination country \(country)"
        }
        if let allowed = allowedDestinations[location], !allowed.contains(country) {
            let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            return "ships only to \(list.isEmpty ? "no country" : list), not \(country)"
        }
        return nil
    }
}
