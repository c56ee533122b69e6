/// The seller's answer to an order: accepted, rejected or accepted with changes, line by line.
///
/// What fulfillment emits for a received order and what outbound B2B writers turn into an order confirmation
/// (cXML `ConfirmationRequest`, UBL `OrderResponse`, X12 855, EDIFACT ORDRSP). JSON: `{responseNumber, responseDate,
/// order, status, currency, seller, buyer, reason, lines}`, with camelCase keys, decimals as strings and `nil`
/// optionals left out (encode with ``CanonicalJSON`` for stable bytes).
public struct OrderResponse: Sendable, Hashable, Codable {
    /// The seller's number of this response.
    public var responseNumber: String

    /// When the response was made: `YYYY-MM-DD` or an RFC 3339 date-time.
    public var responseDate: KontorDate

    /// The order this answers.
    public var order: OrderReference

    /// The answer for the order as a whole.
    public var status: OrderResponseStatus

    /// The currency of ``OrderResponseLine/changedUnitPrice``; needed when a line changes its price.
    public var currency: CurrencyCode?

    /// Who answers (the seller).
    public var seller: Party?

    /// Who ordered (the buyer).
    public var buyer: Party?

    /// Why the order is rejected or changed, as text for people.
    public var reason: String?

    /// The answer per order line.
    public var lines: [OrderResponseLine]

    /// Creates an order response.
    public init(
        responseNumber: String,
        responseDate: KontorDate,
        order: OrderReference,
        status: OrderResponseStatus,
        currency: CurrencyCode? = nil,
        seller: Party? = nil,
        buyer: Party? = nil,
        reason: String? = nil,
        lines: [OrderResponseLine]
    ) {
        self.responseNumber = responseNumber
        self.responseDate = responseDate
        self.order = order
        self.status = status
        self.currency = currency
        self.seller = seller
        self.buyer = buyer
        self.reason = reason
        self.lines = lines
    }
}
