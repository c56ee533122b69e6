import KontorModel

/// Shipping cost per origin → destination country pair, with a default for pairs not listed.
///
/// The cost of one shipment is `baseCost + costPer100Km × distanceKm ÷ 100`, in the policy's cost unit
/// (see ``RoutingPolicy``).
public struct RateTable: Sendable, Hashable, Codable {
    /// Rates of specific country pairs; when a pair is listed twice the first entry counts.
    public var rates: [CountryPairRate]

    /// The rate of pairs not listed. Default: base 5, 1 per 100 km.
    public var defaultRate: ShippingRate

    /// A rate table.
    public init(rates: [CountryPairRate] = [], defaultRate: ShippingRate = ShippingRate(baseCost: 5, costPer100Km: 1)) {
        self.rates = rates
        self.defaultRate = defaultRate
    }

    /// Decodes a rate table; absent fields take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rates = try container.decodeIfPresent([CountryPairRate].self, forKey: .rates) ?? []
        defaultRate = try container.decodeIfPresent(ShippingRate.self, forKey: .defaultRate) ?? RateTable().defaultRate
    }

    /// The rate from `origin` to `destination`.
    public func rate(from origin: CountryCode, to destination: CountryCode) -> ShippingRate {
        rates.first { $0.origin == origin && $0.destination == destination }?.rate ?? defaultRate
    }

    /// The cost of one shipment over `distanceKm` from `origin` to `destination`.
    public func cost(from origin: CountryCode, to destination: CountryCode, distanceKm: Double) -> Double {
        let rate = rate(from: origin, to: destination)
        return rate.baseCost + rate.costPer100Km * distanceKm / 100
    }
}

/// The rate of one origin → destination country pair.
public struct CountryPairRate: Sendable, Hashable, Codable {
    /// The shipping location's country.
    public var origin: CountryCode

    /// The ship-to country.
    public var destination: CountryCode

    /// The rate.
    public var rate: ShippingRate

    /// A pair's rate.
    public init(origin: CountryCode, destination: CountryCode, rate: ShippingRate) {
        self.origin = origin
        self.destination = destination
        self.rate = rate
    }
}

/// A shipment's cost: a base cost plus a cost per 100 km.
public struct ShippingRate: Sendable, Hashable, Codable {
    /// Cost of any shipment.
    public var baseCost: Double

    /// Cost per 100 km of distance.
    public var costPer100Km: Double

    /// A rate.
    public init(baseCost: Double, costPer100Km: Double) {
        self.baseCost = baseCost
        self.costPer100Km = costPer100Km
    }
}
