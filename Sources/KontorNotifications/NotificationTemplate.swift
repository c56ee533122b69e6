/// The notifications Kontor sends customers; the raw value names the template file
/// (`<brand>/<language>/<template>.mustache`).
public enum NotificationTemplate: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The order was accepted (on `kontor.order.validated.v1`).
    case orderConfirmation = "order-confirmation"
    /// A shipment left, with tracking links (`OrderShipped`).
    case shipped
    /// Every parcel arrived (`OrderTracked` with `delivered`).
    case delivered
    /// Some or all lines wait for stock (backordered, or partially allocated with backorder lines).
    case backorder
    /// The promised date cannot be met; the new estimate (`OrderDelayed`).
    case delay
    /// The order was cancelled (`OrderCancelled`).
    case cancellation
    /// The warehouse received a return (`ReturnReceived`).
    case returnReceived = "return-received"
    /// Money went back to the customer (`RefundIssued`).
    case refundIssued = "refund-issued"

    public var description: String { rawValue }
}

/// How a notification reaches the customer.
public enum NotificationChannel: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case email
    case webhook

    public var description: String { rawValue }
}
