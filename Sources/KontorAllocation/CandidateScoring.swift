/// One candidate's score for a destination, with the components the decision record shows.
struct ScoredCandidate {
    let location: CandidateLocation
    let distance: DistanceEstimate
    let shippingCost: Double
    let distanceCost: Double
    let capacityPressure: Double
    /// Stock per SKU of the order (indexed like ``OrderDemand/skus``).
    let stock: [Int]
    /// Why the location may not ship this order (capabilities, rules, capacity); empty when it may.
    let shippingExclusions: [String]
    /// Whether stock arriving here later may serve the order: it ships and the rules allow the destination (today's
    /// capacity does not matter for later).
    let mayShipLater: Bool

    var score: Double { shippingCost + distanceCost + capacityPressure }

    init(_ location: CandidateLocation, for destination: Destination, stock: [Int], policy: RoutingPolicy) {
        self.location = location
        self.stock = stock
        distance = DistanceEstimator.estimate(
            from: location,
            to: destination,
            unknownDistanceKm: policy.unknownDistanceKm
        )
        shippingCost = policy.rateTable.cost(
            from: location.country,
            to: destination.country,
            distanceKm: distance.km
        )
        distanceCost = policy.weights.costPerKm * distance.km
        capacityPressure = policy.weights.capacityPressure / Double(max(1, location.remainingDailyCapacity))
        var exclusions: [String] = []
        if !location.canShip { exclusions.append("cannot ship") }
        let rule = policy.rules.exclusion(of: location.id, shippingTo: destination.country)
        if let rule { exclusions.append(rule) }
        mayShipLater = location.canShip && rule == nil
        if location.remainingDailyCapacity <= 0 { exclusions.append("no capacity today") }
        shippingExclusions = exclusions
    }

    /// `true` when `self` ranks before `other` at equal coverage: lower score, then lower location id.
    func ranksBefore(_ other: ScoredCandidate) -> Bool {
        (score, location.id) < (other.score, other.location.id)
    }
}
