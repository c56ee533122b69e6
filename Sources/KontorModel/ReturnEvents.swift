/// One line of a return. JSON: `{lineNumber, sku, quantity, reason}`.
public struct ReturnLine: Sendable, Hashable, Codable {
    public var lineNumber: String
    public var sku: String
    /// Pieces.
    public var quantity: Int
    /// The customer's reason (e.g. `damaged`, `wrong-item`, `no-longer-needed`).
    public var reason: String

    /// Creates a return line.
    public init(lineNumber: String, sku: String, quantity: Int, reason: String) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.reason = reason
    }
}

/// What the customer gets for a return.
public enum ReturnResolution: String, Sendable, Hashable, Codable, CaseIterable {
    case refund
    /// The same items again, as a new order linked to the original.
    case exchange
}

/// Payload of ``ReturnEventType/authorized`` on ``KontorTopics/returnAuthorized`` (keyed by order id): an RMA was
/// created. JSON: `{rmaNumber, orderId, lines, resolution, returnCarrier, returnTrackingNumber, authorizedBy,
/// authorizedAt}`.
public struct ReturnAuthorized: KontorEventPayload {
    /// `com.kontor.return.authorized.v1`.
    public static let eventType = ReturnEventType.authorized

    /// The RMA number, e.g. `RMA-2026-000042`.
    public var rmaNumber: String
    public var orderId: OrderID
    public var lines: [ReturnLine]
    public var resolution: ReturnResolution
    /// The carrier of the return label.
    public var returnCarrier: String?
    /// The return label's tracking number.
    public var returnTrackingNumber: String?
    /// The token (and person) that created it.
    public var authorizedBy: String
    public var authorizedAt: Timestamp

    /// Creates the payload.
    public init(
        rmaNumber: String,
        orderId: OrderID,
        lines: [ReturnLine],
        resolution: ReturnResolution,
        returnCarrier: String? = nil,
        returnTrackingNumber: String? = nil,
        authorizedBy: String,
        authorizedAt: Timestamp
    ) {
        self.rmaNumber = rmaNumber
        self.orderId = orderId
        self.lines = lines
        self.resolution = resolution
        self.returnCarrier = returnCarrier
        self.returnTrackingNumber = returnTrackingNumber
        self.authorizedBy = authorizedBy
        self.authorizedAt = authorizedAt
    }
}

/// The state a returned item arrives in.
public enum ReturnCondition: String, Sendable, Hashable, Codable, CaseIterable {
    /// As new: back to stock.
    case resalable
    /// Damaged or defective: quarantined, not sellable.
    case damaged
    case defective
}

/// One received line of a return. JSON: `{lineNumber, sku, quantity, condition, restocked}`.
public struct ReceivedReturnLine: Sendable, Hashable, Codable {
    public var lineNumber: String
    public var sku: String
    public var quantity: Int
    public var condition: ReturnCondition
    /// True when the pieces went back to sellable stock, false when quarantined.
    public var restocked: Bool

    /// Creates a received line.
    public init(lineNumber: String, sku: String, quantity: Int, condition: ReturnCondition, restocked: Bool) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.condition = condition
        self.restocked = restocked
    }
}

/// Payload of ``ReturnEventType/received`` on ``KontorTopics/returnReceived``: the warehouse received a return.
/// JSON: `{rmaNumber, orderId, locationId, lines, receivedAt}`.
public struct ReturnReceived: KontorEventPayload {
    /// `com.kontor.return.received.v1`.
    public static let eventType = ReturnEventType.received

    public var rmaNumber: String
    public var orderId: OrderID
    /// The location that received it.
    public var locationId: String
    public var lines: [ReceivedReturnLine]
    public var receivedAt: Timestamp

    /// Creates the payload.
    public init(
        rmaNumber: String,
        orderId: OrderID,
        locationId: String,
        lines: [ReceivedReturnLine],
        receivedAt: Timestamp
    ) {
        self.rmaNumber = rmaNumber
        self.orderId = orderId
        self.locationId = locationId
        self.lines = lines
        self.receivedAt = receivedAt
    }
}

/// Payload of ``ReturnEventType/refundIssued`` on ``KontorTopics/returnRefundIssued``. JSON: `{rmaNumber, orderId,
/// amount, lines, issuedAt}`.
public struct RefundIssued: KontorEventPayload {
    /// `com.kontor.return.refund-issued.v1`.
    public static let eventType = ReturnEventType.refundIssued

    public var rmaNumber: String
    public var orderId: OrderID
    /// The amount refunded, in the order's currency.
    public var amount: Money
    public var lines: [ConfirmedLine]
    public var issuedAt: Timestamp

    /// Creates the payload.
    public init(rmaNumber: String, orderId: OrderID, amount: Money, lines: [ConfirmedLine], issuedAt: Timestamp) {
        self.rmaNumber = rmaNumber
        self.orderId = orderId
        self.amount = amount
        self.lines = lines
        self.issuedAt = issuedAt
    }
}

/// Payload of ``ReturnEventType/exchangeCreated`` on ``KontorTopics/returnExchangeCreated``: the replacement order
/// (published to ``KontorTopics/orderReceived`` like any order) for an exchange. JSON: `{rmaNumber, orderId,
/// exchangeOrderId, createdAt}`.
public struct ExchangeCreated: KontorEventPayload {
    /// `com.kontor.return.exchange-created.v1`.
    public static let eventType = ReturnEventType.exchangeCreated

    public var rmaNumber: String
    /// The original order.
    public var orderId: OrderID
    /// The new order.
    public var exchangeOrderId: OrderID
    public var createdAt: Timestamp

    /// Creates the payload.
    public init(rmaNumber: String, orderId: OrderID, exchangeOrderId: OrderID, createdAt: Timestamp) {
        self.rmaNumber = rmaNumber
        self.orderId = orderId
        self.exchangeOrderId = exchangeOrderId
        self.createdAt = createdAt
    }
}

/// Payload of ``NotificationEventType/sent`` on ``KontorTopics/notificationSent`` (keyed by order id): a customer
/// was told something, so the order's timeline shows it. JSON: `{notificationId, orderId, template, channel,
/// recipient, language, sentAt, uncertain?}`.
public struct NotificationSent: KontorEventPayload {
    /// `com.kontor.notification.sent.v1`.
    public static let eventType = NotificationEventType.sent

    /// Stable for the event and template that caused it (the e-mail's Message-ID is derived from it).
    public var notificationId: String
    public var orderId: OrderID
    /// The template, e.g. `order-confirmation`, `shipped`, `delivered`.
    public var template: String
    /// `email` or `webhook`.
    public var channel: String
    /// The e-mail address or webhook URL (without credentials).
    public var recipient: String
    public var language: String
    /// When the server accepted it; for an uncertain one, when the attempt started.
    public var sentAt: Timestamp
    /// `true` when the process stopped while sending it and it was not sent again: it may not have arrived. Absent
    /// (nil) for a notification the server accepted.
    public var uncertain: Bool?

    /// Creates the payload.
    public init(
        notificationId: String,
        orderId: OrderID,
        template: String,
        channel: String,
        recipient: String,
        language: String,
        sentAt: Timestamp,
        uncertain: Bool? = nil
    ) {
        self.notificationId = notificationId
        self.orderId = orderId
        self.template = template
        self.channel = channel
        self.recipient = recipient
        self.language = language
        self.sentAt = sentAt
        self.uncertain = uncertain
    }
}
