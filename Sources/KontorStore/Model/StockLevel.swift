/// The stock of one SKU at one location.
///
/// Quantities are whole units (`Int`): Kontor stocks countable items, not weights or lengths.
public struct StockLevel: Sendable, Hashable, Codable {
    /// The SKU.
    public var sku: String

    /// The location (see ``Location/id``).
    public var locationID: String

    /// Units physically at the location.
    public var onHand: Int

    /// Units promised to orders (active reservations) and not shipped yet.
    public var reserved: Int

    /// Units kept back from sale, e.g. for display or counting errors.
    public var safetyStock: Int

    /// Available to promise: `onHand - reserved - safetyStock`, never below zero.
    public var available: Int { max(0, onHand - reserved - safetyStock) }

    /// Creates a stock level.
    public init(sku: String, locationID: String, onHand: Int, reserved: Int = 0, safetyStock: Int = 0) {
        self.sku = sku
        self.locationID = locationID
        self.onHand = onHand
        self.reserved = reserved
        self.safetyStock = safetyStock
    }
}
