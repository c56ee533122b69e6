/// One change of stock recorded in the store's stock journal, in the same transaction as the change itself.
public struct StockJournalEntry: Sendable, Hashable, Codable {
    /// What kind of change it was.
    public enum Change: String, Sendable, Hashable, Codable {
        /// Counted stock was set (`setStock`, e.g. a stock import).
        case count
        /// On hand went up (`adjustOnHand` with a positive delta, e.g. a goods receipt).
        case receipt
        /// On hand went down (`adjustOnHand` with a negative delta, e.g. a write-off).
        case adjustment
        /// Inbound stock was announced or changed.
        case inbound
        /// Reservations were released, so their units are available again.
        case released
        /// Units shipped: on hand and reserved went down (a warehouse's shipped confirmation).
        case shipped
        /// Units a warehouse could not find: their reservations were released and on hand written down.
        case shortPick = "short-pick"
    }

    /// Rising and unique; entries are read in this order.
    public var sequence: Int

    /// The SKU.
    public var sku: String

    /// The location.
    public var locationID: String

    /// What changed.
    public var change: Change

    /// Creates an entry.
    public init(sequence: Int, sku: String, locationID: String, change: Change) {
        self.sequence = sequence
        self.sku = sku
        self.locationID = locationID
        self.change = change
    }
}
