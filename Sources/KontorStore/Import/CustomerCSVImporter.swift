import KontorModel

/// Loads customer accounts from a CSV file into a ``CustomerStore``.
///
/// Columns (header row, any order): `id` and `name` required; `credit_limit` (e.g. `25000.00`; absent: no credit,
/// on-account orders are held), `currency` (ISO 4217, needed with a credit limit) and `open_balance` (default 0)
/// optional. The whole file is checked first; then every row is stored in one transaction, or none when any row is
/// bad. Importing replaces the open balance too.
public struct CustomerCSVImporter: Sendable {
    /// The columns that must be present.
    public static let requiredColumns = ["id", "name"]
    /// The columns that may be present.
    public static let optionalColumns = ["credit_limit", "currency", "open_balance"]

    private let store: any CustomerStore

    /// Creates an importer writing to `store`.
    public init(store: any CustomerStore) {
        self.store = store
    }

    /// Imports the file at `path`.
    public func importFile(atPath path: String) async throws -> CSVImportSummary {
        let file = try CSVFile.read(path)
        let customers = try Self.customers(file.text, fileName: file.name)
        try await store.upsertCustomers(customers)
        return CSVImportSummary(file: file.name, records: customers.count)
    }

    /// Reads and checks every row without storing anything; errors name the file, row and column.
    public static func customers(_ text: String, fileName: String) throws -> [Customer] {
        let table = try CSVTable(text: text, file: fileName, required: requiredColumns, optional: optionalColumns)
        var seen: [String: Int] = [:]
        return try table.rows.map { row in
            let id = try row.text("id")
            if let first = seen.updateValue(row.number, forKey: id) {
                throw row.error("id", "\"\(id)\" appears again (first in row \(first))")
            }
            let limit = try row.optionalDecimal("credit_limit")
            let currency = try row.optionalCurrency("currency")
            if limit != nil && currency == nil {
                throw row.error("currency", "a credit limit needs a currency")
            }
            if let limit, limit.isNegative {
                throw row.error("credit_limit", "must not be negative, found \(limit)")
            }
            return Customer(
                id: id,
                name: try row.text("name"),
                creditLimit: limit,
                currency: currency,
                openBalance: try row.optionalDecimal("open_balance") ?? .zero
            )
        }
    }
}
