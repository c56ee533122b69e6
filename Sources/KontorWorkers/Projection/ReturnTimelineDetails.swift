import KontorModel

/// What an order's timeline shows about a return event (``TimelineDetails/returns``): the RMA, its lines and label,
/// the received lines with their conditions and location, the refund, or the exchange's new order.
public struct ReturnTimelineDetails: Sendable, Hashable, Codable {
    public var rmaNumber: String
    public var resolution: ReturnResolution?
    /// The authorized lines.
    public var lines: [ReturnLine]?
    public var returnCarrier: String?
    public var returnTrackingNumber: String?
    public var authorizedBy: String?
    /// The received lines, each with its condition and whether it was restocked.
    public var receivedLines: [ReceivedReturnLine]?
    /// Where the goods were received.
    public var locationId: String?
    /// The amount refunded.
    public var refund: Money?
    /// The replacement order of an exchange.
    public var exchangeOrderId: OrderID?

    /// Creates details for `rmaNumber`; every other field is optional.
    public init(
        rmaNumber: String,
        resolution: ReturnResolution? = nil,
        lines: [ReturnLine]? = nil,
        returnCarrier: String? = nil,
        returnTrackingNumber: String? = nil,
        authorizedBy: String? = nil,
        receivedLines: [ReceivedReturnLine]? = nil,
        locationId: String? = nil,
        refund: Money? = nil,
        exchangeOrderId: OrderID? = nil
    ) {
        self.rmaNumber = rmaNumber
        self.resolution = resolution
        self.lines = lines
        self.returnCarrier = returnCarrier
        self.returnTrackingNumber = returnTrackingNumber
        self.authorizedBy = authorizedBy
        self.receivedLines = receivedLines
        self.locationId = locationId
        self.refund = refund
        self.exchangeOrderId = exchangeOrderId
    }
}
