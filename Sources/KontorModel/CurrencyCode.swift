/// An ISO 4217 alphabetic currency code such as `EUR`.
///
/// Creating one only checks the shape (`^[A-Z]{3}$`): that is the structural rule enforced while decoding. Whether the
/// code is an active ISO 4217 currency is a business rule: see ``isISO4217`` and ``BasicOrderValidator``.
public struct CurrencyCode: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ValidatedStringValue, OrderedStringValue
{
    /// The three uppercase letters.
    public let rawValue: String

    /// Accepts exactly three uppercase ASCII letters.
    public init?(_ code: String) {
        self.init(rawValue: code)
    }

    /// Trims whitespace and uppercases first, for connectors reading lenient sources (`" eur"` becomes `EUR`).
    public init?(normalizing code: String) {
        self.init(rawValue: code.trimmingASCIIWhitespace().uppercased())
    }

    init(unchecked code: String) {
        rawValue = code
    }

    /// `true` when the code is in Kontor's embedded list of active ISO 4217 codes.
    public var isISO4217: Bool { Self.iso4217MinorUnits[rawValue] != nil }

    /// The number of minor-unit digits (2 for EUR, 0 for JPY, 3 for KWD); `nil` when not applicable or unknown.
    public var minorUnits: Int? {
        guard let digits = Self.iso4217MinorUnits[rawValue], digits >= 0 else { return nil }
        return digits
    }

    /// Every active ISO 4217 alphabetic code that Kontor knows, sorted.
    public static var iso4217Codes: [CurrencyCode] {
        iso4217MinorUnits.keys.sorted().map(CurrencyCode.init(unchecked:))
    }

    static let fieldDescription = "currency code"
    static let expectedFormat: String? = #"three uppercase letters (ISO 4217), like "EUR""#

    /// `true` when `code` is three uppercase ASCII letters.
    static func isValid(_ code: String) -> Bool {
        code.isUppercaseASCIICode(length: 3...3)
    }

    /// Euro.
    public static let eur = CurrencyCode(unchecked: "EUR")
    /// US dollar.
    public static let usd = CurrencyCode(unchecked: "USD")
    /// Pound sterling.
    public static let gbp = CurrencyCode(unchecked: "GBP")
    /// Swiss franc.
    public static let chf = CurrencyCode(unchecked: "CHF")
    /// Japanese yen.
    public static let jpy = CurrencyCode(unchecked: "JPY")
    /// Swedish krona.
    public static let sek = CurrencyCode(unchecked: "SEK")
    /// Danish krone.
    public static let dkk = CurrencyCode(unchecked: "DKK")
    /// Norwegian krone.
    public static let nok = CurrencyCode(unchecked: "NOK")
    /// Polish zloty.
    public static let pln = CurrencyCode(unchecked: "PLN")
    /// Czech koruna.
    public static let czk = CurrencyCode(unchecked: "CZK")
    /// Canadian dollar.
    public static let cad = CurrencyCode(unchecked: "CAD")
    /// Australian dollar.
    public static let aud = CurrencyCode(unchecked: "AUD")
}

extension String {
    /// Drops leading and trailing ASCII spaces, tabs, carriage returns and newlines.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// `true` when the string has a length in `length` and only uppercase ASCII letters or, with `allowingDigits`,
    /// also ASCII digits: the shape of ISO and UN/ECE codes such as `DE`, `EUR` and `C62`.
    func isUppercaseASCIICode(length: ClosedRange<Int>, allowingDigits: Bool = false) -> Bool {
        length.contains(utf8.count)
            && utf8.allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || allowingDigits && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
    }

    /// `true` when the string is empty or holds only whitespace (Unicode-aware).
    var isBlank: Bool {
        allSatisfy(\.isWhitespace)
    }
}
