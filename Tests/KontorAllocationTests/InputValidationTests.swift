import Foundation
import KontorAllocation
import KontorModel
import Testing

/// Input the planner refuses, with the field at fault; and policy defaults when decoding.
@Suite struct InputValidationTests {
    private let berlin = Fixtures.warehouse("berlin", Fixtures.berlin)

    private func error(
        _ request: AllocationRequest,
        candidates: [CandidateLocation]? = nil,
        inbound: [String: [InboundSupply]] = [:],
        policy: RoutingPolicy = RoutingPolicy()
    ) -> AllocationError? {
        do {
            _ = try AllocationPlanner.plan(
                request,
                candidates: candidates ?? [berlin],
                availability: [:],
                inbound: inbound,
                policy: policy
            )
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesBadLines() {
        #expect(error(Fixtures.order([]))?.field == "request.lines")
        #expect(
            error(Fixtures.order([("A", 1), ("B", 0)]))
                == AllocationError(
                    field: "request.lines[1].quantity",
                    message: "line 2: quantity must be positive, got 0"
                )
        )
        #expect(error(Fixtures.order([("", 1)]))?.field == "request.lines[0].sku")
        var duplicate = Fixtures.order([("A", 1), ("B", 1)])
        duplicate.lines[1].lineNumber = "1"
        #expect(error(duplicate)?.message == "duplicate line number \"1\"")
    }

    @Test func refusesBadCandidatesAndCoordinates() {
        let order = Fixtures.order([("A", 1)])
        #expect(
            error(order, candidates: [berlin, berlin])
                == AllocationError(field: "candidates[1].id", message: "duplicate location id \"berlin\"")
        )
        var far = berlin
        far.coordinate = GeoCoordinate(latitude: 91, longitude: 0)
        #expect(error(order, candidates: [far])?.field == "candidates[0].coordinate")
        var negative = berlin
        negative.remainingDailyCapacity = -1
        #expect(error(order, candidates: [negative])?.field == "candidates[0].remainingDailyCapacity")
        let nowhere = Fixtures.order(
            [("A", 1)],
            to: Destination(country: .de, coordinate: GeoCoordinate(latitude: 0, longitude: .nan))
        )
        #expect(error(nowhere)?.field == "request.destination.coordinate")
        let inbound = ["A": [InboundSupply(locationID: "berlin", quantity: -2, eta: Fixtures.date("2025-03-01"))]]
        #expect(error(order, inbound: inbound)?.field == #"inbound["A"][0].quantity"#)
    }

    @Test func refusesBadPolicies() {
        let order = Fixtures.order([("A", 1)])
        var policy = RoutingPolicy()
        policy.maxShipments = 0
        #expect(
            error(order, policy: policy)
                == AllocationError(field: "policy.maxShipments", message: "must be at least 1, got 0")
        )
        policy = RoutingPolicy()
        policy.weights.costPerKm = -1
        #expect(error(order, policy: policy)?.field == "policy.weights.costPerKm")
        policy = RoutingPolicy()
        policy.rateTable.rates = [
            CountryPairRate(origin: .de, destination: .at, rate: ShippingRate(baseCost: .infinity, costPer100Km: 1))
        ]
        #expect(error(order, policy: policy)?.field == "policy.rateTable.rates[0].rate.baseCost")
        policy = RoutingPolicy()
        policy.rules.excludedLocations = ["de": ["berlin"]]
        #expect(error(order, policy: policy)?.field == "policy.rules.excludedLocations.de")
    }

    @Test func policyDecodesWithDefaults() throws {
        let json = """
            {"maxShipments": 2, "weights": {"costPerKm": 0.5},
             "rules": {"allowedDestinations": {"wh-us": ["US", "CA"]}},
             "rateTable": {"rates": [{"origin": "DE", "destination": "AT",
                                      "rate": {"baseCost": 7.5, "costPer100Km": 0.5}}]}}
            """
        let policy = try JSONDecoder().decode(RoutingPolicy.self, from: Data(json.utf8))
        var expected = RoutingPolicy()
        expected.maxShipments = 2
        expected.weights.costPerKm = 0.5
        expected.rules.allowedDestinations = ["wh-us": [.us, .ca]]
        expected.rateTable.rates = [
            CountryPairRate(origin: .de, destination: .at, rate: ShippingRate(baseCost: 7.5, costPer100Km: 0.5))
        ]
        #expect(policy == expected)
        #expect(policy.rateTable.rate(from: .de, to: .at).baseCost == 7.5)
        #expect(policy.rateTable.rate(from: .at, to: .de) == ShippingRate(baseCost: 5, costPer100Km: 1))
        #expect(try JSONDecoder().decode(RoutingPolicy.self, from: Data("{}".utf8)) == RoutingPolicy())
    }
}
