/// A counted stock figure to store as it is (an import or a stock count): sets on hand and safety stock of one SKU at
/// one location and leaves reservations alone.
public struct StockCount: Sendable, Hashable, Codable {
    /// The SKU.
    public var sku: String

    /// The location (see ``Location/id``).
    public var locationID: String

    /// Units physically at the location.
    public var onHand: Int

    /// Units kept back from sale.
    public var safetyStock: Int

    /// Creates a stock count.
    public init(sku: String, locationID: String, onHand: Int, safetyStock: Int = 0) {
        self.sku = sku
        self.locationID = locationID
        self.onHand = onHand
        self.safetyStock = safetyStock
    }
}
