/// How the order reaches the buyer. JSON: `{method, serviceLevel, carrier, requestedDate, promisedDate,
/// pickupLocationId}`; `method` is required.
public struct Delivery: Sendable, Hashable, Codable {
    /// Shipping or pickup.
    public var method: DeliveryMethod

    /// How fast, e.g. `standard` or `express`.
    public var serviceLevel: ServiceLevel?

    /// The carrier asked for, e.g. `dhl` or `ups`.
    public var carrier: String?

    /// When the buyer wants the goods.
    public var requestedDate: KontorDate?

    /// When the goods were promised to the buyer.
    public var promisedDate: KontorDate?

    /// The store or locker to pick up from, for ``DeliveryMethod/pickup``.
    public var pickupLocationId: String?

    /// Creates delivery information.
    public init(
        method: DeliveryMethod,
        serviceLevel: ServiceLevel? = nil,
        carrier: String? = nil,
        requestedDate: KontorDate? = nil,
        promisedDate: KontorDate? = nil,
        pickupLocationId: String? = nil
    ) {
        self.method = method
        self.serviceLevel = serviceLevel
        self.carrier = carrier
        self.requestedDate = requestedDate
        self.promisedDate = promisedDate
        self.pickupLocationId = pickupLocationId
    }
}

/// `ship` or `pickup`.
public struct DeliveryMethod: RawRepresentable, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible,
    ClosedStringValue
{
    /// The wire value.
    public let rawValue: String

    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    static let fieldDescription = "delivery method"

    /// `ship`: send to ``CanonicalOrder/shipTo``.
    public static let ship = DeliveryMethod(unchecked: "ship")
    /// `pickup`: the buyer collects at ``Delivery/pickupLocationId``.
    public static let pickup = DeliveryMethod(unchecked: "pickup")

    /// All known values.
    public static let allCases: [DeliveryMethod] = [.ship, .pickup]
}

/// A delivery service level such as `standard`, `express` or `next-day`. An open set: any string is accepted.
public struct ServiceLevel: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, OpenStringValue
{
    /// Wraps a literal, e.g. `"amazon"`.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The service level name.
    public let rawValue: String

    /// Creates a service level.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `standard`.
    public static let standard = ServiceLevel(rawValue: "standard")
    /// `express`.
    public static let express = ServiceLevel(rawValue: "express")
    /// `next-day`.
    public static let nextDay = ServiceLevel(rawValue: "next-day")
    /// `same-day`.
    public static let sameDay = ServiceLevel(rawValue: "same-day")
    /// `economy`.
    public static let economy = ServiceLevel(rawValue: "economy")
}
