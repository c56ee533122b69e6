import KontorAllocation
import KontorModel
import Testing

/// Choosing where shipped orders come from: scoring, capacity, rules and the single-shipment preference.
@Suite struct ShipRoutingTests {
    private let everything: [String: [String: Int]] = [
        "A": ["berlin": 10, "munich": 10, "leipzig": 10],
        "B": ["berlin": 10, "munich": 10, "leipzig": 10],
    ]
    private var locations: [CandidateLocation] {
        [
            Fixtures.warehouse("munich", Fixtures.munich),
            Fixtures.warehouse("berlin", Fixtures.berlin),
            Fixtures.warehouse("leipzig", Fixtures.leipzig),
        ]
    }

    @Test func nearestLocationWinsAtEqualRates() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 3), ("B", 2)]),
            candidates: locations,
            availability: everything
        )
        #expect(plan.status == .allocated)
        #expect(plan.decision.strategy == .singleLocation)
        #expect(plan.shipments.count == 1)
        #expect(plan.shipments.first?.method == .ship)
        #expect(plan.allocations == ["berlin": ["A": 3, "B": 2]])
        #expect(plan.backorders.isEmpty)
        #expect(plan.candidate("munich")?.outcome == .notChosen)
        #expect(plan.candidate("munich")?.reasons.last == "not chosen: berlin ships the whole order at a lower score")
    }

    @Test func cheaperRateBeatsNearerLocation() throws {
        // Just across the border in Poland, about 110 km from Potsdam against Berlin's 25 km, but with a cheaper rate.
        let slubice = Fixtures.warehouse(
            "slubice",
            GeoCoordinate(latitude: 52.35, longitude: 14.56),
            country: .pl
        )
        var policy = RoutingPolicy()
        policy.rateTable = RateTable(
            rates: [
                CountryPairRate(origin: .de, destination: .de, rate: ShippingRate(baseCost: 8, costPer100Km: 1)),
                CountryPairRate(origin: .pl, destination: .de, rate: ShippingRate(baseCost: 3, costPer100Km: 1)),
            ]
        )
        let availability = ["A": ["berlin": 5, "slubice": 5]]
        let candidates = [Fixtures.warehouse("berlin", Fixtures.berlin), slubice]
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1)]),
            candidates: candidates,
            availability: availability,
            policy: policy
        )
        #expect(plan.allocations == ["slubice": ["A": 1]])
        let berlin = try #require(plan.candidate("berlin"))
        let chosen = try #require(plan.candidate("slubice"))
        #expect(chosen.distanceKm > berlin.distanceKm)
        #expect(chosen.shippingCost < berlin.shippingCost)
        #expect(chosen.score < berlin.score)

        // With the default (flat) rate table the nearer location wins again.
        let flat = try AllocationPlanner.plan(
            Fixtures.order([("A", 1)]),
            candidates: candidates,
            availability: availability
        )
        #expect(flat.allocations == ["berlin": ["A": 1]])
    }

    @Test func locationWithoutCapacityIsExcluded() throws {
        var candidates = locations
        candidates[1].remainingDailyCapacity = 0  // berlin
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1)]),
            candidates: candidates,
            availability: everything
        )
        #expect(plan.allocations == ["leipzig": ["A": 1]])
        let berlin = try #require(plan.candidate("berlin"))
        #expect(berlin.outcome == .excluded)
        #expect(berlin.reasons == ["covers 1 of 1 units", "no capacity today"])
    }

    @Test func capacityPressureSparesBusyLocations() throws {
        // Two locations at the same place: the one with more capacity left scores lower.
        let candidates = [
            Fixtures.warehouse("a-busy", Fixtures.berlin, capacity: 1),
            Fixtures.warehouse("b-idle", Fixtures.berlin, capacity: 50),
        ]
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1)]),
            candidates: candidates,
            availability: ["A": ["a-busy": 1, "b-idle": 1]]
        )
        #expect(plan.allocations == ["b-idle": ["A": 1]])
        #expect(plan.candidate("a-busy")?.capacityPressure == 2)
        #expect(plan.candidate("b-idle")?.capacityPressure == 0.04)
    }

    @Test func rulesExcludeLocations() throws {
        var policy = RoutingPolicy()
        policy.rules = RoutingRules(
            excludedLocations: ["DE": ["berlin"]],
            allowedDestinations: ["leipzig": [.us, .ca]]
        )
        var candidates = locations
        candidates.append(Fixtures.warehouse("potsdam", Fixtures.potsdam, canShip: false))
        var availability = everything
        availability["A"]?["potsdam"] = 10
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1)]),
            candidates: candidates,
            availability: availability,
            policy: policy
        )
        #expect(plan.allocations == ["munich": ["A": 1]])
        #expect(plan.candidate("berlin")?.reasons == ["covers 1 of 1 units", "excluded for destination country DE"])
        #expect(plan.candidate("leipzig")?.reasons == ["covers 1 of 1 units", "ships only to CA, US, not DE"])
        #expect(plan.candidate("potsdam")?.reasons == ["covers 1 of 1 units", "cannot ship"])
        #expect(plan.candidate("potsdam")?.outcome == .excluded)
    }

    @Test func singleShipmentBeatsNearerLocationThatNeedsASplit() throws {
        // Berlin is nearest but has only A; Munich is far but has both.
        let availability = ["A": ["berlin": 5, "munich": 5], "B": ["munich": 5, "potsdam": 5]]
        let candidates = locations + [Fixtures.warehouse("potsdam", Fixtures.potsdam)]
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 2), ("B", 1)]),
            candidates: candidates,
            availability: availability
        )
        #expect(plan.decision.strategy == .singleLocation)
        #expect(plan.allocations == ["munich": ["A": 2, "B": 1]])
        #expect(
            plan.candidate("berlin")?.reasons == [
                "covers 2 of 3 units", "not chosen: cannot ship the whole order; munich can",
            ]
        )
        #expect(plan.candidate("berlin")!.score < plan.candidate("munich")!.score)
    }

    @Test func cheaperSplitWinsWhenSingleShipmentIsNotPreferred() throws {
        let availability = ["A": ["berlin": 5, "munich": 5], "B": ["munich": 5, "potsdam": 5]]
        let candidates = locations + [Fixtures.warehouse("potsdam", Fixtures.potsdam)]
        var policy = RoutingPolicy()
        policy.preferSingleShipment = false
        policy.weights.costPerExtraShipment = 1
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 2), ("B", 1)]),
            candidates: candidates,
            availability: availability,
            policy: policy
        )
        #expect(plan.decision.strategy == .split)
        #expect(plan.allocations == ["berlin": ["A": 2], "potsdam": ["B": 1]])
        let munich = try #require(plan.candidate("munich"))
        #expect(munich.outcome == .notChosen)
        #expect(munich.reasons.last?.hasPrefix("not chosen: a split into 2 shipments scores") == true)
        // The split's total includes one extra shipment.
        let expected = plan.candidate("berlin")!.score + plan.candidate("potsdam")!.score + 1
        #expect(abs(plan.decision.totalScore - expected) < 0.002)

        // An expensive extra shipment makes the single location win again.
        policy.weights.costPerExtraShipment = 50
        let single = try AllocationPlanner.plan(
            Fixtures.order([("A", 2), ("B", 1)]),
            candidates: candidates,
            availability: availability,
            policy: policy
        )
        #expect(single.allocations == ["munich": ["A": 2, "B": 1]])
    }
}
