import Foundation
import KontorModel
import KontorShipping
import Testing

@Suite("Carrier selection: cheapest service on time, limits, zones, fallback")
struct CarrierSelectorTests {
    private func evaluation(_ decision: CarrierDecision, _ service: String) throws -> ServiceEvaluation {
        try #require(decision.candidates.first { $0.service == service })
    }

    @Test("The cheapest service that delivers by the promised date wins; the others say why they lost")
    func cheapestOnTime() throws {
        // Monday 10:00: cheap (4 days) delivers Friday, mid (2 days) Wednesday, fast (1 day) Tuesday.
        let decision = try Fixtures.selector().select(Fixtures.request(promised: "2025-03-06"))
        let chosen = try #require(decision.chosen)
        #expect(chosen.carrier == "mid")
        #expect(chosen.service == "mid-standard")
        #expect(chosen.price == Money("6.50", .eur))
        #expect(chosen.shipDate == KontorDate("2025-03-03"))
        #expect(chosen.estimatedDelivery == KontorDate("2025-03-05"))
        #expect(!decision.missesPromisedDate)
        #expect(decision.summary == "mid/mid-standard: cheapest on time for 2025-03-06 (6.50 EUR, delivers 2025-03-05)")

        let cheap = try evaluation(decision, "cheap-economy")
        #expect(cheap.outcome == .notChosen)
        #expect(cheap.meetsPromisedDate == false)
        #expect(cheap.reasons.last == "not chosen: delivers 2025-03-07, after the promised 2025-03-06")
        let fast = try evaluation(decision, "fast-express")
        #expect(fast.outcome == .notChosen)
        #expect(fast.meetsPromisedDate == true)
        #expect(fast.reasons.last == "not chosen: costs 20.00 EUR, mid-standard costs 6.50 EUR")
        let mid = try evaluation(decision, "mid-standard")
        #expect(mid.outcome == .chosen)
        #expect(mid.reasons.last == "chosen: the cheapest of 2 service(s) delivering by 2025-03-06")
    }

    @Test("Without a promised date the cheapest wins")
    func cheapestWithoutDate() throws {
        let decision = try Fixtures.selector().select(Fixtures.request())
        #expect(decision.chosen?.service == "cheap-economy")
        #expect(decision.chosen?.price == Money("4.00", .eur))
        #expect(try evaluation(decision, "cheap-economy").meetsPromisedDate == nil)
    }

    @Test("The weight band sets the price; a parcel over a service's maximum weight excludes it")
    func weightLimits() throws {
        let selector = try Fixtures.selector()
        let heavy = selector.select(Fixtures.request(parcels: [ParcelMeasure(weightGrams: 15_000, estimated: false)]))
        #expect(heavy.chosen?.service == "mid-standard")  // cheap now costs 7.00 (second band)
        #expect(try evaluation(heavy, "cheap-economy").price == Money("7.00", .eur))

        let tooHeavy = selector.select(
            Fixtures.request(parcels: [ParcelMeasure(weightGrams: 25_000, estimated: true)])
        )
        let cheap = try evaluation(tooHeavy, "cheap-economy")
        #expect(cheap.outcome == .excluded)
        #expect(cheap.reasons == ["excluded: the parcel weighs an estimated 25000 g, over the maximum 20000 g"])
        #expect(tooHeavy.chosen?.service == "mid-standard")

        // Two parcels are priced one by one and each checked.
        let two = selector.select(
            Fixtures.request(parcels: [
                ParcelMeasure(weightGrams: 2_000, estimated: false),
                ParcelMeasure(weightGrams: 12_000, estimated: false),
            ])
        )
        #expect(try evaluation(two, "cheap-economy").price == Money("11.00", .eur))
        #expect(two.chosen?.service == "cheap-economy")
    }

