import Foundation

/// A point on the earth in decimal degrees (WGS 84), such as a warehouse's or a ship-to address's location.
public struct GeoCoordinate: Sendable, Hashable, Codable {
    /// Degrees north of the equator, -90...90.
    public var latitude: Double

    /// Degrees east of Greenwich, -180...180.
    public var longitude: Double

    /// A point; ``AllocationPlanner`` rejects values outside the valid ranges.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The mean earth radius used by ``distanceKm(to:)``, in km.
    public static let earthRadiusKm = 6371.0088

    /// `true` when both values are finite and within their ranges.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && (-90...90).contains(latitude) && (-180...180).contains(longitude)
    }

    /// The great-circle distance in km (haversine formula on a sphere of ``earthRadiusKm``; within about 0.5 % of
    /// the ellipsoidal distance).
    public func distanceKm(to other: GeoCoordinate) -> Double {
        let degrees = Double.pi / 180
        let latitude1 = latitude * degrees
        let latitude2 = other.latitude * degrees
        let deltaLatitude = (other.latitude - latitude) * degrees
        let deltaLongitude = (other.longitude - longitude) * degrees
        let sinLatitude = sin(deltaLatitude / 2)
        let sinLongitude = sin(deltaLongitude / 2)
        let a = sinLatitude * sinLatitude + cos(latitude1) * cos(latitude2) * sinLongitude * sinLongitude
        return 2 * Self.earthRadiusKm * asin(min(1, a.squareRoot()))
    }
}
