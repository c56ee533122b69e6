import Foundation
import KontorAllocation
import KontorModel
import Testing

/// The decision record on the allocation event, and determinism of the whole plan.
@Suite struct DecisionRecordTests {
    private let candidates = [
        Fixtures.warehouse("berlin", Fixtures.berlin),
        Fixtures.warehouse("munich", Fixtures.munich, capacity: 0),
        Fixtures.warehouse("leipzig", Fixtures.leipzig, capacity: 4),
        Fixtures.warehouse("hamburg", Fixtures.hamburg),
    ]
    private let availability = [
        "A": ["berlin": 1, "munich": 5, "leipzig": 5, "hamburg": 5],
        "B": ["berlin": 5, "munich": 5, "leipzig": 5],
    ]

    @Test func recordsEveryCandidateWithScoreComponents() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 3), ("B", 2)]),
            candidates: candidates,
            availability: availability
        )
        #expect(plan.decision.candidates.map(\.locationID) == ["berlin", "hamburg", "leipzig", "munich"])
        let leipzig = try #require(plan.candidate("leipzig"))
        let km = Fixtures.leipzig.distanceKm(to: Fixtures.potsdam)
        #expect(leipzig.distanceMethod == .coordinates)
        #expect(abs(leipzig.distanceKm - km) < 0.001)
        // Default policy: rate 5 + 1 per 100 km, 0.01 per km, pressure 2 ÷ remaining capacity.
        #expect(abs(leipzig.shippingCost - (5 + km / 100)) < 0.001)
        #expect(abs(leipzig.distanceCost - 0.01 * km) < 0.001)
        #expect(leipzig.capacityPressure == 0.5)
        #expect(abs(leipzig.score - (leipzig.shippingCost + leipzig.distanceCost + 0.5)) < 0.002)
        #expect(leipzig.coverableUnits == 5 && leipzig.requestedUnits == 5)
        #expect(leipzig.outcome == .chosen)
        #expect(
            leipzig.reasons == [
                "covers 5 of 5 units", "chosen: lowest score of 1 location(s) that can ship the whole order",
            ]
        )
        #expect(
            plan.candidate("berlin")?.reasons == [
                "covers 3 of 5 units", "not chosen: cannot ship the whole order; leipzig can",
            ]
        )
        #expect(plan.candidate("hamburg")?.coverableUnits == 3)
        #expect(plan.candidate("munich")?.reasons == ["covers 5 of 5 units", "no capacity today"])
        #expect(plan.decision.totalScore == leipzig.score)
        #expect(plan.decision.summary == "whole order from leipzig (score \(leipzig.score))")
    }

    @Test func encodesToStableJSONThatDecodesBack() throws {
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 3), ("B", 2)]),
            candidates: candidates,
            availability: availability
        )
        let data = try CanonicalJSON.encode(plan)
        let again = try CanonicalJSON.encode(
            try AllocationPlanner.plan(
                Fixtures.order([("A", 3), ("B", 2)]),
                candidates: candidates,
                availability: availability
            )
        )
        #expect(data == again)
        #expect(try CanonicalJSON.decode(AllocationPlan.self, from: data) == plan)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasPrefix(#"{"backorders":[],"decision":{"candidates":[{"capacityPressure":0.02,"#))
        #expect(text.contains(#""outcome":"excluded","reasons":["covers 5 of 5 units","no capacity today"]"#))
        #expect(text.contains(#""status":"allocated""#))
    }

    @Test func samePlanWhateverTheInputOrder() throws {
        let order = Fixtures.order([("A", 3), ("B", 2)])
        let reference = try CanonicalJSON.encode(
            try AllocationPlanner.plan(order, candidates: candidates, availability: availability)
        )
        for permutation in [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            let shuffled = permutation.map { candidates[$0] }
            let plan = try AllocationPlanner.plan(order, candidates: shuffled, availability: availability)
            #expect(try CanonicalJSON.encode(plan) == reference)
        }
    }

    @Test func equalScoresAreBrokenByLocationID() throws {
        let twins = [Fixtures.warehouse("b", Fixtures.berlin), Fixtures.warehouse("a", Fixtures.berlin)]
        let plan = try AllocationPlanner.plan(
            Fixtures.order([("A", 1)]),
            candidates: twins,
            availability: ["A": ["a": 1, "b": 1]]
        )
        #expect(plan.allocations == ["a": ["A": 1]])
        #expect(plan.candidate("b")?.reasons.last == "not chosen: a ships the whole order at the same score")
    }
}
