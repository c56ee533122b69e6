/// A GS1 Global Trade Item Number: 8, 12, 13 or 14 digits whose last digit is the mod-10 check digit.
public struct GTIN: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible, ValidatedStringValue {
    /// The digits.
    public let rawValue: String

    /// The lengths GS1 defines: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14.
    public static let validLengths: Set<Int> = [8, 12, 13, 14]

    /// Accepts only a valid GTIN (length, digits, check digit).
    public init?(_ string: String) {
        self.init(rawValue: string)
    }

    init(unchecked digits: String) {
        rawValue = digits
    }

    static let fieldDescription = "GTIN"
    static let expectedFormat: String? = nil

    /// `true` when `string` has a valid GTIN length, only digits and a correct check digit.
    public static func isValid(_ string: String) -> Bool {
        let digits = string.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        guard validLengths.contains(digits.count), digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        return checkDigit(for: digits.dropLast()) == digits.last
    }

    /// The GS1 check digit for the digits before it: weights 3 and 1 alternate from the right.
    static func checkDigit(for body: some BidirectionalCollection<Int>) -> Int {
        var sum = 0
        for (position, digit) in body.reversed().enumerated() {
            sum += digit * (position.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }
}
