import KontorModel

/// One order to route: what is wanted, where it goes, and whether the customer picks it up in a store.
public struct AllocationRequest: Sendable, Hashable, Codable {
    /// The order being allocated.
    public var orderID: OrderID

    /// The lines to allocate; line numbers must be unique and quantities positive.
    public var lines: [LineDemand]

    /// The ship-to (for pickup orders: the customer's address, used only if the remainder is shipped).
    public var destination: Destination

    /// The store where the customer picks the order up (BOPIS); `nil` for orders that are shipped.
    public var pickupLocationID: String?

    /// The date the customer asked for; backorder lines say whether their expected date meets it.
    public var requestedDate: KontorDate?

    /// An allocation request.
    public init(
        orderID: OrderID,
        lines: [LineDemand],
        destination: Destination,
        pickupLocationID: String? = nil,
        requestedDate: KontorDate? = nil
    ) {
        self.orderID = orderID
        self.lines = lines
        self.destination = destination
        self.pickupLocationID = pickupLocationID
        self.requestedDate = requestedDate
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "orderId"
        case lines
        case destination
        case pickupLocationID = "pickupLocationId"
        case requestedDate
    }
}

/// So many units of one SKU for one order line: a line's demand, or what a shipment takes of it (``AllocatedLine``).
public struct LineDemand: Sendable, Hashable, Codable {
    /// The order line's number, as on ``OrderLine/lineNumber``.
    public var lineNumber: String

    /// The seller's SKU, the key of availability and inbound supply.
    public var sku: String

    /// Units wanted (or allocated); must be positive.
    public var quantity: Int

    /// A line's demand.
    public init(lineNumber: String, sku: String, quantity: Int) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
    }
}

/// Where an order goes: a country, and a postal code or a coordinate when known (both give better distances).
public struct Destination: Sendable, Hashable, Codable {
    /// The ship-to country.
    public var country: CountryCode

    /// The ship-to postal code, as written.
    public var postalCode: String?

    /// The ship-to location, when geocoded.
    public var coordinate: GeoCoordinate?

    /// A destination.
    public init(country: CountryCode, postalCode: String? = nil, coordinate: GeoCoordinate? = nil) {
        self.country = country
        self.postalCode = postalCode
        self.coordinate = coordinate
    }
}
