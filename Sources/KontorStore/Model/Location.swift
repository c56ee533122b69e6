import KontorModel

/// A place that holds stock: a warehouse that ships, or a store that ships and/or hands orders over the counter.
public struct Location: Sendable, Hashable, Codable {
    /// What kind of place a location is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A distribution centre.
        case warehouse
        /// A retail store.
        case store
    }

    /// The location's id, e.g. `WH-DE-LEJ`; unique.
    public var id: String

    /// The name people use for it.
    public var name: String

    /// Warehouse or store.
    public var kind: Kind

    /// The postal address (`street`, `street2`, `city`, `postalCode`, `country` are the ones stored).
    public var address: Address

    /// Latitude in decimal degrees (WGS 84), for distance-based sourcing.
    public var latitude: Double?

    /// Longitude in decimal degrees (WGS 84).
    public var longitude: Double?

    /// How many orders the location can take per day; `nil` means unlimited.
    public var dailyCapacity: Int?

    /// Whether the location ships parcels.
    public var canShip: Bool

    /// Whether customers can collect orders there.
    public var canPickup: Bool

    /// Whether orders may be allocated to the location at all.
    public var active: Bool

    /// Creates a location.
    public init(
        id: String,
        name: String,
        kind: Kind,
        address: Address,
        latitude: Double? = nil,
        longitude: Double? = nil,
        dailyCapacity: Int? = nil,
        canShip: Bool = true,
        canPickup: Bool = false,
        active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.dailyCapacity = dailyCapacity
        self.canShip = canShip
        self.canPickup = canPickup
        self.active = active
    }
}
