/// Choosing the locations that ship a set of open units: one location for everything when possible, otherwise a
/// greedy split; with the reasons for every candidate considered.
struct ShipmentRouting {
    /// A location chosen and the units per line it ships.
    struct Pick {
        let candidate: Int
        let quantities: [Int]
    }

    /// The chosen locations, in the order chosen.
    private(set) var picks: [Pick] = []
    /// Per candidate index: the units of the open demand its stock could cover.
    private(set) var coverable: [Int: Int] = [:]
    /// Per candidate index: outcome and reasons.
    private(set) var outcomes: [Int: (CandidateOutcome, [String])] = [:]

    /// How candidates are ranked when choosing the next shipment of a split.
    private enum SplitRanking {
        /// The most open units, ties by lower score (the policy's default split).
        case mostUnits
        /// The lowest score per unit covered, ties by more units (the split that competes with a single location).
        case lowestScorePerUnit
    }

    /// Routes `open` units (per line) among `pool` (indices into `scored`, ascending by location id).
    init(
        _ open: [Int],
        pool: [Int],
        scored: [ScoredCandidate],
        demand: OrderDemand,
        policy: RoutingPolicy
    ) {
        let wanted = open.reduce(0, +)
        var eligible: [Int] = []
        var fullCover: [Int] = []
        for index in pool {
            let units = demand.allocate(open, from: scored[index].stock).reduce(0, +)
            coverable[index] = units
            var reasons = ["covers \(units) of \(wanted) units"] + scored[index].shippingExclusions
            if scored[index].shippingExclusions.isEmpty {
                if units > 0 {
                    eligible.append(index)
                    if units == wanted { fullCover.append(index) }
                    outcomes[index] = (.notChosen, reasons)
                    continue
                }
                reasons.append("no stock for this order")
            }
            outcomes[index] = (.excluded, reasons)
        }
        let limit = policy.shipmentLimit
        let best = fullCover.min { scored[$0].ranksBefore(scored[$1]) }
        if let best {
            if !policy.preferSingleShipment && limit > 1 {
                let split = Self.split(open, eligible, scored, demand, limit, .lowestScorePerUnit)
                let splitScore = Self.totalScore(split, scored, policy)
                let splitCovers = split.reduce(0) { $0 + $1.quantities.reduce(0, +) } == wanted
                if split.count > 1 && splitCovers && splitScore < scored[best].score {
                    adoptSplit(split, open: open, eligible: eligible, scored: scored, limit: limit)
                    note(
                        best,
                        "not chosen: a split into \(split.count) shipments scores \(rounded(splitScore)) in total, "
                            + "below its \(rounded(scored[best].score))"
                    )
                    return
                }
            }
            picks = [Pick(candidate: best, quantities: open)]
            let bestID = scored[best].location.id
            for index in eligible {
                if index == best {
                    outcomes[index]?.0 = .chosen
                    note(index, "chosen: lowest score of \(fullCover.count) location(s) that can ship the whole order")
                } else if fullCover.contains(index) {
                    let same = scored[index].score == scored[best].score
                    note(
                        index,
                        "not chosen: \(bestID) ships the whole order at \(same ? "the same score" : "a lower score")"
                    )
                } else {
                    note(index, "not chosen: cannot ship the whole order; \(bestID) can")
                }
            }
            return
        }
        adoptSplit(
            Self.split(open, eligible, scored, demand, limit, .mostUnits),
            open: open,
            eligible: eligible,
            scored: scored,
            limit: limit
        )
    }

    /// The score of shipping from `picks`: their scores plus the cost of every shipment after the first.
    static func totalScore(_ picks: [Pick], _ scored: [ScoredCandidate], _ policy: RoutingPolicy) -> Double {
        let scores = picks.reduce(0.0) { $0 + scored[$1.candidate].score }
        return scores + policy.weights.costPerExtraShipment * Double(max(0, picks.count - 1))
    }

    private mutating func adoptSplit(
        _ split: [Pick],
        open: [Int],
        eligible: [Int],
        scored: [ScoredCandidate],
        limit: Int
    ) {
        picks = split
        var left = open
        for (number, pick) in split.enumerated() {
            for line in left.indices { left[line] -= pick.quantities[line] }
            outcomes[pick.candidate]?.0 = .chosen
            let units = pick.quantities.reduce(0, +)
            note(pick.candidate, "chosen for shipment \(number + 1) of \(split.count): allocates \(units) units")
        }
        let chosen = Set(split.map(\.candidate))
        for index in eligible where !chosen.contains(index) {
            if left.allSatisfy({ $0 == 0 }) {
                note(index, "not needed: the chosen shipments cover the order")
            } else if split.count == limit {
                note(index, "not chosen: the limit of \(limit) shipment(s) was reached")
            } else {
                note(index, "not chosen: has none of the units still open")
            }
        }
    }

    private mutating func note(_ index: Int, _ reason: String) {
        outcomes[index]?.1.append(reason)
    }

    /// A greedy split: repeatedly the best-ranked unused location for what is still open, up to `limit` shipments.
    private static func split(
        _ open: [Int],
        _ eligible: [Int],
        _ scored: [ScoredCandidate],
        _ demand: OrderDemand,
        _ limit: Int,
        _ ranking: SplitRanking
    ) -> [Pick] {
        var open = open
        var picks: [Pick] = []
        var used: Set<Int> = []
        while picks.count < limit && open.contains(where: { $0 > 0 }) {
            var best: (index: Int, taken: [Int], units: Int)?
            // `eligible` ascends by location id, so keeping the first of equals breaks ties by id.
            for index in eligible where !used.contains(index) {
                let taken = demand.allocate(open, from: scored[index].stock)
                let units = taken.reduce(0, +)
                guard units > 0 else { continue }
                if let current = best {
                    let candidate = scored[index]
                    let incumbent = scored[current.index]
                    let better: Bool
                    switch ranking {
                    case .mostUnits:
                        better = units > current.units || (units == current.units && candidate.score < incumbent.score)
                    case .lowestScorePerUnit:
                        let perUnit = candidate.score / Double(units)
                        let incumbentPerUnit = incumbent.score / Double(current.units)
                        better = perUnit < incumbentPerUnit || (perUnit == incumbentPerUnit && units > current.units)
                    }
                    guard better else { continue }
                }
                best = (index, taken, units)
            }
            guard let best else { break }
            used.insert(best.index)
            picks.append(Pick(candidate: best.index, quantities: best.taken))
            for line in open.indices { open[line] -= best.taken[line] }
        }
        return picks
    }
}

/// Rounds to three decimals, as the decision record shows numbers.
func rounded(_ value: Double) -> Double {
    (value * 1000).rounded() / 1000
}
