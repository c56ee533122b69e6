/// An ISO 3166-1 alpha-2 country code such as `DE`.
///
/// Creating one only checks the shape (`^[A-Z]{2}$`): that is the structural rule enforced while decoding. Whether the
/// code is assigned in ISO 3166-1 is a business rule: see ``isISO3166`` and ``BasicOrderValidator``.
public struct CountryCode: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The two uppercase letters.
    public let rawValue: String

    /// Accepts exactly two uppercase ASCII letters.
    public init?(rawValue: String) {
        guard Self.hasValidShape(rawValue) else { return nil }
        self.rawValue = rawValue
    }

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

    /// The code itself.
    public var description: String { rawValue }

    /// `true` when the code is one of the 249 officially assigned ISO 3166-1 alpha-2 codes.
    public var isISO3166: Bool { Self.iso3166Alpha2.contains(rawValue) }

    /// Every officially assigned ISO 3166-1 alpha-2 code, sorted.
    public static var iso3166Codes: [CountryCode] {
        iso3166Alpha2.sorted().map(CountryCode.init(unchecked:))
    }

    /// Orders alphabetically.
    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Decodes a string of two uppercase letters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard Self.hasValidShape(code) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid country code \"\(code)\": expected two uppercase letters "
                    + "(ISO 3166-1 alpha-2), like \"DE\""
            )
        }
        rawValue = code
    }

    /// Encodes the code as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static func hasValidShape(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
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
