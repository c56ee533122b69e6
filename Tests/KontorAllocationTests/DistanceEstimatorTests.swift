import KontorAllocation
import KontorModel
import Testing

@Suite struct DistanceEstimatorTests {
    private func location(_ country: CountryCode, _ postalCode: String, _ coordinate: GeoCoordinate? = nil)
        -> CandidateLocation
    {
        Fixtures.warehouse("x", coordinate, country: country, postalCode: postalCode)
    }

    @Test func haversineBerlinToMunich() {
        let km = Fixtures.berlin.distanceKm(to: Fixtures.munich)
        #expect(abs(km - 504) <= 5, "Berlin–Munich is about 504 km, got \(km)")
        #expect(Fixtures.munich.distanceKm(to: Fixtures.berlin) == km)
        #expect(Fixtures.berlin.distanceKm(to: Fixtures.berlin) == 0)
    }

    @Test func coordinatesOnBothSidesWin() {
        let estimate = DistanceEstimator.estimate(
            from: location(.de, "80331", Fixtures.munich),
            to: Destination(country: .de, postalCode: "80331", coordinate: Fixtures.berlin)
        )
        #expect(estimate.method == .coordinates)
        #expect(abs(estimate.km - 504) <= 5)
    }

    @Test func samePostalRegionIsAbout25Km() {
        let estimate = DistanceEstimator.estimate(
            from: location(.de, "80331"),
            to: Destination(country: .de, postalCode: "80997")
        )
        #expect(estimate == DistanceEstimate(km: 25, method: .samePostalRegion))
    }

    @Test func germanPostalRegionsGiveGreatCircleEstimates() {
        let estimate = DistanceEstimator.estimate(
            from: location(.de, "10115"),
            to: Destination(country: .de, postalCode: "80331")
        )
        #expect(estimate.method == .postalRegions)
        #expect(abs(estimate.km - 504) <= 25, "Berlin (10) to München (80) regions, got \(estimate.km)")
        let mixed = DistanceEstimator.estimate(
            from: location(.de, "20095", Fixtures.hamburg),
            to: Destination(country: .de, postalCode: "50667")
        )
        #expect(mixed.method == .postalRegions)
        #expect(abs(mixed.km - 357) <= 25, "Hamburg to Köln region, got \(mixed.km)")
    }

    @Test func firstPostalDigitAndCountryEstimatesElsewhere() {
        // Austria has no built-in regions: 1010 and 1230 share the first digit only.
        let digit = DistanceEstimator.estimate(
            from: location(.at, "1010"),
            to: Destination(country: .at, postalCode: "1230")
        )
        #expect(digit == DistanceEstimate(km: 150, method: .samePostalDigit))
        let country = DistanceEstimator.estimate(
            from: location(.at, "1010"),
            to: Destination(country: .at, postalCode: "6020")
        )
        #expect(country == DistanceEstimate(km: 400, method: .sameCountry))
        let noPostalCode = DistanceEstimator.estimate(from: location(.at, "1010"), to: Destination(country: .at))
        #expect(noPostalCode.method == .sameCountry)
        // Letter postcodes are not compared digit by digit.
        let letters = DistanceEstimator.estimate(
            from: location(.gb, "SW1A 1AA"),
            to: Destination(country: .gb, postalCode: "SW1A 2AA")
        )
        #expect(letters.method == .sameCountry)
    }

    @Test func crossBorderUsesCountryCentresAndRegionPoints() {
        let estimate = DistanceEstimator.estimate(
            from: location(.fr, "75001"),
            to: Destination(country: .de, postalCode: "10115")
        )
        #expect(estimate.method == .countryCentroids)
        // France's centre (46.6, 2.4) to the Berlin region (52.5, 13.4): about 1000 km.
        #expect(estimate.km > 900 && estimate.km < 1100, "got \(estimate.km)")
        let unknown = DistanceEstimator.estimate(
            from: location(CountryCode("JP")!, "100-0001"),
            to: Destination(country: .de, postalCode: "10115"),
            unknownDistanceKm: 1234
        )
        #expect(unknown == DistanceEstimate(km: 1234, method: .unknownCountry))
    }
}
