import Foundation
import Testing

@testable import KontorModel

@Suite struct DecimalAmountTests {
    @Test(arguments: [
        ("0", "0"), ("19.99", "19.99"), ("19.90", "19.90"), ("-3", "-3"), ("0.5", "0.5"), ("100", "100"),
        ("007.50", "7.50"), ("-0.00", "0.00"),
        ("123456789012345678901234567890.12345678", "123456789012345678901234567890.12345678"),
        ("0.00000000000000000001", "0.00000000000000000001"),
    ])
    func acceptsStrictDecimals(input: String, canonical: String) throws {
        let amount = try #require(DecimalAmount(input))
        #expect(amount.description == canonical)
    }

    @Test(arguments: [
        "", "12abc", "1e5", "1E5", "+1", " 1", "1 ", "1.", ".5", "1,5", "-", "--1", "0x10", "1.2.3", "NaN", "Infinity",
        "١٢", "1_000", "12.50\n", "1234567890123456789012345678901234567890",
    ])
    func rejectsEverythingElse(input: String) {
        #expect(DecimalAmount(input) == nil)
    }

    @Test func foundationAloneWouldBeTooLenient() {
        #expect(Decimal(string: "12abc") == Decimal(12))
        #expect(DecimalAmount("12abc") == nil)
    }

    @Test func neverUsesExponentNotation() {
        let tiny = DecimalAmount(Decimal(sign: .plus, exponent: -20, significand: 5))
        let huge = DecimalAmount(Decimal(sign: .minus, exponent: 30, significand: 1))
        #expect(tiny.description == "0.00000000000000000005")
        #expect(huge.description == "-1000000000000000000000000000000")
        #expect(!tiny.description.contains("e") && !huge.description.contains("e"))
        #expect(DecimalAmount(Decimal(string: "1e5")!).description == "100000")
    }

    @Test func equalityAndHashingIgnoreScale() throws {
        let a = try #require(DecimalAmount("19.90"))
        let b = try #require(DecimalAmount("19.9"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a.description == "19.90" && b.description == "19.9")
        #expect(DecimalAmount("0.1")! < DecimalAmount("0.25")!)
        let built = DecimalAmount(Decimal(sign: .plus, exponent: -3, significand: 19_900))
        #expect(built == b && built.hashValue == b.hashValue)
    }

    @Test func arithmeticIsExact() {
        let tenth = DecimalAmount("0.1")!
        let fifth = DecimalAmount("0.2")!
        #expect(tenth + fifth == DecimalAmount("0.3")!)
        #expect((DecimalAmount(3) * DecimalAmount("19.90")!).description == "59.70")
        #expect((DecimalAmount("10.00")! - DecimalAmount("0.5")!).description == "9.50")
        #expect((-DecimalAmount("1.50")!).description == "-1.50")
        let literal: DecimalAmount = 42
        #expect(literal.description == "42")
    }

    @Test func rounding() {
        #expect(DecimalAmount("2.665")!.rounded(toScale: 2).description == "2.66")
        #expect(DecimalAmount("2.675")!.rounded(toScale: 2).description == "2.68")
        #expect(DecimalAmount("2.665")!.rounded(toScale: 2, rule: .halfUp).description == "2.67")
        #expect(DecimalAmount("-2.661")!.rounded(toScale: 2, rule: .down).description == "-2.67")
        #expect(DecimalAmount("2.661")!.rounded(toScale: 2, rule: .up).description == "2.67")
        #expect(DecimalAmount("5")!.rounded(toScale: 2).description == "5.00")
    }

    @Test func signPredicates() {
        #expect(DecimalAmount("-0.01")!.isNegative)
        #expect(DecimalAmount("0.00")!.isZero)
        #expect(DecimalAmount("0.01")!.isPositive)
        #expect(!DecimalAmount("-0")!.isNegative)
    }

    struct Wrapper: Codable, Equatable {
        var amount: DecimalAmount
    }

    @Test func encodesAsJSONString() throws {
        let data = try CanonicalJSON.encode(Wrapper(amount: DecimalAmount("12.50")!))
        #expect(String(decoding: data, as: UTF8.self) == #"{"amount":"12.50"}"#)
        let decoded = try CanonicalJSON.decode(Wrapper.self, from: data)
        #expect(decoded.amount.description == "12.50")
    }

    @Test func jsonNumberIsADecodingError() throws {
        let error = try #require(throws: OrderDecodingError.self) {
            try CanonicalJSON.decode(Wrapper.self, from: Data(#"{"amount": 12.5}"#.utf8))
        }
        #expect(error.kind == .schemaViolation)
        #expect(error.field == "amount")
        #expect(error.message == #"expected a decimal string like "12.50", found a number"#)
    }

    @Test func hugeJSONNumberIsStillReportedAsANumber() throws {
        let error = try #require(throws: OrderDecodingError.self) {
            try CanonicalJSON.decode(Wrapper.self, from: Data(#"{"amount": 1e400}"#.utf8))
        }
        #expect(error.kind == .schemaViolation)
        #expect(error.message == #"expected a decimal string like "12.50", found a number"#)
    }

    @Test func lenientStringIsADecodingError() throws {
        let error = try #require(throws: OrderDecodingError.self) {
            try CanonicalJSON.decode(Wrapper.self, from: Data(#"{"amount": "12abc"}"#.utf8))
        }
        #expect(error.field == "amount")
        #expect(error.message.contains(#"invalid decimal string "12abc""#))
    }

    @Test func moneyHelpers() throws {
        let price = try #require(Money("19.99", .eur))
        #expect(price.description == "19.99 EUR")
        #expect(price.multiplied(by: 3).amount == DecimalAmount("59.97")!)
        #expect(price.adding(Money(1, .usd)) == nil)
        #expect(price.adding(Money(DecimalAmount("0.01")!, .eur))?.amount == DecimalAmount(20))
        #expect(price.subtracting(Money(DecimalAmount("0.99")!, .eur))?.description == "19.00 EUR")
        #expect(Money(DecimalAmount("1.005")!, .eur).roundedToMinorUnits(rule: .halfUp).description == "1.01 EUR")
        #expect(Money(DecimalAmount("1234.5")!, .jpy).roundedToMinorUnits().description == "1234 JPY")
        #expect(Money(DecimalAmount("1.2345")!, .init("KWD")!).roundedToMinorUnits().description == "1.234 KWD")
        #expect(Money.sum([price, price], currency: .eur)?.description == "39.98 EUR")
        #expect(Money.sum([price, Money(1, .usd)], currency: .eur) == nil)
        #expect(Money("1e3", .eur) == nil)
    }
}
