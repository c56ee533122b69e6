import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: CatalogStore {
    public func upsertProducts(_ products: [Product]) async throws {
        guard !products.isEmpty else { return }
        try await transaction { connection in
            for product in products {
                try await connection.execute(
                    """
                    INSERT INTO products (sku, gtin, description, weight_grams, list_price, currency)
                    VALUES (\(product.sku), \(product.gtin?.rawValue), \(product.description), \(product.weightGrams),
                        \(product.listPrice?.description)::numeric, \(product.currency?.rawValue))
                    ON CONFLICT (sku) DO UPDATE SET gtin = excluded.gtin, description = excluded.description,
                        weight_grams = excluded.weight_grams, list_price = excluded.list_price,
                        currency = excluded.currency
                    """,
                    logger: logger
                )
            }
        }
    }

    public func product(sku: String) async throws -> Product? {
        try await fetch(
            "SELECT \(unescaped: PostgresRows.productColumns) FROM products WHERE sku = \(sku)",
            PostgresRows.product
        ).first
    }

    public func product(gtin: GTIN) async throws -> Product? {
        try await fetch(
            "SELECT \(unescaped: PostgresRows.productColumns) FROM products WHERE gtin = \(gtin.rawValue)",
            PostgresRows.product
        ).first
    }

    public func products(skus: [String]) async throws -> [Product] {
        guard !skus.isEmpty else { return [] }
        return try await fetch(
            "SELECT \(unescaped: PostgresRows.productColumns) FROM products WHERE sku = ANY(\(skus))",
            PostgresRows.product
        )
    }

    public func upsertBuyerSKUs(_ references: [BuyerSKU]) async throws {
        guard !references.isEmpty else { return }
        try await transaction { connection in
            for reference in references {
                try await connection.execute(
                    """
                    INSERT INTO buyer_skus (customer_id, buyer_sku, sku)
                    VALUES (\(reference.customerID), \(reference.buyerSKU), \(reference.sku))
                    ON CONFLICT (customer_id, buyer_sku) DO UPDATE SET sku = excluded.sku
                    """,
                    logger: logger
                )
            }
        }
    }

    public func product(customerID: String, buyerSKU: String) async throws -> Product? {
        try await fetch(
            """
            SELECT \(unescaped: PostgresRows.productColumns) FROM products
            WHERE sku = (SELECT sku FROM buyer_skus WHERE customer_id = \(customerID) AND buyer_sku = \(buyerSKU))
            """,
            PostgresRows.product
        ).first
    }
}
