/// Postal code plausibility per country: the shape a country's post uses, not whether the code exists.
///
/// Known countries: DE, AT, CH, NL, FR, GB, US, plus BE, DK, ES, IT, LU, PL, SE, CZ, IE (Eircode), CA. Codes are
/// compared after trimming and upper-casing; a single inner space is optional where the post prints one (NL, GB, CA,
/// SE, CZ, PL use their own separators). Other countries are not checked (``isPlausible(_:in:)`` answers nil).
public enum PostalCodeFormat {
    /// True or false for known countries, nil when Kontor knows no format for `country`.
    public static func isPlausible(_ postalCode: String, in country: CountryCode) -> Bool? {
        guard let pattern = patterns[country.rawValue] else { return nil }
        let code = postalCode.trimmingASCIIWhitespace().uppercased()
        return matches(Array(code.utf8), pattern)
    }

    /// The format of `country`, for error messages, e.g. `5 digits` or `1234 AB`.
    public static func example(for country: CountryCode) -> String? {
        examples[country.rawValue]
    }

    // Patterns in a tiny language: 9 a digit, A a letter, X a letter or digit, ' ' an optional space,
    // '-' a literal hyphen, '?' makes the element before it optional, '|' separates alternatives.
    private static let patterns: [String: String] = [
        "DE": "99999", "AT": "9999", "CH": "9999", "BE": "9999", "DK": "9999", "LU": "9999",
        "NL": "9999 AA", "FR": "99999", "ES": "99999", "IT": "99999", "PL": "99-999", "SE": "999 99",
        "CZ": "999 99",
        "US": "99999|99999-9999",
        // UK postcodes: outward code A9, A99, AA9, AA99, A9A or AA9A, then inward code 9AA.
        "GB": "A9 9AA|A99 9AA|AA9 9AA|AA99 9AA|A9A 9AA|AA9A 9AA",
        "IE": "A99 XXXX", "CA": "A9A 9A9",
    ]

    private static let examples: [String: String] = [
        "DE": "5 digits", "AT": "4 digits", "CH": "4 digits", "BE": "4 digits", "DK": "4 digits", "LU": "4 digits",
        "NL": "4 digits and 2 letters (1234 AB)", "FR": "5 digits", "ES": "5 digits", "IT": "5 digits",
        "PL": "12-345", "SE": "123 45", "CZ": "123 45", "US": "ZIP 12345 or ZIP+4 12345-6789",
        "GB": "a UK postcode (SW1A 1AA)", "IE": "an Eircode (D02 X285)", "CA": "A1A 1A1",
    ]

    private static func matches(_ code: [UInt8], _ patterns: String) -> Bool {
        patterns.split(separator: "|").contains { matchesOne(code[...], Array($0.utf8)[...]) }
    }

    private static func matchesOne(_ code: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        guard let symbol = pattern.first else { return code.isEmpty }
        let rest = pattern.dropFirst()
        if symbol == UInt8(ascii: " ") {
            // An optional single space (or hyphen-less join) where the post prints one.
            if code.first == UInt8(ascii: " ") && matchesOne(code.dropFirst(), rest) { return true }
            return matchesOne(code, rest)
        }
        guard let byte = code.first else { return false }
        let fits: Bool
        switch symbol {
        case UInt8(ascii: "9"): fits = byte >= 0x30 && byte <= 0x39
        case UInt8(ascii: "A"): fits = byte >= 0x41 && byte <= 0x5A
        case UInt8(ascii: "X"): fits = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
        default: fits = byte == symbol
        }
        return fits && matchesOne(code.dropFirst(), rest)
    }
}