    @Test("Length and length-plus-girth limits exclude; unknown dimensions are noted, not held against a service")
    func dimensionLimits() throws {
        let selector = try Fixtures.selector()
        let long = selector.select(
            Fixtures.request(parcels: [
                ParcelMeasure(weightGrams: 1000, lengthMm: 150, widthMm: 1100, heightMm: 100, estimated: false)
            ])
        )
        #expect(
            try evaluation(long, "cheap-economy").reasons == [
                "excluded: the parcel is 1100 mm long, over the maximum 1000 mm"
            ]
        )
        let bulky = selector.select(
            Fixtures.request(parcels: [
                ParcelMeasure(weightGrams: 1000, lengthMm: 900, widthMm: 600, heightMm: 500, estimated: false)
            ])
        )
        #expect(
            try evaluation(bulky, "cheap-economy").reasons == [
                "excluded: the parcel measures 3100 mm length plus girth, over the maximum 2000 mm"
            ]
        )
        #expect(bulky.chosen?.service == "mid-standard")

        let unknown = selector.select(Fixtures.request())
        #expect(
            try evaluation(unknown, "cheap-economy").reasons.contains(
                "the parcel's dimensions are unknown: length and girth not checked"
            )
        )
        #expect(unknown.chosen?.service == "cheap-economy")
    }

    @Test("A postal-code prefix zone beats the country zone; no zone excludes the service")
    func zonesByPostalPrefix() throws {
        let selector = try Fixtures.selector()
        let island = selector.select(Fixtures.request(postalCode: "27498"))
        let cheap = try evaluation(island, "cheap-economy")
        #expect(cheap.zone == "de-island")
        #expect(cheap.price == Money("12.00", .eur))
        #expect(cheap.estimatedDelivery == KontorDate("2025-03-11"))  // six business days
        #expect(island.chosen?.service == "mid-standard")

        let mainland = selector.select(Fixtures.request(postalCode: "27499"))
        #expect(try evaluation(mainland, "cheap-economy").zone == "de")

        let austria = selector.select(Fixtures.request(to: .at, postalCode: "1010"))
        #expect(austria.chosen?.service == "mid-standard")
        #expect(try evaluation(austria, "fast-express").reasons == ["excluded: no zone from DE to AT 1010"])
        #expect(try evaluation(austria, "cheap-economy").outcome == .excluded)

        let nowhere = selector.select(Fixtures.request(to: .ch, postalCode: "8001"))
        #expect(nowhere.chosen == nil)
        #expect(nowhere.summary == "no service carries 1 parcel(s) from DE to CH 8001")
        #expect(nowhere.candidates.allSatisfy { $0.outcome == .excluded })
    }

    @Test("When no service meets the promised date, the fastest wins and every candidate says why")
    func fallbackToFastest() throws {
        let decision = try Fixtures.selector().select(Fixtures.request(promised: "2025-03-03"))
        #expect(decision.missesPromisedDate)
        #expect(decision.chosen?.service == "fast-express")
        #expect(decision.chosen?.estimatedDelivery == KontorDate("2025-03-04"))
        #expect(decision.summary.contains("fastest, misses the promised 2025-03-03"))
        #expect(
            try evaluation(decision, "fast-express").reasons.last
                == "chosen: no service delivers by 2025-03-03; this one is the fastest"
        )
        #expect(
            try evaluation(decision, "mid-standard").reasons.last
                == "not chosen: delivers 2025-03-05, after the promised 2025-03-03"
        )
        #expect(decision.candidates.allSatisfy { $0.meetsPromisedDate == false })
    }

    @Test("After the cut-off a parcel leaves the next business day; weekends are skipped")
    func cutoffAndWeekends() throws {
        let selector = try Fixtures.selector()
        // Monday 13:00 is after mid's 12:00 cut-off: ships Tuesday, delivers Thursday, too late for Wednesday.
        let late = selector.select(Fixtures.request(promised: "2025-03-05", readyAt: Fixtures.monday("13:00")))
        #expect(try evaluation(late, "mid-standard").shipDate == KontorDate("2025-03-04"))
        #expect(try evaluation(late, "mid-standard").estimatedDelivery == KontorDate("2025-03-06"))
        #expect(late.chosen?.service == "fast-express")

        // Friday 17:00: fast (cut-off 18:00) ships Friday and delivers Monday; cheap ships Monday.
        let friday = selector.select(Fixtures.request(readyAt: Timestamp(rfc3339: "2025-03-07T17:00:00Z")!))
        #expect(try evaluation(friday, "fast-express").estimatedDelivery == KontorDate("2025-03-10"))
        #expect(try evaluation(friday, "cheap-economy").shipDate == KontorDate("2025-03-10"))
        #expect(try evaluation(friday, "cheap-economy").estimatedDelivery == KontorDate("2025-03-14"))
    }

    @Test("Unpacked shipments are weighed from the catalog's unit weights, a default for unknown SKUs")
    func estimatedWeight() {
        let task = Fixtures.pickTask()
        let estimated = ShipmentEstimate.parcels(
            for: task,
            unitWeights: ["PT-DRL-18V-055": 1650, "PT-GLV-L": 80],
            defaultPieceWeightGrams: 500
        )
        #expect(estimated == [ParcelMeasure(weightGrams: 2 * 1650 + 500 + 5 * 80, estimated: true)])

        let packed = ShipmentEstimate.parcels(
            for: task,
            packed: [Parcel(weightGrams: 4200, lengthMm: 400, widthMm: 300, heightMm: 200)],
            unitWeights: [:],
            defaultPieceWeightGrams: 500
        )
        #expect(
            packed == [ParcelMeasure(weightGrams: 4200, lengthMm: 400, widthMm: 300, heightMm: 200, estimated: false)]
        )
    }

    @Test("The shipped rates.yaml loads and routes Leipzig to Cologne and to Heligoland")
    func shippedTable() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("connectors/carriers/rates.yaml").path
        let selector = CarrierSelector(table: try CarrierRateTableLoader.load(path: path))
        let cologne = selector.select(
            ShipmentRequest(
                origin: .de,
                destinationCountry: .de,
                destinationPostalCode: "50667",
                promisedDate: KontorDate("2025-03-05"),
                readyAt: Fixtures.monday(),
                parcels: [ParcelMeasure(weightGrams: 2500, estimated: true)]
            )
        )
        #expect(cologne.chosen?.carrier == "dpd")
        #expect(cologne.chosen?.price == Money("4.79", .eur))
        let heligoland = selector.select(
            ShipmentRequest(
                origin: .de,
                destinationCountry: .de,
                destinationPostalCode: "27498",
                readyAt: Fixtures.monday(),
                parcels: [ParcelMeasure(weightGrams: 2500, estimated: true)]
            )
        )
        #expect(heligoland.candidates.first { $0.service == "dhl-paket" }?.zone == "de-islands")
    }
}
