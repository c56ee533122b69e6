import KontorModel

/// The plan while it is being built: open units, shipments so far, and each candidate's record.
struct PlanDraft {
    let demand: OrderDemand
    let scored: [ScoredCandidate]

    /// Units per line still open.
    private(set) var open: [Int]
    private var shipments: [PlannedShipment] = []
    private var shippedCandidates: [ShipmentRouting.Pick] = []
    private var pickupStore: Int?
    private var records: [Int: (outcome: CandidateOutcome, coverable: Int, requested: Int, reasons: [String])] = [:]

    init(demand: OrderDemand, scored: [ScoredCandidate]) {
        self.demand = demand
        self.scored = scored
        open = demand.quantities
    }

    var openUnits: Int { open.reduce(0, +) }

    /// Reserves at the pickup store what its stock covers.
    mutating func reserveForPickup(at store: Int) {
        pickupStore = store
        let wanted = openUnits
        let reserved = demand.allocate(open, from: scored[store].stock)
        let units = reserved.reduce(0, +)
        var reasons = ["covers \(units) of \(wanted) units"]
        if units > 0 {
            reasons.append("chosen: pickup store, reserves \(units) units")
            shipments.append(
                PlannedShipment(
                    locationID: scored[store].location.id,
                    method: .pickup,
                    lines: demand.allocatedLines(reserved)
                )
            )
            for line in open.indices { open[line] -= reserved[line] }
        } else {
            reasons.append("pickup store: has none of the ordered units")
        }
        record(store, units > 0 ? .chosen : .notChosen, coverable: units, requested: wanted, reasons: reasons)
    }

    /// Ships the open units from locations in `pool`.
    mutating func ship(pool: [Int], policy: RoutingPolicy) {
        let wanted = openUnits
        let routing = ShipmentRouting(open, pool: pool, scored: scored, demand: demand, policy: policy)
        for (index, outcome) in routing.outcomes {
            record(index, outcome.0, coverable: routing.coverable[index] ?? 0, requested: wanted, reasons: outcome.1)
        }
        for pick in routing.picks {
            shipments.append(
                PlannedShipment(
                    locationID: scored[pick.candidate].location.id,
                    method: .ship,
                    lines: demand.allocatedLines(pick.quantities)
                )
            )
            for line in open.indices { open[line] -= pick.quantities[line] }
        }
        shippedCandidates = routing.picks
    }

    /// Records a candidate that takes no part in this order (`reason` says why), with what it could have covered.
    mutating func leaveOut(_ index: Int, _ outcome: CandidateOutcome, reason: String) {
        let units = demand.allocate(demand.quantities, from: scored[index].stock).reduce(0, +)
        let ordered = demand.quantities.reduce(0, +)
        record(
            index,
            outcome,
            coverable: units,
            requested: ordered,
            reasons: ["covers \(units) of \(ordered) units", reason]
        )
    }

    private mutating func record(
        _ index: Int,
        _ outcome: CandidateOutcome,
        coverable: Int,
        requested: Int,
        reasons: [String]
    ) {
        records[index] = (outcome, coverable, requested, reasons)
    }

    /// The finished plan.
    func plan(orderID: OrderID, backorders: [BackorderLine], policy: RoutingPolicy) -> AllocationPlan {
        let orderedUnits = demand.quantities.reduce(0, +)
        let status: AllocationStatus =
            shipments.isEmpty ? .backordered : backorders.isEmpty ? .allocated : .partiallyAllocated
        let strategy: RoutingStrategy
        if pickupStore != nil {
            strategy = shippedCandidates.isEmpty ? .pickup : .pickupAndShip
        } else {
            switch shippedCandidates.count {
            case 0: strategy = .nothingAvailable
            case 1: strategy = .singleLocation
            default: strategy = .split
            }
        }
        let totalScore = ShipmentRouting.totalScore(shippedCandidates, scored, policy)
        let evaluations = scored.indices.map { index in
            let candidate = scored[index]
            // Every candidate is recorded by the planner; the fallback only keeps this total.
            let entry = records[index] ?? (.excluded, 0, orderedUnits, ["not evaluated"])
            return CandidateEvaluation(
                locationID: candidate.location.id,
                distanceKm: rounded(candidate.distance.km),
                distanceMethod: candidate.distance.method,
                shippingCost: rounded(candidate.shippingCost),
                distanceCost: rounded(candidate.distanceCost),
                capacityPressure: rounded(candidate.capacityPressure),
                score: rounded(candidate.score),
                coverableUnits: entry.coverable,
                requestedUnits: entry.requested,
                outcome: entry.outcome,
                reasons: entry.reasons
            )
        }
        return AllocationPlan(
            orderID: orderID,
            status: status,
            shipments: shipments,
            backorders: backorders,
            decision: RoutingDecision(
                strategy: strategy,
                summary: summary(strategy: strategy, backorders: backorders, totalScore: totalScore),
                totalScore: rounded(totalScore),
                candidates: evaluations
            )
        )
    }

    private func summary(strategy: RoutingStrategy, backorders: [BackorderLine], totalScore: Double) -> String {
        var parts: [String] = []
        let orderedUnits = demand.quantities.reduce(0, +)
        for shipment in shipments {
            let units = shipment.lines.reduce(0) { $0 + $1.quantity }
            switch shipment.method {
            case .pickup:
                parts.append("pickup at \(shipment.locationID): \(units) of \(orderedUnits) units reserved")
            case .ship where strategy == .singleLocation && units == orderedUnits:
                parts.append("whole order from \(shipment.locationID) (score \(rounded(totalScore)))")
            case .ship:
                parts.append("\(units) units from \(shipment.locationID)")
            }
        }
        if parts.isEmpty { parts.append("nothing available") }
        let backordered = backorders.reduce(0) { $0 + $1.quantity }
        if backordered > 0 { parts.append("\(backordered) units backordered") }
        return parts.joined(separator: "; ")
    }
}
