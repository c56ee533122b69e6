/// A shipment that left the warehouse: what was shipped for which order, how and where to.
///
/// What fulfillment emits when goods ship and what outbound B2B writers turn into an advance ship notice (cXML
/// `ShipNoticeRequest`, X12 856, EDIFACT DESADV). JSON: `{shipmentNumber, noticeDate, order, shipDate,
/// expectedDeliveryDate, carrier, shipFrom, shipTo, packages, lines}`, with camelCase keys, decimals as strings and
/// `nil` optionals left out (encode with ``CanonicalJSON`` for stable bytes).
public struct ShipmentNotice: Sendable, Hashable, Codable {
    /// The seller's number of the shipment.
    public var shipmentNumber: String

    /// When this notice was made.
    public var noticeDate: KontorDate

    /// The order the goods belong to.
    public var order: OrderReference

    /// When the goods left.
    public var shipDate: KontorDate

    /// When the goods are expected to arrive.
    public var expectedDeliveryDate: KontorDate?

    /// Who carries the goods.
    public var carrier: ShipmentCarrier?

    /// Where the goods left from.
    public var shipFrom: Address?

    /// Where the goods go.
    public var shipTo: Address

    /// The packages (parcels, pallets) of the shipment.
    public var packages: [ShipmentPackage]

    /// What was shipped, per order line.
    public var lines: [ShipmentLine]

    /// Creates a ship notice.
    public init(
        shipmentNumber: String,
        noticeDate: KontorDate,
        order: OrderReference,
        shipDate: KontorDate,
        expectedDeliveryDate: KontorDate? = nil,
        carrier: ShipmentCarrier? = nil,
        shipFrom: Address? = nil,
        shipTo: Address,
        packages: [ShipmentPackage] = [],
        lines: [ShipmentLine]
    ) {
        self.shipmentNumber = shipmentNumber
        self.noticeDate = noticeDate
        self.order = order
        self.shipDate = shipDate
        self.expectedDeliveryDate = expectedDeliveryDate
        self.carrier = carrier
        self.shipFrom = shipFrom
        self.shipTo = shipTo
        self.packages = packages
        self.lines = lines
    }
}
