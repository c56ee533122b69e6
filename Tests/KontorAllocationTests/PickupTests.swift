import KontorAllocation
import KontorModel
import Testing

/// Buy online, pick up in store: reservations at the chosen store.
@Suite struct PickupTests {
    private let candidates = [
        Fixtures.store("store-potsdam", Fixtures.potsdam),
        Fixtures.warehouse("berlin", Fixtures.berlin),
    ]
    private let availability = ["A": ["store-potsdam": 2, "berlin": 10], "B": ["store-potsdam": 1, "berlin": 10]]
    private let inbound: [String: [InboundSupply]] = [
        "A": [
            InboundSupply(locationID: "berlin", quantity: 9, eta: Fixtures.date("2025-03-02")),
            InboundSupply(locationID: "store-potsdam", quantity: 4, eta: Fixtures.date("2025-03-05")),
        ]
    ]

    @Test func reservesAtThePickupStoreAndBackordersTheRest() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 3), ("B", 1)], pickupAt: "store-potsdam"),
            candidates: candidates,
            availability: availability,
            inbound: inbound
        )
        #expect(plan.status == .partiallyAllocated)
        #expect(plan.decision.strategy == .pickup)
        #expect(
            plan.shipments == [
                PlannedShipment(
                    locationID: "store-potsdam",
                    method: .pickup,
                    lines: [
                        AllocatedLine(lineNumber: "1", sku: "A", quantity: 2),
                        AllocatedLine(lineNumber: "2", sku: "B", quantity: 1),
                    ]
                )
            ]
        )
        // Only inbound at the store dates the backorder, although the warehouse gets stock earlier.
        #expect(
            plan.backorders == [
                BackorderLine(lineNumber: "1", sku: "A", quantity: 1, expectedDate: Fixtures.date("2025-03-05"))
            ]
        )
        #expect(
            plan.candidate("store-potsdam")?.reasons == [
                "covers 3 of 4 units", "chosen: pickup store, reserves 3 units",
            ]
        )
        #expect(plan.candidate("berlin")?.outcome == .excluded)
        #expect(plan.candidate("berlin")?.reasons.last == "order is picked up at store-potsdam")
        #expect(plan.decision.summary == "pickup at store-potsdam: 3 of 4 units reserved; 1 units backordered")
    }

    @Test func shipsTheRemainderWhenThePolicySaysSo() throws {
        var policy = RoutingPolicy()
        policy.shipPickupRemainder = true
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 3), ("B", 1)], pickupAt: "store-potsdam"),
            candidates: candidates,
            availability: availability,
            inbound: inbound,
            policy: policy
        )
        #expect(plan.status == .allocated)
        #expect(plan.decision.strategy == .pickupAndShip)
        #expect(plan.shipments.map(\.method) == [.pickup, .ship])
        #expect(plan.allocations == ["store-potsdam": ["A": 2, "B": 1], "berlin": ["A": 1]])
        let berlin = try #require(plan.candidate("berlin"))
        #expect(berlin.requestedUnits == 1)
        #expect(berlin.outcome == .chosen)
    }

    @Test func nothingToShipWhenTheStoreHasEverything() throws {
        var policy = RoutingPolicy()
        policy.shipPickupRemainder = true
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 2)], pickupAt: "store-potsdam"),
            candidates: candidates,
            availability: availability,
            policy: policy
        )
        #expect(plan.decision.strategy == .pickup)
        #expect(plan.allocations == ["store-potsdam": ["A": 2]])
        #expect(plan.candidate("berlin")?.outcome == .notChosen)
        #expect(
            plan.candidate("berlin")?.reasons == [
                "covers 2 of 2 units", "not needed: the pickup store has every unit",
            ]
        )
    }

    @Test func capacityDoesNotLimitAReservation() throws {
        var store = Fixtures.store("store-potsdam", Fixtures.potsdam)
        store.remainingDailyCapacity = 0
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1)], pickupAt: "store-potsdam"),
            candidates: [store],
            availability: availability
        )
        #expect(plan.status == .allocated)
    }

    @Test func pickupStoreMustExistAndOfferPickup() {
        #expect(
            throws: AllocationError(
                field: "request.pickupLocationID",
                message: "pickup location \"nowhere\" is not among the candidates"
            )
        ) {
            try AllocationPlanner.plan(
                Fixtures.order([("A", 1)], pickupAt: "nowhere"),
                candidates: candidates,
                availability: availability
            )
        }
        #expect(
            throws: AllocationError(
                field: "request.pickupLocationID",
                message: "location \"berlin\" does not offer pickup"
            )
        ) {
            try AllocationPlanner.plan(
                Fixtures.order([("A", 1)], pickupAt: "berlin"),
                candidates: candidates,
                availability: availability
            )
        }
    }
}
