import KontorModel

/// Units of one order line held at one location until they ship or the order lets them go.
public struct Reservation: Sendable, Hashable, Codable {
    /// Where a reservation stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Holding stock.
        case active
        /// Let go without shipping (cancelled or re-allocated); the units are available again.
        case released
        /// Shipped: the units left on hand.
        case consumed
    }

    /// The store's id of the reservation.
    public var id: String

    /// The order.
    public var orderID: OrderID

    /// The order line's number.
    public var lineNumber: Int

    /// The SKU.
    public var sku: String

    /// The location holding the units.
    public var locationID: String

    /// Units held.
    public var quantity: Int

    /// Active, released or consumed.
    public var status: Status

    /// When the reservation was made.
    public var createdAt: Timestamp

    /// Creates a reservation.
    public init(
        id: String,
        orderID: OrderID,
        lineNumber: Int,
        sku: String,
        locationID: String,
        quantity: Int,
        status: Status,
        createdAt: Timestamp
    ) {
        self.id = id
        self.orderID = orderID
        self.lineNumber = lineNumber
        self.sku = sku
        self.locationID = locationID
        self.quantity = quantity
        self.status = status
        self.createdAt = createdAt
    }
}
