import KontorModel

/// The product catalog: SKUs, their GTINs and business customers' own article numbers.
public protocol CatalogStore: Sendable {
    /// Inserts or replaces products by SKU, all in one transaction.
    func upsertProducts(_ products: [Product]) async throws

    /// The product with this SKU.
    func product(sku: String) async throws -> Product?

    /// The product with this GTIN.
    func product(gtin: GTIN) async throws -> Product?

    /// The products with these SKUs (unknown ones are left out), in no particular order.
    func products(skus: [String]) async throws -> [Product]

    /// Inserts or replaces buyer article numbers by (customer, buyer SKU), all in one transaction.
    func upsertBuyerSKUs(_ references: [BuyerSKU]) async throws

    /// The product a customer means by its own article number.
    func product(customerID: String, buyerSKU: String) async throws -> Product?
}
