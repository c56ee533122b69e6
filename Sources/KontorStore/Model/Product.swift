import KontorModel

/// A catalog item: one stock-keeping unit the business sells.
public struct Product: Sendable, Hashable, Codable {
    /// The stock-keeping unit, the business's own article number; unique in the catalog.
    public var sku: String

    /// The GS1 trade item number printed on the item, when it has one; unique in the catalog.
    public var gtin: GTIN?

    /// The article's name as customers see it.
    public var description: String

    /// The shipping weight of one unit in grams.
    public var weightGrams: Int?

    /// The list price of one unit, in ``currency``.
    public var listPrice: DecimalAmount?

    /// The currency of ``listPrice``.
    public var currency: CurrencyCode?

    /// Creates a product.
    public init(
        sku: String,
        gtin: GTIN? = nil,
        description: String,
        weightGrams: Int? = nil,
        listPrice: DecimalAmount? = nil,
        currency: CurrencyCode? = nil
    ) {
        self.sku = sku
        self.gtin = gtin
        self.description = description
        self.weightGrams = weightGrams
        self.listPrice = listPrice
        self.currency = currency
    }
}
