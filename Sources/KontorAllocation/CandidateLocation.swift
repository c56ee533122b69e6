import KontorModel

/// A place that may fulfil an order: a warehouse or a store, with what it can do today.
public struct CandidateLocation: Sendable, Hashable, Codable {
    /// The location's id, the key of availability and inbound supply; also the final tie-break (ascending).
    public var id: String

    /// A display name.
    public var name: String

    /// Warehouse or store.
    public var kind: LocationKind

    /// The country the location ships from.
    public var country: CountryCode

    /// The location's postal code, for distance estimates when there is no coordinate.
    public var postalCode: String

    /// The location's coordinate, when known (gives exact great-circle distances).
    public var coordinate: GeoCoordinate?

    /// Whether the location sends parcels.
    public var canShip: Bool

    /// Whether customers can pick orders up here (BOPIS).
    public var canPickup: Bool

    /// Orders the location can still take today; 0 means it is full.
    public var remainingDailyCapacity: Int

    /// A candidate location.
    public init(
        id: String,
        name: String,
        kind: LocationKind,
        country: CountryCode,
        postalCode: String,
        coordinate: GeoCoordinate? = nil,
        canShip: Bool,
        canPickup: Bool,
        remainingDailyCapacity: Int
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.postalCode = postalCode
        self.coordinate = coordinate
        self.canShip = canShip
        self.canPickup = canPickup
        self.remainingDailyCapacity = remainingDailyCapacity
    }
}

/// What kind of place a ``CandidateLocation`` is.
public enum LocationKind: String, Sendable, Hashable, Codable {
    /// A warehouse or distribution centre.
    case warehouse
    /// A retail store.
    case store
}

/// Stock that will arrive at a location: a purchase order or transfer with its expected date.
public struct InboundSupply: Sendable, Hashable, Codable {
    /// Where it arrives.
    public var locationID: String

    /// Units expected.
    public var quantity: Int

    /// When it is expected to be available.
    public var eta: KontorDate

    /// Inbound supply.
    public init(locationID: String, quantity: Int, eta: KontorDate) {
        self.locationID = locationID
        self.quantity = quantity
        self.eta = eta
    }

    enum CodingKeys: String, CodingKey {
        case locationID = "locationId"
        case quantity
        case eta
    }
}
