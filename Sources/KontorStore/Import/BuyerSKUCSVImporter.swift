/// Loads business customers' own article numbers from a CSV file into a ``CatalogStore``, so that purchase orders
/// quoting them find the product.
///
/// Columns (header row, any order), all required: `customer_id`, `buyer_sku`, `sku`. A (customer, buyer SKU) pair may
/// appear once. The whole file is checked first, including that every SKU is in the catalog; then every row is
/// stored in one transaction, or none when any row is bad.
public struct BuyerSKUCSVImporter: Sendable {
    /// The columns that must be present.
    public static let requiredColumns = ["customer_id", "buyer_sku", "sku"]

    private let store: any CatalogStore

    /// Creates an importer writing to `store`.
    public init(store: any CatalogStore) {
        self.store = store
    }

    /// Imports the file at `path`.
    public func importFile(atPath path: String) async throws -> CSVImportSummary {
        let file = try CSVFile.read(path)
        let table = try CSVTable(text: file.text, file: file.name, required: Self.requiredColumns, optional: [])
        var seen: [String: Int] = [:]
        var references: [BuyerSKU] = []
        var rows: [String: CSVRow] = [:]
        for row in table.rows {
            let reference = BuyerSKU(
                customerID: try row.text("customer_id"),
                buyerSKU: try row.text("buyer_sku"),
                sku: try row.text("sku")
            )
            let key = "\(reference.customerID)\u{0}\(reference.buyerSKU)"
            if let first = seen.updateValue(row.number, forKey: key) {
                throw row.error(
                    "buyer_sku",
                    "\"\(reference.buyerSKU)\" of \(reference.customerID) appears again (first in row \(first))"
                )
            }
            references.append(reference)
            rows[reference.sku] = rows[reference.sku] ?? row
        }
        let known = Set(try await store.products(skus: Array(rows.keys)).map(\.sku))
        if let unknown = rows.keys.sorted().first(where: { !known.contains($0) }), let row = rows[unknown] {
            throw row.error("sku", "\"\(unknown)\" is not in the catalog")
        }
        try await store.upsertBuyerSKUs(references)
        return CSVImportSummary(file: file.name, records: references.count)
    }
}
