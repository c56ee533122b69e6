import KontorModel

/// The carriers Kontor ships with, their services and prices: `connectors/carriers/rates.yaml`, read by
/// ``CarrierRateTableLoader``. Prices are exact decimal strings (``DecimalAmount``), never floating point.
public struct CarrierRateTable: Sendable, Hashable, Codable {
    /// The time zone of cut-off times when a zone names none (IANA name, e.g. `Europe/Berlin`). Default `UTC`.
    public var timeZone: String

    /// The carriers.
    public var carriers: [Carrier]

    /// A rate table.
    public init(timeZone: String = "UTC", carriers: [Carrier]) {
        self.timeZone = timeZone
        self.carriers = carriers
    }

    /// Decodes a rate table; `timeZone` defaults to `UTC`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
        carriers = try container.decode([Carrier].self, forKey: .carriers)
    }

    /// The carrier with this id.
    public func carrier(_ id: String) -> Carrier? { carriers.first { $0.id == id } }
}

/// One carrier (e.g. `dhl`) with its services and, optionally, its booking API.
public struct Carrier: Sendable, Hashable, Codable {
    /// Lowercase id as events carry it (`OrderShipped.carrier`), e.g. `dhl`.
    public var id: String

    /// The carrier's name for people, e.g. `DHL Paket`.
    public var name: String

    /// Where Kontor books labels and pickups, for services whose labels Kontor books.
    public var api: CarrierEndpoint?

    /// The carrier's services (products).
    public var services: [CarrierService]

    /// A carrier.
    public init(id: String, name: String, api: CarrierEndpoint? = nil, services: [CarrierService]) {
        self.id = id
        self.name = name
        self.api = api
        self.services = services
    }
}

/// Who books a service's label.
public enum LabelBooking: String, Sendable, Hashable, Codable {
    /// Kontor books the label over the carrier's API and prints it (``ShippingLabel``): "self-printed".
    case kontor
    /// The warehouse management system books and prints the label itself.
    case wms
}

/// One service (product) of a carrier, e.g. `dhl-paket` or `ups-express-saver`.
public struct CarrierService: Sendable, Hashable, Codable {
    /// Unique in the table, e.g. `dhl-paket`.
    public var id: String

    /// For people.
    public var name: String

    /// Who books the label.
    public var labels: LabelBooking

    /// Business days (Monday to Friday) from handover to delivery, unless a zone says otherwise.
    public var transitDays: Int

    /// Parcels handed over after this local time (`HH:MM`, the zone's time zone) leave the next business day.
    public var pickupCutoff: String

    /// Heaviest parcel the service carries, in grams.
    public var maxWeightGrams: Int

    /// Longest side the service carries, in millimetres; no limit when absent.
    public var maxLengthMm: Int?

    /// Largest length plus girth (`length + 2 × (width + height)`, longest side as length), in millimetres; no
    /// limit when absent.
    public var maxGirthMm: Int?

    /// Where the service goes and what it costs there.
    public var zones: [RateZone]

    /// A service.
    public init(
        id: String,
        name: String,
        labels: LabelBooking,
        transitDays: Int,
        pickupCutoff: String,
        maxWeightGrams: Int,
        maxLengthMm: Int? = nil,
        maxGirthMm: Int? = nil,
        zones: [RateZone]
    ) {
        self.id = id
        self.name = name
        self.labels = labels
        self.transitDays = transitDays
        self.pickupCutoff = pickupCutoff
        self.maxWeightGrams = maxWeightGrams
        self.maxLengthMm = maxLengthMm
        self.maxGirthMm = maxGirthMm
        self.zones = zones
    }
}

/// A zone of a service: from origin countries to destinations, with weight bands and their prices.
public struct RateZone: Sendable, Hashable, Codable {
    /// Names the zone in decisions, e.g. `de-domestic`.
    public var id: String

    /// Countries of the shipping location.
    public var origins: [CountryCode]

    /// Destination countries, optionally narrowed to postal-code prefixes.
    public var destinations: [ZoneDestination]

    /// The currency of every band's price.
    public var currency: CurrencyCode

    /// Overrides the service's transit days in this zone.
    public var transitDays: Int?

    /// Overrides the table's time zone for the cut-off, e.g. `America/New_York` for a US origin.
    public var timeZone: String?

    /// Price per parcel by weight, ascending by ``WeightBand/upToGrams``.
    public var bands: [WeightBand]

    /// A zone.
    public init(
        id: String,
        origins: [CountryCode],
        destinations: [ZoneDestination],
        currency: CurrencyCode,
        transitDays: Int? = nil,
        timeZone: String? = nil,
        bands: [WeightBand]
    ) {
        self.id = id
        self.origins = origins
        self.destinations = destinations
        self.currency = currency
        self.transitDays = transitDays
        self.timeZone = timeZone
        self.bands = bands
    }
}

/// A destination country, optionally only the postal codes starting with one of ``postalCodePrefixes``.
public struct ZoneDestination: Sendable, Hashable, Codable {
    /// The ship-to country.
    public var country: CountryCode

    /// Postal-code prefixes (compared without spaces, case-insensitively); the whole country when absent.
    public var postalCodePrefixes: [String]?

    /// A destination.
    public init(country: CountryCode, postalCodePrefixes: [String]? = nil) {
        self.country = country
        self.postalCodePrefixes = postalCodePrefixes
    }
}

/// A weight band: parcels up to ``upToGrams`` cost ``price``.
public struct WeightBand: Sendable, Hashable, Codable {
    /// Heaviest parcel in the band, in grams (inclusive).
    public var upToGrams: Int

    /// Price of one parcel, in the zone's currency.
    public var price: DecimalAmount

    /// A band.
    public init(upToGrams: Int, price: DecimalAmount) {
        self.upToGrams = upToGrams
        self.price = price
    }
}

/// A carrier's booking API: base URL, adapter for its request shape, and where the access token comes from.
public struct CarrierEndpoint: Sendable, Hashable, Codable {
    /// The request/response shape: `generic-json` (see the module README), more by adding a ``CarrierAPIAdapter``.
    public var adapter: String

    /// Base URL, e.g. `https://api.carrier.example/v1`; `/labels` and `/pickups` are appended.
    public var baseUrl: String

    /// Name of the environment variable holding the bearer token, if the API needs one.
    public var tokenEnv: String?

    /// An endpoint.
    public init(adapter: String = "generic-json", baseUrl: String, tokenEnv: String? = nil) {
        self.adapter = adapter
        self.baseUrl = baseUrl
        self.tokenEnv = tokenEnv
    }
}
