/// A business customer's own article number for one of our SKUs, so that purchase orders quoting the buyer's number
/// (EDI's "buyer's item number") find the product.
public struct BuyerSKU: Sendable, Hashable, Codable {
    /// The customer (see ``Customer/id``).
    public var customerID: String

    /// The customer's article number.
    public var buyerSKU: String

    /// Our SKU it stands for.
    public var sku: String

    /// Creates a cross-reference.
    public init(customerID: String, buyerSKU: String, sku: String) {
        self.customerID = customerID
        self.buyerSKU = buyerSKU
        self.sku = sku
    }
}
