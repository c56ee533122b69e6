import KontorModel

/// What ``CarrierSelector`` chooses a service for: where from and to, by when, and the parcels.
public struct ShipmentRequest: Sendable, Hashable {
    /// The shipping location's country.
    public var origin: CountryCode

    /// Ship-to country.
    public var destinationCountry: CountryCode

    /// Ship-to postal code, for zones narrowed to postal-code prefixes.
    public var destinationPostalCode: String?

    /// The date the customer was promised; without one every service is on time.
    public var promisedDate: KontorDate?

    /// When the parcels are ready to be handed over (usually now).
    public var readyAt: Timestamp

    /// The parcels; each is checked against the service's limits and priced on its own.
    public var parcels: [ParcelMeasure]

    /// A request.
    public init(
        origin: CountryCode,
        destinationCountry: CountryCode,
        destinationPostalCode: String? = nil,
        promisedDate: KontorDate? = nil,
        readyAt: Timestamp,
        parcels: [ParcelMeasure]
    ) {
        self.origin = origin
        self.destinationCountry = destinationCountry
        self.destinationPostalCode = destinationPostalCode
        self.promisedDate = promisedDate
        self.readyAt = readyAt
        self.parcels = parcels
    }
}

/// Weight and, when known, outer dimensions of one parcel.
public struct ParcelMeasure: Sendable, Hashable, Codable {
    /// Gross weight in grams.
    public var weightGrams: Int

    /// Outer dimensions in millimetres, when the parcel is packed and measured.
    public var lengthMm: Int?
    public var widthMm: Int?
    public var heightMm: Int?

    /// True when the weight was estimated from the catalog rather than weighed.
    public var estimated: Bool

    /// A parcel's measure.
    public init(weightGrams: Int, lengthMm: Int? = nil, widthMm: Int? = nil, heightMm: Int? = nil, estimated: Bool) {
        self.weightGrams = weightGrams
        self.lengthMm = lengthMm
        self.widthMm = widthMm
        self.heightMm = heightMm
        self.estimated = estimated
    }

    /// The sides longest first, when all three are known.
    var sortedSides: [Int]? {
        guard let lengthMm, let widthMm, let heightMm else { return nil }
        return [lengthMm, widthMm, heightMm].sorted(by: >)
    }

    /// Length plus girth, `longest + 2 × (the other two)`, when all three sides are known.
    var lengthPlusGirthMm: Int? {
        sortedSides.map { $0[0] + 2 * ($0[1] + $0[2]) }
    }
}
