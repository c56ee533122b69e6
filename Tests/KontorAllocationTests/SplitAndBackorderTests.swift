import KontorAllocation
import KontorModel
import Testing

/// Splitting across locations up to the limit, and backorders dated by inbound supply.
@Suite struct SplitAndBackorderTests {
    /// Three warehouses that each hold one SKU.
    private let candidates = [
        Fixtures.warehouse("hamburg", Fixtures.hamburg),
        Fixtures.warehouse("cologne", Fixtures.cologne),
        Fixtures.warehouse("munich", Fixtures.munich),
    ]
    private let availability = ["A": ["hamburg": 9], "B": ["cologne": 9], "C": ["munich": 9]]

    @Test func splitCoversTheMostUnitsPerShipment() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1), ("B", 3), ("C", 2)]),
            candidates: candidates,
            availability: availability
        )
        #expect(plan.status == .allocated)
        #expect(plan.decision.strategy == .split)
        #expect(plan.shipments.map(\.locationID) == ["cologne", "munich", "hamburg"])
        #expect(plan.candidate("cologne")?.reasons.last == "chosen for shipment 1 of 3: allocates 3 units")
    }

    @Test func splitStopsAtTheLimitAndBackordersTheRest() throws {
        var policy = RoutingPolicy()
        policy.maxShipments = 2
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1), ("B", 3), ("C", 2)]),
            candidates: candidates,
            availability: availability,
            policy: policy
        )
        #expect(plan.status == .partiallyAllocated)
        #expect(plan.shipments.map(\.locationID) == ["cologne", "munich"])
        #expect(plan.backorders == [BackorderLine(lineNumber: "1", sku: "A", quantity: 1)])
        #expect(plan.candidate("hamburg")?.reasons.last == "not chosen: the limit of 2 shipment(s) was reached")
        #expect(plan.decision.summary == "3 units from cologne; 2 units from munich; 1 units backordered")
    }

    @Test func noSplitMeansOneShipmentOfTheMostUnits() throws {
        var policy = RoutingPolicy()
        policy.allowSplit = false
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1), ("B", 3), ("C", 2)]),
            candidates: candidates,
            availability: availability,
            policy: policy
        )
        #expect(plan.decision.strategy == .singleLocation)
        #expect(plan.allocations == ["cologne": ["B": 3]])
        #expect(plan.backorders.map(\.sku) == ["A", "C"])
    }

    @Test func oneLineSplitsAcrossLocations() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 5)]),
            candidates: candidates,
            availability: ["A": ["hamburg": 3, "munich": 4]]
        )
        #expect(plan.shipments.map(\.locationID) == ["munich", "hamburg"])
        #expect(plan.shipments.map { $0.lines.map(\.quantity) } == [[4], [1]])
    }

    @Test func linesOfTheSameSKUShareStock() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 3), ("A", 3)]),
            candidates: [Fixtures.warehouse("hamburg", Fixtures.hamburg)],
            availability: ["A": ["hamburg": 4]]
        )
        #expect(
            plan.shipments.first?.lines == [
                AllocatedLine(lineNumber: "1", sku: "A", quantity: 3),
                AllocatedLine(lineNumber: "2", sku: "A", quantity: 1),
            ]
        )
        #expect(plan.backorders == [BackorderLine(lineNumber: "2", sku: "A", quantity: 2)])
    }

    @Test func backordersAreDatedByInboundAtLocationsThatMayServe() throws {
        var policy = RoutingPolicy()
        policy.rules.excludedLocations = ["DE": ["cologne"]]
        let inbound: [String: [InboundSupply]] = [
            "A": [
                InboundSupply(locationID: "munich", quantity: 5, eta: Fixtures.date("2025-03-20")),
                InboundSupply(locationID: "hamburg", quantity: 2, eta: Fixtures.date("2025-03-10")),
                // Earlier, but at a location the rules exclude, and at one that is not a candidate.
                InboundSupply(locationID: "cologne", quantity: 50, eta: Fixtures.date("2025-03-01")),
                InboundSupply(locationID: "elsewhere", quantity: 50, eta: Fixtures.date("2025-03-01")),
            ]
        ]
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 4), ("A", 4), ("B", 1)], requestedDate: Fixtures.date("2025-03-15")),
            candidates: candidates,
            availability: ["A": ["hamburg": 2]],
            inbound: inbound,
            policy: policy
        )
        #expect(plan.status == .partiallyAllocated)
        #expect(plan.allocations == ["hamburg": ["A": 2]])
        // Line 1 needs 2 more: hamburg's 2 on 03-10. Line 2 needs 4 after those: munich's 5 on 03-20.
        #expect(
            plan.backorders == [
                BackorderLine(
                    lineNumber: "1",
                    sku: "A",
                    quantity: 2,
                    expectedDate: Fixtures.date("2025-03-10"),
                    meetsRequestedDate: true
                ),
                BackorderLine(
                    lineNumber: "2",
                    sku: "A",
                    quantity: 4,
                    expectedDate: Fixtures.date("2025-03-20"),
                    meetsRequestedDate: false
                ),
                BackorderLine(lineNumber: "3", sku: "B", quantity: 1, expectedDate: nil, meetsRequestedDate: nil),
            ]
        )
    }

    @Test func nothingAvailableBackordersEverything() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("Z", 2)]),
            candidates: candidates,
            availability: ["Z": ["hamburg": -3]],  // oversold counts as none
            inbound: ["Z": [InboundSupply(locationID: "munich", quantity: 1, eta: Fixtures.date("2025-04-01"))]]
        )
        #expect(plan.status == .backordered)
        #expect(plan.decision.strategy == .nothingAvailable)
        #expect(plan.shipments.isEmpty)
        #expect(plan.backorders == [BackorderLine(lineNumber: "1", sku: "Z", quantity: 2)])
        #expect(plan.decision.summary == "nothing available; 2 units backordered")
        #expect(plan.decision.candidates.allSatisfy { $0.outcome == .excluded })
        #expect(plan.candidate("hamburg")?.reasons == ["covers 0 of 2 units", "no stock for this order"])
    }
}
