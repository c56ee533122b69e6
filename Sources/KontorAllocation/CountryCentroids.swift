import KontorModel

/// Built-in rough centres of the EU and EFTA countries, the United Kingdom, the United States and Canada, for
/// distances between countries when a side has neither a coordinate nor a known postal region.
///
/// The points are approximate geographic centres of each country's main territory (mainland France, Portugal and
/// Spain; the contiguous United States), good to about 1°. For large countries (US, CA, the Nordics) a centre can be
/// over 1000 km from an actual address: give locations and destinations coordinates there.
enum CountryCentroids {
    /// The centre of `country`, or `nil` when the table does not know it.
    static func point(of country: CountryCode) -> GeoCoordinate? {
        points[country.rawValue]
    }

    static let points: [String: GeoCoordinate] = {
        let table: [(String, Double, Double)] = [
            ("AT", 47.6, 14.1), ("BE", 50.6, 4.6), ("BG", 42.7, 25.5), ("HR", 45.1, 15.5), ("CY", 35.1, 33.4),
            ("CZ", 49.8, 15.5), ("DK", 56.0, 10.0), ("EE", 58.6, 25.0), ("FI", 64.0, 26.0), ("FR", 46.6, 2.4),
            ("DE", 51.2, 10.4), ("GR", 39.1, 22.0), ("HU", 47.2, 19.5), ("IE", 53.2, -8.2), ("IT", 42.8, 12.6),
            ("LV", 56.9, 24.6), ("LT", 55.2, 23.9), ("LU", 49.8, 6.1), ("MT", 35.9, 14.4), ("NL", 52.1, 5.3),
            ("PL", 52.1, 19.4), ("PT", 39.6, -8.0), ("RO", 45.9, 25.0), ("SK", 48.7, 19.7), ("SI", 46.1, 14.8),
            ("ES", 40.2, -3.6), ("SE", 62.0, 15.0), ("IS", 64.9, -18.6), ("LI", 47.2, 9.6), ("NO", 64.5, 12.0),
            ("CH", 46.8, 8.2), ("GB", 54.0, -2.0), ("US", 39.8, -98.6), ("CA", 56.1, -106.3),
        ]
        return Dictionary(uniqueKeysWithValues: table.map { ($0.0, GeoCoordinate(latitude: $0.1, longitude: $0.2)) })
    }()
}
