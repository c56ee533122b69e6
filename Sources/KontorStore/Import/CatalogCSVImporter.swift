/// Loads products from a CSV file into a ``CatalogStore``.
///
/// Columns (header row, any order): `sku` and `description` required; `gtin` (valid GTIN-8/12/13/14),
/// `weight_grams` (whole grams), `list_price` (e.g. `19.99`, needs `currency`) and `currency` (ISO 4217) optional.
/// The whole file is checked first; then every row is stored in one transaction, or none when any row is bad.
public struct CatalogCSVImporter: Sendable {
    /// The columns that must be present.
    public static let requiredColumns = ["sku", "description"]
    /// The columns that may be present.
    public static let optionalColumns = ["gtin", "weight_grams", "list_price", "currency"]

    private let store: any CatalogStore

    /// Creates an importer writing to `store`.
    public init(store: any CatalogStore) {
        self.store = store
    }

    /// Imports the file at `path`.
    public func importFile(atPath path: String) async throws -> CSVImportSummary {
        let file = try CSVFile.read(path)
        return try await importCSV(file.text, fileName: file.name)
    }

    /// Imports CSV text; `fileName` names it in errors.
    public func importCSV(_ text: String, fileName: String) async throws -> CSVImportSummary {
        let products = try Self.products(text, fileName: fileName)
        try await store.upsertProducts(products)
        return CSVImportSummary(file: fileName, records: products.count)
    }

    /// Reads and checks every row without storing anything (a dry run); errors name the file, row and column.
    public static func products(_ text: String, fileName: String) throws -> [Product] {
        let table = try CSVTable(text: text, file: fileName, required: requiredColumns, optional: optionalColumns)
        var seen: [String: Int] = [:]
        return try table.rows.map { row in
            let sku = try row.text("sku")
            if let first = seen.updateValue(row.number, forKey: sku) {
                throw row.error("sku", "\"\(sku)\" appears again (first in row \(first))")
            }
            let price = try row.optionalDecimal("list_price")
            let currency = try row.optionalCurrency("currency")
            if price != nil && currency == nil {
                throw row.error("currency", "a list price needs a currency")
            }
            return Product(
                sku: sku,
                gtin: try row.optionalGTIN("gtin"),
                description: try row.text("description"),
                weightGrams: try row.optionalInt("weight_grams"),
                listPrice: price,
                currency: currency
            )
        }
    }
}
