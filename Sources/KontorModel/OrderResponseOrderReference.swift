/// The order a response or a ship notice is about (``OrderResponse/order``, ``ShipmentNotice/order``).
///
/// JSON: `{orderId, orderNumber, purchaseOrderNumber, orderDate, documentId}`; only `orderNumber` is required.
public struct OrderReference: Sendable, Hashable, Codable {
    /// Kontor's id of the order (``CanonicalOrder/id``).
    public var orderId: OrderID?

    /// The order number as the channel sent it (``CanonicalOrder/orderNumber``); for B2B orders the buyer's
    /// purchase-order number.
    public var orderNumber: String

    /// The buyer's purchase-order number, when the buyer has one that differs from ``orderNumber``.
    public var purchaseOrderNumber: String?

    /// When the order was placed (``CanonicalOrder/orderDate``).
    public var orderDate: KontorDate?

    /// The id of the inbound document that carried the order, such as its payload or message id, when partners
    /// expect it echoed back.
    public var documentId: String?

    /// Creates an order reference.
    public init(
        orderId: OrderID? = nil,
        orderNumber: String,
        purchaseOrderNumber: String? = nil,
        orderDate: KontorDate? = nil,
        documentId: String? = nil
    ) {
        self.orderId = orderId
        self.orderNumber = orderNumber
        self.purchaseOrderNumber = purchaseOrderNumber
        self.orderDate = orderDate
        self.documentId = documentId
    }

    /// A reference to a canonical order: its id, number and date, and the id of the document it came in.
    public init(_ order: CanonicalOrder, documentId: String? = nil) {
        self.init(
            orderId: order.id,
            orderNumber: order.orderNumber,
            orderDate: order.orderDate,
            documentId: documentId
        )
    }

    /// The number the buyer knows the order by: ``purchaseOrderNumber`` when set, otherwise ``orderNumber``.
    public var buyerOrderNumber: String {
        purchaseOrderNumber ?? orderNumber
    }
}
