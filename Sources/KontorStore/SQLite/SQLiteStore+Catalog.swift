import GRDB
import KontorModel

extension SQLiteStore: CatalogStore {
    public func upsertProducts(_ products: [Product]) async throws {
        guard !products.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO products (sku, gtin, description, weight_grams, list_price, currency)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(sku) DO UPDATE SET gtin = excluded.gtin, description = excluded.description,
                        weight_grams = excluded.weight_grams, list_price = excluded.list_price,
                        currency = excluded.currency
                    """
            )
            for product in products {
                try statement.execute(arguments: [
                    product.sku, product.gtin?.rawValue, product.description, product.weightGrams,
                    product.listPrice?.description, product.currency?.rawValue,
                ])
            }
        }
    }

    public func product(sku: String) async throws -> Product? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM products WHERE sku = ?", arguments: [sku]).map(SQLiteRows.product)
        }
    }

    public func product(gtin: GTIN) async throws -> Product? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM products WHERE gtin = ?", arguments: [gtin.rawValue])
                .map(SQLiteRows.product)
        }
    }

    public func products(skus: [String]) async throws -> [Product] {
        guard !skus.isEmpty else { return [] }
        return try await pool.read { db in
            try Self.chunked(skus) { chunk, marks in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM products WHERE sku IN (\(marks))",
                    arguments: StatementArguments(chunk)
                ).map(SQLiteRows.product)
            }
        }
    }

    public func upsertBuyerSKUs(_ references: [BuyerSKU]) async throws {
        guard !references.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO buyer_skus (customer_id, buyer_sku, sku) VALUES (?, ?, ?)
                    ON CONFLICT(customer_id, buyer_sku) DO UPDATE SET sku = excluded.sku
                    """
            )
            for reference in references {
                try statement.execute(arguments: [reference.customerID, reference.buyerSKU, reference.sku])
            }
        }
    }

    public func product(customerID: String, buyerSKU: String) async throws -> Product? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT products.* FROM buyer_skus JOIN products ON products.sku = buyer_skus.sku
                    WHERE buyer_skus.customer_id = ? AND buyer_skus.buyer_sku = ?
                    """,
                arguments: [customerID, buyerSKU]
            ).map(SQLiteRows.product)
        }
    }

    /// Runs `body` over chunks of `values` with their `?, ?, ...` list: SQLite limits bound parameters per statement.
    static func chunked<T>(
        _ values: [String],
        _ body: (_ chunk: [String], _ marks: String) throws -> [T]
    ) rethrows -> [T] {
        var results: [T] = []
        for start in stride(from: 0, to: values.count, by: 500) {
            let chunk = Array(values[start..<min(start + 500, values.count)])
            results += try body(chunk, Array(repeating: "?", count: chunk.count).joined(separator: ","))
        }
        return results
    }
}
