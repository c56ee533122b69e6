import Foundation
import KontorModel

/// The read model of one order: what the order API lists, filters and shows.
public struct OrderRecord: Sendable, Hashable, Codable {
    /// The order's id.
    public var orderID: OrderID

    /// The channel's order number.
    public var orderNumber: String

    /// The channel the order came in through.
    public var channel: SalesChannel

    /// The customer's id, when known.
    public var customerID: String?

    /// The customer's name, for searching.
    public var customerName: String?

    /// The pipeline's status, e.g. `received`, `validated`, `allocated`, `rejected`.
    public var status: String

    /// The order total.
    public var totalAmount: DecimalAmount?

    /// The currency of ``totalAmount``.
    public var currency: CurrencyCode?

    /// When the order was created (by the channel).
    public var createdAt: Timestamp

    /// When the record last changed.
    public var updatedAt: Timestamp

    /// The canonical order as JSON (UTF-8).
    public var orderJSON: Data

    /// The order's latest allocation as JSON (UTF-8): shipments, backorder lines, reservations and the routing
    /// decision; `nil` until the order was allocated or backordered.
    public var allocationJSON: Data?

    /// Optimistic concurrency: 1 after the first save, one more on every save. Set by the store.
    public var version: Int

    /// Creates a record; ``version`` is set by the store when saving.
    public init(
        orderID: OrderID,
        orderNumber: String,
        channel: SalesChannel,
        customerID: String? = nil,
        customerName: String? = nil,
        status: String,
        totalAmount: DecimalAmount? = nil,
        currency: CurrencyCode? = nil,
        createdAt: Timestamp,
        updatedAt: Timestamp,
        orderJSON: Data,
        allocationJSON: Data? = nil,
        version: Int = 0
    ) {
        self.orderID = orderID
        self.orderNumber = orderNumber
        self.channel = channel
        self.customerID = customerID
        self.customerName = customerName
        self.status = status
        self.totalAmount = totalAmount
        self.currency = currency
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.orderJSON = orderJSON
        self.allocationJSON = allocationJSON
        self.version = version
    }
}
