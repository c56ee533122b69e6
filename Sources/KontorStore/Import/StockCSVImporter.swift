/// Loads counted stock from a CSV file into an ``InventoryStore``: sets on hand and safety stock per SKU and
/// location and leaves reservations alone.
///
/// Columns (header row, any order): `sku`, `location_id` and `on_hand` (whole units, at least 0) required;
/// `safety_stock` (default 0) optional. The whole file is checked first; then every row is stored in one
/// transaction, or none when any row is bad.
public struct StockCSVImporter: Sendable {
    /// The columns that must be present.
    public static let requiredColumns = ["sku", "location_id", "on_hand"]
    /// The columns that may be present.
    public static let optionalColumns = ["safety_stock"]

    private let store: any InventoryStore

    /// Creates an importer writing to `store`.
    public init(store: any InventoryStore) {
        self.store = store
    }

    /// Imports the file at `path`.
    public func importFile(atPath path: String) async throws -> CSVImportSummary {
        let file = try CSVFile.read(path)
        return try await importCSV(file.text, fileName: file.name)
    }

    /// Imports CSV text; `fileName` names it in errors.
    public func importCSV(_ text: String, fileName: String) async throws -> CSVImportSummary {
        let counts = try Self.counts(text, fileName: fileName)
        try await store.setStock(counts)
        return CSVImportSummary(file: fileName, records: counts.count)
    }

    /// Reads and checks every row without storing anything (a dry run); errors name the file, row and column.
    public static func counts(_ text: String, fileName: String) throws -> [StockCount] {
        let table = try CSVTable(text: text, file: fileName, required: requiredColumns, optional: optionalColumns)
        var seen: [String: Int] = [:]
        return try table.rows.map { row in
            let sku = try row.text("sku")
            let locationID = try row.text("location_id")
            if let first = seen.updateValue(row.number, forKey: sku + "\u{0}" + locationID) {
                throw row.error("sku", "\"\(sku)\" at \"\(locationID)\" appears again (first in row \(first))")
            }
            return StockCount(
                sku: sku,
                locationID: locationID,
                onHand: try row.int("on_hand"),
                safetyStock: try row.optionalInt("safety_stock") ?? 0
            )
        }
    }
}
