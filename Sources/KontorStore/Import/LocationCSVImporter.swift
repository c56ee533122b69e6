import KontorModel

/// Loads warehouses and stores from a CSV file into a ``LocationStore``.
///
/// Columns (header row, any order): `id`, `name`, `kind` (`warehouse` or `store`) and `country` (ISO 3166-1
/// alpha-2) required; `street`, `street2`, `city`, `postal_code`, `latitude` (−90…90), `longitude` (−180…180),
/// `daily_capacity` (orders per day; empty for unlimited), `can_ship` (default true), `can_pickup` (default false)
/// and `active` (default true) optional. Booleans are `true`/`false`, `yes`/`no` or `1`/`0`.
/// The whole file is checked first; then every row is stored in one transaction, or none when any row is bad.
public struct LocationCSVImporter: Sendable {
    /// The columns that must be present.
    public static let requiredColumns = ["id", "name", "kind", "country"]
    /// The columns that may be present.
    public static let optionalColumns = [
        "street", "street2", "city", "postal_code", "latitude", "longitude", "daily_capacity", "can_ship",
        "can_pickup", "active",
    ]

    private let store: any LocationStore

    /// Creates an importer writing to `store`.
    public init(store: any LocationStore) {
        self.store = store
    }

    /// Imports the file at `path`.
    public func importFile(atPath path: String) async throws -> CSVImportSummary {
        let file = try CSVFile.read(path)
        return try await importCSV(file.text, fileName: file.name)
    }

    /// Imports CSV text; `fileName` names it in errors.
    public func importCSV(_ text: String, fileName: String) async throws -> CSVImportSummary {
        let locations = try Self.locations(text, fileName: fileName)
        try await store.upsertLocations(locations)
        return CSVImportSummary(file: fileName, records: locations.count)
    }

    /// Reads and checks every row without storing anything (a dry run); errors name the file, row and column.
    public static func locations(_ text: String, fileName: String) throws -> [Location] {
        let table = try CSVTable(text: text, file: fileName, required: requiredColumns, optional: optionalColumns)
        var seen: [String: Int] = [:]
        return try table.rows.map { row in
            let id = try row.text("id")
            if let first = seen.updateValue(row.number, forKey: id) {
                throw row.error("id", "\"\(id)\" appears again (first in row \(first))")
            }
            let kindText = try row.text("kind")
            guard let kind = Location.Kind(rawValue: kindText.lowercased()) else {
                throw row.error("kind", "\"\(kindText)\" is neither warehouse nor store")
            }
            let latitude = try row.optionalDouble("latitude", range: -90...90)
            let longitude = try row.optionalDouble("longitude", range: -180...180)
            if (latitude == nil) != (longitude == nil) {
                throw row.error(latitude == nil ? "latitude" : "longitude", "give both coordinates or neither")
            }
            return Location(
                id: id,
                name: try row.text("name"),
                kind: kind,
                address: Address(
                    street: row.optionalText("street"),
                    street2: row.optionalText("street2"),
                    city: row.optionalText("city"),
                    postalCode: row.optionalText("postal_code"),
                    country: try row.country("country")
                ),
                latitude: latitude,
                longitude: longitude,
                dailyCapacity: try row.optionalInt("daily_capacity"),
                canShip: try row.bool("can_ship", default: true),
                canPickup: try row.bool("can_pickup", default: false),
                active: try row.bool("active", default: true)
            )
        }
    }
}
