import Foundation
import KontorModel

/// Exact decimal handling for mapped values: number text is normalized without ever going through `Double`.
enum DecimalText {
    /// Normalizes a number written as JSON, YAML, CSV or XML text into a strict decimal string (`^-?[0-9]+(\.[0-9]+)?$`):
    /// surrounding whitespace and a leading `+` are dropped, an exponent is expanded exactly (`1e2` → `100`,
    /// `1.5E-3` → `0.0015`), leading zeros are removed, and the fraction digits are kept as written (`19.90` stays
    /// `19.90`). `groupingSeparator` characters are removed first and `decimalSeparator` becomes the point, for
    /// numbers like `1.234,56`. Returns `nil` for anything that is not a number.
    static func normalize(
        _ text: String,
        decimalSeparator: Character = ".",
        groupingSeparator: Character? = nil
    ) -> String? {
        // Most values are already normalized (`12.50`, `8`): keep them without the character-by-character pass.
        if decimalSeparator == ".", groupingSeparator == nil, isNormalized(text) { return text }
        var characters = Array(text.trimmingCharacters(in: .whitespaces))
        if let groupingSeparator { characters.removeAll { $0 == groupingSeparator } }
        guard !characters.isEmpty else { return nil }
        var index = 0
        var negative = false
        if characters[index] == "-" || characters[index] == "+" {
            negative = characters[index] == "-"
            index += 1
        }
        var integerDigits: [Character] = []
        while index < characters.count, characters[index].isASCIIDigit {
            integerDigits.append(characters[index])
            index += 1
        }
        var fractionDigits: [Character] = []
        if index < characters.count, characters[index] == decimalSeparator {
            index += 1
            while index < characters.count, characters[index].isASCIIDigit {
                fractionDigits.append(characters[index])
                index += 1
            }
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
        var exponent = 0
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            index += 1
            var exponentNegative = false
            if index < characters.count, characters[index] == "-" || characters[index] == "+" {
                exponentNegative = characters[index] == "-"
                index += 1
            }
            var exponentDigits = ""
            while index < characters.count, characters[index].isASCIIDigit {
                exponentDigits.append(characters[index])
                index += 1
            }
            guard let value = Int(exponentDigits), value <= 400 else { return nil }
            exponent = exponentNegative ? -value : value
        }
        guard index == characters.count else { return nil }
        // Shift the decimal point by the exponent.
        var digits = integerDigits + fractionDigits
        var pointPosition = integerDigits.count + exponent
        if pointPosition < 0 {
            digits = Array(repeating: "0", count: -pointPosition) + digits
            pointPosition = 0
        }
        if pointPosition > digits.count {
            digits += Array(repeating: "0", count: pointPosition - digits.count)
        }
        var integerPart = Array(digits[..<pointPosition])
        let fractionPart = Array(digits[pointPosition...])
        while integerPart.count > 1, integerPart.first == "0" { integerPart.removeFirst() }
        if integerPart.isEmpty { integerPart = ["0"] }
        var result = String(integerPart)
        if !fractionPart.isEmpty { result += "." + String(fractionPart) }
        let isZero = (integerPart + fractionPart).allSatisfy { $0 == "0" }
        if negative && !isZero { result = "-" + result }
        return result
    }

    /// `true` for `0`, `0.5`, `12.50`: digits without a sign or a leading zero, with an optional fraction.
    private static func isNormalized(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        var seenPoint = false
        var previous = first
        var count = 0
        for byte in utf8 {
            count += 1
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                // A second digit after a leading zero (`08`) needs normalizing.
                if count == 2, first == UInt8(ascii: "0") { return false }
            } else if byte == UInt8(ascii: "."), !seenPoint, count > 1 {
                seenPoint = true
            } else {
                return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: ".")
    }

    /// `true` when `text` is what ``DecimalAmount`` accepts: `^-?[0-9]+(\.[0-9]+)?$` with at most 38 significant
    /// digits. A byte scan, much cheaper than parsing (which the canonical decoder does once anyway).
    static func isStrictDecimal(_ text: String) -> Bool {
        var utf8 = text.utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        var digits = 0
        var significant = 0
        var seenPoint = false
        var digitsAfterPoint = 0
        for byte in utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                if seenPoint { digitsAfterPoint += 1 }
                if significant > 0 || byte != UInt8(ascii: "0") { significant += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint, digits > 0 {
                seenPoint = true
            } else {
                return false
            }
        }
        return digits > 0 && (!seenPoint || digitsAfterPoint > 0)
            && significant <= DecimalAmount.maximumSignificantDigits
    }

    /// Parses normalized text into an amount.
    static func amount(_ text: String) -> DecimalAmount? {
        normalize(text).flatMap { DecimalAmount($0) }
    }

    /// `true` when both texts are numbers of the same value (`1.0` and `1`).
    static func numericallyEqual(_ lhs: String, _ rhs: String) -> Bool {
        guard let left = amount(lhs), let right = amount(rhs) else { return false }
        return left == right
    }

    /// `lhs / rhs`, rounded to `scale` digits when given, else exact to 38 significant digits; `nil` for a zero
    /// divisor.
    static func divide(
        _ lhs: DecimalAmount,
        _ rhs: DecimalAmount,
        scale: Int?,
        rule: DecimalAmount.RoundingRule
    ) -> DecimalAmount? {
        guard !rhs.isZero else { return nil }
        // Dividing by 1 (a price basis of one unit) is exact and keeps the scale as written: `0.20` stays `0.20`.
        if rhs == 1 { return scale.map { lhs.rounded(toScale: $0, rule: rule) } ?? lhs }
        var dividend = lhs.value
        var divisor = rhs.value
        var quotient = Decimal()
        guard NSDecimalDivide(&quotient, &dividend, &divisor, .bankers) == .noError else { return nil }
        let exact = DecimalAmount(quotient)
        guard let scale else { return exact }
        // Round from the exact quotient when it is exact; otherwise from the 38-digit one (enough for money).
        return exact.rounded(toScale: scale, rule: rule)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
