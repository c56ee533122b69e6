/// What ``InventoryStore/reserve(orderID:lines:capacityDate:)`` did: everything, or nothing and why.
public enum ReservationOutcome: Sendable, Hashable {
    /// Every line is reserved (or was already, with the same lines, by an earlier call for the same order).
    case reserved([Reservation])

    /// Nothing was reserved; these lines could not be served.
    case refused([ReservationShortfall])

    /// The reservations made, empty when refused.
    public var reservations: [Reservation] {
        if case .reserved(let reservations) = self { return reservations }
        return []
    }

    /// `true` when everything was reserved.
    public var isReserved: Bool {
        if case .reserved = self { return true }
        return false
    }
}

/// Why one requested line (or a location's day) could not be served.
public struct ReservationShortfall: Sendable, Hashable, Codable {
    /// The reason.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Fewer units available to promise than requested (also when the location has no stock of the SKU).
        case insufficientStock
        /// The location has taken as many orders on that day as its daily capacity allows.
        case capacityExhausted
        /// The location is unknown or inactive.
        case locationUnavailable
    }

    /// The reason.
    public var reason: Reason

    /// The order line, `nil` for a capacity shortfall (which concerns the whole order at a location).
    public var lineNumber: Int?

    /// The SKU, `nil` for a capacity shortfall.
    public var sku: String?

    /// The location.
    public var locationID: String

    /// Units (or, for capacity, orders) requested.
    public var requested: Int

    /// Units available to promise (or, for capacity, orders the day still takes) when the request was refused.
    public var available: Int

    /// Creates a shortfall.
    public init(reason: Reason, lineNumber: Int?, sku: String?, locationID: String, requested: Int, available: Int) {
        self.reason = reason
        self.lineNumber = lineNumber
        self.sku = sku
        self.locationID = locationID
        self.requested = requested
        self.available = available
    }
}
