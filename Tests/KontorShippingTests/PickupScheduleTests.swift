import Foundation
import KontorModel
import KontorShipping
import Testing

/// When pickups are booked, from the repository's rate table.
@Suite("Pickup schedule")
struct PickupScheduleTests {
    static let table: CarrierRateTable = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try! CarrierRateTableLoader.load(
            path: root.appendingPathComponent("connectors/carriers/rates.yaml").path
        )
    }()

    static func schedule(_ carrier: String, from country: String, lead: Int = 30) -> PickupSchedule? {
        PickupSchedule(
            carrier: table.carrier(carrier)!,
            table: table,
            origin: CountryCode(country)!,
            leadMinutes: lead
        )
    }

    static func at(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    @Test("The earliest cut-off of the carrier's services from the country, in the zone's time zone")
    func cutoffByOrigin() throws {
        // UPS from Germany: Express Saver 18:00 (Berlin); from the US: Ground 17:00 (Louisville); none from Austria.
        let germany = try #require(Self.schedule("ups", from: "DE"))
        #expect(germany.cutoff == "18:00")
        #expect(germany.timeZone.identifier == "Europe/Berlin")
        let us = try #require(Self.schedule("ups", from: "US"))
        #expect(us.cutoff == "17:00")
        #expect(us.timeZone.identifier == "America/Kentucky/Louisville")
        #expect(Self.schedule("ups", from: "AT") == nil)
        #expect(Self.schedule("dhl", from: "DE")?.cutoff == "17:00")
    }

    @Test("Due from cut-off minus lead until the cut-off on business days; parcels since the previous business day")
    func dueWindow() throws {
        let dhl = try #require(Self.schedule("dhl", from: "DE"))
        // Monday 2026-11-30, Berlin is UTC+1: 16:30 local is 15:30Z, the cut-off 17:00 is 16:00Z.
        #expect(dhl.due(at: Self.at("2026-11-30T15:29:59Z")) == nil)
        let due = try #require(dhl.due(at: Self.at("2026-11-30T15:30:00Z")))
        #expect(due.date == KontorDate("2026-11-30")!)
        #expect(due.bookAt == Self.at("2026-11-30T15:30:00Z"))
        #expect(due.cutoffAt == Self.at("2026-11-30T16:00:00Z"))
        #expect(due.parcelsSince == Self.at("2026-11-27T15:30:00Z"))  // Friday
        #expect(dhl.due(at: Self.at("2026-11-30T16:00:00Z")) == nil)
        #expect(dhl.due(at: Self.at("2026-11-28T15:45:00Z")) == nil)  // Saturday
        // Summer time (UTC+2): Tuesday 2026-07-07, 16:30 local is 14:30Z; Monday's booking is the window's start.
        let summer = try #require(dhl.due(at: Self.at("2026-07-07T14:45:00Z")))
        #expect(summer.bookAt == Self.at("2026-07-07T14:30:00Z"))
        #expect(summer.parcelsSince == Self.at("2026-07-06T14:30:00Z"))
        // Louisville (UTC-5 in winter): 16:30 local is 21:30Z, still Monday there.
        let louisville = try #require(Self.schedule("ups", from: "US")?.due(at: Self.at("2026-11-30T21:40:00Z")))
        #expect(louisville.date == KontorDate("2026-11-30")!)
    }

    @Test("Ready windows and cut-offs are times of day HH:MM")
    func timeOfDay() {
        #expect(PickupSchedule.isTimeOfDay("14:00"))
        #expect(PickupSchedule.isTimeOfDay("00:00"))
        #expect(!PickupSchedule.isTimeOfDay("24:00"))
        #expect(!PickupSchedule.isTimeOfDay("9:00"))
        #expect(!PickupSchedule.isTimeOfDay("noon"))
    }
}
