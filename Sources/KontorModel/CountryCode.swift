/// An ISO 3166-1 alpha-2 country code such as `DE`.
///
/// Creating one only checks the shape (`^[A-Z]{2}$`): that is the structural rule enforced while decoding. Whether the
/// code is assigned in ISO 3166-1 is a business rule: see ``isISO3166`` and ``BasicOrderValidator``.
public struct CountryCode: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ValidatedStringValue, OrderedStringValue
{
    /// The two uppercase letters.
    public let rawValue: String

    /// Accepts exactly two uppercase ASCII letters.
    public init?(_ code: String) {
        self.init(rawValue: code)
    }

    /// Trims whitespace and uppercases first, for connectors reading lenient sources (`"de "` becomes `DE`).
    public init?(normalizing code: String) {
        self.init(rawValue: code.trimmingASCIIWhitespace().uppercased())
    }

    init(unchecked code: String) {
        rawValue = code
    }

    /// `true` when the code is one of the 249 officially assigned ISO 3166-1 alpha-2 codes.
    public var isISO3166: Bool { Self.iso3166Alpha2.contains(rawValue) }

    /// Every officially assigned ISO 3166-1 alpha-2 code, sorted.
    public static var iso3166Codes: [CountryCode] {
        iso3166Alpha2.sorted().map(CountryCode.init(unchecked:))
    }

    static let fieldDescription = "country code"
    static let expectedFormat: String? = #"two uppercase letters (ISO 3166-1 alpha-2), like "DE""#

    /// `true` when `code` is two uppercase ASCII letters.
    static func isValid(_ code: String) -> Bool {
        code.isUppercaseASCIICode(length: 2...2)
    }

    /// Germany.
    public static let de = CountryCode(unchecked: "DE")
    /// Austria.
    public static let at = CountryCode(unchecked: "AT")
    /// Switzerland.
    public static let ch = CountryCode(unchecked: "CH")
    /// France.
    public static let fr = CountryCode(unchecked: "FR")
    /// Netherlands.
    public static let nl = CountryCode(unchecked: "NL")
    /// Belgium.
    public static let be = CountryCode(unchecked: "BE")
    /// Italy.
    public static let it = CountryCode(unchecked: "IT")
    /// Spain.
    public static let es = CountryCode(unchecked: "ES")
    /// Poland.
    public static let pl = CountryCode(unchecked: "PL")
    /// Sweden.
    public static let se = CountryCode(unchecked: "SE")
    /// Denmark.
    public static let dk = CountryCode(unchecked: "DK")
    /// United Kingdom.
    public static let gb = CountryCode(unchecked: "GB")
    /// United States.
    public static let us = CountryCode(unchecked: "US")
    /// Canada.
    public static let ca = CountryCode(unchecked: "CA")
}
