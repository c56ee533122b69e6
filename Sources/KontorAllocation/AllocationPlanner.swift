import KontorModel

/// Routes one order to fulfilment locations: the pure decision of the allocation worker, without store or Kafka.
///
/// - Shipped orders: among the locations that may ship (``CandidateLocation/canShip``, the policy's rules, capacity
///   left today), the one with the lowest score that can ship every line in full. When none can, a greedy split: the
///   location covering the most open units next (ties by score, then id), up to ``RoutingPolicy/maxShipments``.
///   With ``RoutingPolicy/preferSingleShipment`` off, a split by lowest score per unit competes with the single
///   location on total score.
/// - Pickup orders (``AllocationRequest/pickupLocationID``): the pickup store reserves what it has (capacity does not
///   apply: a reservation holds stock, it sends nothing); the rest is backordered, or shipped from other locations
///   with ``RoutingPolicy/shipPickupRemainder``.
/// - What no location covers becomes backorder lines dated by inbound supply.
///
/// Availability is available-to-promise per SKU and location id (on hand − reserved − safety stock, computed by the
/// store); negative values count as none. The result depends only on the arguments: candidates are ranked by score
/// and then by location id, never by input order.
public enum AllocationPlanner {
    /// Plans the allocation of `request`.
    ///
    /// - Parameters:
    ///   - request: The order's lines, destination and pickup store.
    ///   - candidates: The locations that may fulfil it (ids unique).
    ///   - availability: SKU → location id → units available to promise now.
    ///   - inbound: SKU → supply arriving later, for the expected dates of backorders.
    ///   - policy: Weights, split limits, rules and rates.
    /// - Throws: ``AllocationError`` naming the field, for input that cannot be routed (no lines, a non-positive
    ///   quantity, duplicate ids, an unknown pickup store or one that offers no pickup, an invalid coordinate or
    ///   policy value).
    public static func plan(
        _ request: AllocationRequest,
        candidates: [CandidateLocation],
        availability: [String: [String: Int]],
        inbound: [String: [InboundSupply]] = [:],
        policy: RoutingPolicy = RoutingPolicy()
    ) throws(AllocationError) -> AllocationPlan {
        try AllocationInputValidation.validate(request, candidates: candidates, inbound: inbound, policy: policy)
        let demand = OrderDemand(request.lines)
        let skuAvailability = demand.skus.map { availability[$0] ?? [:] }
        let scored = candidates.sorted { $0.id < $1.id }.map {
            ScoredCandidate(
                $0,
                for: request.destination,
                stock: demand.stock(at: $0.id, availability: skuAvailability),
                policy: policy
            )
        }
        var draft = PlanDraft(demand: demand, scored: scored)
        if let pickupID = request.pickupLocationID {
            let store = scored.firstIndex { $0.location.id == pickupID }!  // validated
            draft.reserveForPickup(at: store)
            if policy.shipPickupRemainder && draft.openUnits > 0 {
                draft.ship(pool: scored.indices.filter { $0 != store }, policy: policy)
            } else {
                // With remainder shipping on (and nothing left to ship) the others are merely not needed;
                // otherwise the pickup rules them out.
                let shipsRemainder = policy.shipPickupRemainder
                let reason =
                    shipsRemainder ? "not needed: the pickup store has every unit" : "order is picked up at \(pickupID)"
                for index in scored.indices where index != store {
                    draft.leaveOut(index, shipsRemainder ? .notChosen : .excluded, reason: reason)
                }
            }
        } else {
            draft.ship(pool: Array(scored.indices), policy: policy)
        }
        var dated = Set(scored.filter(\.mayShipLater).map(\.location.id))
        if let pickupID = request.pickupLocationID {
            dated = policy.shipPickupRemainder ? dated.union([pickupID]) : [pickupID]
        }
        let backorders = BackorderDating.backorders(
            demand,
            open: draft.open,
            inbound: inbound,
            locations: dated,
            requestedDate: request.requestedDate
        )
        return draft.plan(orderID: request.orderID, backorders: backorders, policy: policy)
    }
}
