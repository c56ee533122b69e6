import Foundation
import KontorModel
import KontorStore
import Testing

/// `GET /v1/pickups` over a real server and SQLite store.
@Suite("Pickup route")
struct PickupRoutesTests {
    static let day = KontorDate("2026-11-30")!
    static let at = Timestamp(rfc3339: "2026-11-30T15:00:00Z")!

    @Test("Lists pickups with state, carrier pickup id, parcels and error; filters by date, location, carrier")
    func list() async throws {
        try await ServerFixture.run { fixture, base in
            let store = fixture.store
            let scheduled = PickupKey(locationID: "WH-DE-LEJ", carrier: "dhl", date: Self.day)
            let refused = PickupKey(locationID: "WH-DE-LEJ", carrier: "ups", date: Self.day)
            let earlier = PickupKey(locationID: "WH-DE-LEJ", carrier: "dhl", date: KontorDate("2026-11-27")!)
            let outcomes: [(PickupKey, PickupOutcome)] = [
                (scheduled, .scheduled(carrierPickupID: "PU-4711")),
                (refused, .failed(error: "ups pickup refused (HTTP 422): address not served")),
                (earlier, .scheduled(carrierPickupID: "PU-4700")),
            ]
            for (key, outcome) in outcomes {
                let claim = try #require(
                    try await store.claimPickup(
                        key,
                        parcels: [
                            LabelledParcel(trackingNumber: "\(key.carrier)-1", weightGrams: 1200),
                            LabelledParcel(trackingNumber: "\(key.carrier)-2"),
                        ],
                        claimID: "test",
                        at: Self.at,
                        claimedUntil: Timestamp(microsecondsSinceEpoch: Self.at.microsecondsSinceEpoch + 600_000_000)
                    )
                )
                try await store.settlePickup(key, claimID: claim.claimID, outcome: outcome, at: Self.at)
            }

            let day = try await HTTP.get("\(base)/v1/pickups?date=2026-11-30&location=WH-DE-LEJ")
            #expect(day.status == 200)
            let pickups = try #require(day.json["pickups"] as? [[String: Any]])
            #expect(
                pickups.map { $0["reference"] as? String } == ["WH-DE-LEJ-dhl-2026-11-30", "WH-DE-LEJ-ups-2026-11-30"]
            )
            #expect(pickups[0]["state"] as? String == "scheduled")
            #expect(pickups[0]["carrierPickupId"] as? String == "PU-4711")
            #expect(pickups[0]["totalWeightGrams"] as? Int == 1200)
            #expect(
                (pickups[0]["parcels"] as? [[String: Any]])?.map { $0["trackingNumber"] as? String } == [
                    "dhl-1", "dhl-2",
                ]
            )
            #expect(pickups[0]["error"] is NSNull)
            #expect(pickups[1]["state"] as? String == "failed")
            #expect(pickups[1]["carrierPickupId"] is NSNull)
            #expect(pickups[1]["error"] as? String == "ups pickup refused (HTTP 422): address not served")

            let dhl = try await HTTP.get("\(base)/v1/pickups?carrier=DHL")
            #expect(
                (dhl.json["pickups"] as? [[String: Any]])?.map { $0["date"] as? String } == [
                    "2026-11-30", "2026-11-27",
                ]
            )
            let none = try await HTTP.get("\(base)/v1/pickups?location=WH-NL-VEN")
            #expect((none.json["pickups"] as? [Any])?.isEmpty == true)

            let bad = try await HTTP.get("\(base)/v1/pickups?date=30.11.2026")
            #expect(bad.status == 400)
            #expect(bad.json["field"] as? String == "date")
            #expect(try await HTTP.get("\(base)/v1/pickups?limit=0").status == 400)
        }
    }
}
