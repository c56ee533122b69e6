import Foundation

/// An exact decimal number as Kontor carries it on the wire: always a JSON string such as `"19.99"`, never a JSON
/// number, and never a `Double` inside.
///
/// The parser is strict and accepts exactly `^-?[0-9]+(\.[0-9]+)?$` with at most ``maximumSignificantDigits``
/// significant digits: no exponent, no leading `+`, no thousands separators, no surrounding whitespace.
/// (Foundation's `Decimal(string:)` alone is too lenient: it reads `"12abc"` as 12.)
///
/// The scale is kept as written, so `"19.90"` encodes back as `"19.90"`. Equality, ordering and hashing compare the
/// numeric value only: `DecimalAmount("19.90") == DecimalAmount("19.9")`.
public struct DecimalAmount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The largest number of significant digits a ``DecimalAmount`` can hold exactly.
    public static let maximumSignificantDigits = 38

    /// Zero, written `"0"`.
    public static let zero = DecimalAmount(0)

    /// The exact numeric value.
    public let value: Decimal

    /// The number of digits after the decimal point in ``description`` (at least; results of arithmetic never lose
    /// digits).
    public let scale: Int

    /// Parses a strict decimal string such as `"19.99"`, `"-3"` or `"0.5"`; returns `nil` for anything else.
    public init?(_ string: some StringProtocol) {
        guard case .success(let amount) = Self.parse(String(string)) else { return nil }
        self = amount
    }

    /// Wraps a `Decimal`; `scale` defaults to the digits the value needs. A NaN value traps.
    public init(_ value: Decimal, scale: Int? = nil) {
        precondition(!value.isNaN, "DecimalAmount cannot hold NaN")
        self.value = value
        if let scale {
            self.scale = max(0, scale)
        } else {
            // Spelling the value out is costly; only needed when the caller gives no scale.
            let plain = Self.plainString(value)
            self.scale = plain.firstIndex(of: ".").map { plain.distance(from: $0, to: plain.endIndex) - 1 } ?? 0
        }
    }

    /// Wraps an integer.
    public init(_ value: Int) {
        self.init(Decimal(value), scale: 0)
    }

    /// Creates an amount from an integer literal, e.g. `let quantity: DecimalAmount = 3`.
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// The canonical wire form: plain digits, no exponent, at least ``scale`` fraction digits (e.g. `"19.90"`).
    public var description: String {
        var plain = Self.plainString(value)
        let fractionDigits = plain.firstIndex(of: ".").map { plain.distance(from: $0, to: plain.endIndex) - 1 } ?? 0
        if fractionDigits < scale {
            if fractionDigits == 0 { plain += "." }
            plain += String(repeating: "0", count: scale - fractionDigits)
        }
        return plain
    }

    /// `true` when the value is below zero.
    public var isNegative: Bool { value < 0 }

    /// `true` when the value is exactly zero.
    public var isZero: Bool { value.isZero }

    /// `true` when the value is above zero.
    public var isPositive: Bool { value > 0 }

    /// Rounds to `scale` fraction digits using `rule` (banker's rounding by default).
    public func rounded(toScale scale: Int, rule: RoundingRule = .halfEven) -> DecimalAmount {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, rule.mode)
        return DecimalAmount(result, scale: max(0, scale))
    }

    /// Compares numeric values.
    public static func == (lhs: DecimalAmount, rhs: DecimalAmount) -> Bool {
        lhs.value == rhs.value
    }

    /// Orders by numeric value.
    public static func < (lhs: DecimalAmount, rhs: DecimalAmount) -> Bool {
        lhs.value < rhs.value
    }

    /// Hashes the numeric value, so that equal values with different scales hash alike.
    public func hash(into hasher: inout Hasher) {
        var plain = Self.plainString(value)
        if plain.contains(".") {
            while plain.last == "0" { plain.removeLast() }
            if plain.last == "." { plain.removeLast() }
        }
        hasher.combine(plain)
    }

    /// Adds two amounts; the result keeps the larger scale.
    public static func + (lhs: DecimalAmount, rhs: DecimalAmount) -> DecimalAmount {
        DecimalAmount(lhs.value + rhs.value, scale: max(lhs.scale, rhs.scale))
    }

    /// Subtracts two amounts; the result keeps the larger scale.
    public static func - (lhs: DecimalAmount, rhs: DecimalAmount) -> DecimalAmount {
        DecimalAmount(lhs.value - rhs.value, scale: max(lhs.scale, rhs.scale))
    }

    /// Multiplies two amounts; the result's scale is the sum of both scales, as in exact arithmetic.
    public static func * (lhs: DecimalAmount, rhs: DecimalAmount) -> DecimalAmount {
        DecimalAmount(lhs.value * rhs.value, scale: lhs.scale + rhs.scale)
    }

    /// Negates an amount.
    public static prefix func - (operand: DecimalAmount) -> DecimalAmount {
        DecimalAmount(-operand.value, scale: operand.scale)
    }

    /// Decodes a strict decimal string; a JSON number is a type mismatch.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string: String
        do {
            string = try container.decode(String.self)
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw DecodingError.typeMismatch(
                DecimalAmount.self,
                DecodingError.Context(
                    codingPath: context.codingPath,
                    debugDescription: Self.expectation
                )
            )
        }
        switch Self.parse(string) {
        case .success(let amount):
            self = amount
        case .failure(let failure):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: failure.message)
        }
    }

    /// Encodes the canonical string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// How decoding describes what it expected.
    static let expectation = #"a decimal string like "12.50""#

    /// Why a string is not a strict decimal.
    struct ParseFailure: Error, Hashable {
        let message: String
    }

    /// Strict parser behind every initializer and the decoder.
    static func parse(_ string: String) -> Result<DecimalAmount, ParseFailure> {
        let bytes = Array(string.utf8)
        func failure(_ detail: String) -> Result<DecimalAmount, ParseFailure> {
            .failure(ParseFailure(message: "invalid decimal string \"\(string)\": \(detail)"))
        }
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        let integerDigits = bytes[integerStart..<index]
        guard !integerDigits.isEmpty else {
            return failure(#"expected digits with an optional fraction, like "12.50""#)
        }
        var fractionDigits: ArraySlice<UInt8> = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            fractionDigits = bytes[fractionStart..<index]
            guard !fractionDigits.isEmpty else {
                return failure(#"expected digits after the decimal point, like "12.50""#)
            }
        }
        guard index == bytes.count else {
            return failure(#"expected digits with an optional fraction, like "12.50""#)
        }
        let significant = (integerDigits + fractionDigits).drop { $0 == UInt8(ascii: "0") }
        guard significant.count <= maximumSignificantDigits else {
            return failure("more than \(maximumSignificantDigits) significant digits")
        }
        if integerDigits.count + fractionDigits.count <= 18 {
            // Up to 18 digits fit a UInt64: build the value directly, far cheaper than parsing text into a Decimal.
            var mantissa: UInt64 = 0
            for digit in integerDigits { mantissa = mantissa * 10 + UInt64(digit - UInt8(ascii: "0")) }
            for digit in fractionDigits { mantissa = mantissa * 10 + UInt64(digit - UInt8(ascii: "0")) }
            let value = Decimal(
                sign: negative && mantissa != 0 ? .minus : .plus,
                exponent: -fractionDigits.count,
                significand: Decimal(mantissa)
            )
            return .success(DecimalAmount(value, scale: fractionDigits.count))
        }
        let unsigned =
            String(decoding: integerDigits, as: UTF8.self)
            + (fractionDigits.isEmpty ? "" : "." + String(decoding: fractionDigits, as: UTF8.self))
        guard var value = Decimal(string: unsigned, locale: posixLocale) else {
            return failure("not representable")
        }
        if negative, !value.isZero { value.negate() }
        return .success(DecimalAmount(value, scale: fractionDigits.count))
    }

    /// Plain positional notation without exponent, independent of locale.
    static func plainString(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        let text = value.description
        if !text.contains(where: { $0 == "e" || $0 == "E" }) { return text }
        // Defensive: expand an exponent form should a Foundation version ever produce one.
        let negative = value < 0
        let magnitude = negative ? -value : value
        let exponent = magnitude.exponent
        var digits = magnitude.significand.description
        if let dot = digits.firstIndex(of: ".") { digits.remove(at: dot) }
        var result: String
        if exponent >= 0 {
            result = digits + String(repeating: "0", count: exponent)
        } else {
            let shift = -exponent
            if digits.count > shift {
                result = String(digits.dropLast(shift)) + "." + String(digits.suffix(shift))
            } else {
                result = "0." + String(repeating: "0", count: shift - digits.count) + digits
            }
        }
        if negative { result = "-" + result }
        return result
    }
}

extension DecimalAmount {
    /// How ``DecimalAmount/rounded(toScale:rule:)`` treats the dropped digits.
    public struct RoundingRule: Sendable, Hashable {
        let mode: Decimal.RoundingMode

        /// Round half to even ("banker's rounding"), the default.
        public static let halfEven = RoundingRule(mode: .bankers)

        /// Round half away from zero ("commercial rounding").
        public static let halfUp = RoundingRule(mode: .plain)

        /// Round towards negative infinity.
        public static let down = RoundingRule(mode: .down)

        /// Round towards positive infinity.
        public static let up = RoundingRule(mode: .up)
    }
}

/// Built once: creating a `Locale` per parse was a sixth of translation time.
private let posixLocale = Locale(identifier: "en_US_POSIX")
