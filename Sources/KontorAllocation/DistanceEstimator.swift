import KontorModel

/// Distance from a location to a ship-to: exact when both have coordinates, otherwise an estimate.
///
/// In order of preference:
/// 1. Both sides have coordinates: the great-circle (haversine) distance.
/// 2. Same country and the same first two postal digits: ``samePostalRegionKm``.
/// 3. Same country and both sides placed by a coordinate or a built-in postal region (Germany's two-digit regions):
///    the great-circle distance between those points.
/// 4. Same country and the same first postal digit: ``samePostalDigitKm``.
/// 5. Same country otherwise: ``sameCountryKm``.
/// 6. Different countries: the great-circle distance between each side's coordinate, postal region point or
///    country centre (built-in table of the EU/EFTA countries, GB, US and CA); `unknownDistanceKm` when a country is
///    not in the table.
///
/// Rules 2, 4 and 5 are rough estimates for a country the size of Germany (postal digits are compared only when they
/// are digits; letter postcodes fall to rule 5); the method used is recorded with every distance.
public enum DistanceEstimator {
    /// Assumed distance within one two-digit postal region, in km.
    public static let samePostalRegionKm = 25.0
    /// Assumed distance within one one-digit postal zone, in km.
    public static let samePostalDigitKm = 150.0
    /// Assumed distance within one country otherwise, in km.
    public static let sameCountryKm = 400.0

    /// The distance from `location` to `destination`.
    public static func estimate(
        from location: CandidateLocation,
        to destination: Destination,
        unknownDistanceKm: Double = 2000
    ) -> DistanceEstimate {
        if let origin = location.coordinate, let target = destination.coordinate {
            return DistanceEstimate(km: origin.distanceKm(to: target), method: .coordinates)
        }
        let originPoint = point(location.country, location.postalCode, location.coordinate)
        let targetPoint = point(destination.country, destination.postalCode, destination.coordinate)
        guard location.country == destination.country else {
            guard let origin = originPoint ?? CountryCentroids.point(of: location.country),
                let target = targetPoint ?? CountryCentroids.point(of: destination.country)
            else { return DistanceEstimate(km: unknownDistanceKm, method: .unknownCountry) }
            return DistanceEstimate(km: origin.distanceKm(to: target), method: .countryCentroids)
        }
        let postalCode = destination.postalCode ?? ""
        let originRegion = PostalCodePrefix.leadingDigits(location.postalCode, count: 2)
        if let originRegion, originRegion == PostalCodePrefix.leadingDigits(postalCode, count: 2) {
            return DistanceEstimate(km: samePostalRegionKm, method: .samePostalRegion)
        }
        if let originPoint, let targetPoint {
            return DistanceEstimate(km: originPoint.distanceKm(to: targetPoint), method: .postalRegions)
        }
        let originZone = PostalCodePrefix.leadingDigits(location.postalCode, count: 1)
        if let originZone, originZone == PostalCodePrefix.leadingDigits(postalCode, count: 1) {
            return DistanceEstimate(km: samePostalDigitKm, method: .samePostalDigit)
        }
        return DistanceEstimate(km: sameCountryKm, method: .sameCountry)
    }

    /// A side's point: its coordinate, else its built-in postal region's point.
    private static func point(_ country: CountryCode, _ postalCode: String?, _ coordinate: GeoCoordinate?)
        -> GeoCoordinate?
    {
        if let coordinate { return coordinate }
        guard country == .de, let postalCode else { return nil }
        return GermanPostalRegions.point(forPostalCode: postalCode)
    }
}

/// A distance and how it was found.
public struct DistanceEstimate: Sendable, Hashable, Codable {
    /// The distance in km.
    public var km: Double

    /// How it was found.
    public var method: DistanceMethod

    /// A distance.
    public init(km: Double, method: DistanceMethod) {
        self.km = km
        self.method = method
    }
}

/// How ``DistanceEstimator`` found a distance (the rules are listed there).
public enum DistanceMethod: String, Sendable, Hashable, Codable {
    /// Great-circle distance between two coordinates (exact).
    case coordinates
    /// Same two-digit postal region (estimate).
    case samePostalRegion
    /// Great-circle distance between coordinates and built-in postal region points (estimate).
    case postalRegions
    /// Same first postal digit (estimate).
    case samePostalDigit
    /// Same country, nothing better known (estimate).
    case sameCountry
    /// Great-circle distance involving at least one country centre (estimate).
    case countryCentroids
    /// A country missing from the built-in table: the policy's `unknownDistanceKm`.
    case unknownCountry
}
