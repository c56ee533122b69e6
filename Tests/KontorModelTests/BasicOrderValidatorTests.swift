import Testing

@testable import KontorModel

@Suite struct BasicOrderValidatorTests {
    let validator = BasicOrderValidator()

    @Test func validOrdersPass() throws {
        #expect(validator.validate(SampleOrders.minimal).isEmpty)
        // Both fixtures sell a line by the kilogram, which stock (kept in pieces) cannot serve.
        #expect(validator.validate(SampleOrders.allOptionalFields).map(\.code) == [.unitNotConvertible])
        let rich = try SampleOrders.rich()
        #expect(validator.validate(rich).map(\.field) == ["lines[1].quantity"])
        var inPieces = rich
        inPieces.lines[1].unitOfMeasure = .one
        inPieces.lines[1].quantity = DecimalAmount("3")!
        #expect(validator.validate(inPieces).isEmpty)
    }

    @Test func quantitiesConvertToWholePieces() throws {
        var order = SampleOrders.minimal
        order.lines[0].quantity = DecimalAmount("2")!
        order.lines[0].unitOfMeasure = UnitOfMeasure("DZN")!
        #expect(validator.validate(order).isEmpty)
        #expect(order.lines[0].pieces == 24)
        order.lines[0].unitOfMeasure = UnitOfMeasure("PR")!
        order.lines[0].quantity = DecimalAmount("1.5")!
        #expect(order.lines[0].pieces == 3)
        order.lines[0].unitOfMeasure = .one
        #expect(order.lines[0].pieces == nil)
        let reasons = validator.validate(order)
        #expect(reasons.map(\.code) == [.unitNotConvertible])
        #expect(reasons.first?.message.contains("not a whole number of pieces") == true)
        order.lines[0].quantity = DecimalAmount("4")!
        order.lines[0].unitOfMeasure = UnitOfMeasure("XCT")!
        #expect(validator.validate(order).first?.message.contains("does not convert to pieces") == true)
    }

    @Test(arguments: [
        ("DE", "1011", false), ("DE", "10115", true), ("AT", "1010", true), ("AT", "10100", false),
        ("CH", "8001", true), ("NL", "1011 AB", true), ("NL", "10115", false), ("FR", "75001", true),
        ("GB", "SW1A 1AA", true), ("GB", "12345", false), ("US", "62701", true), ("US", "62701-1234", true),
        ("US", "6270", false),
    ])
    func postalCodesHaveTheirCountrysFormat(country: String, postalCode: String, plausible: Bool) {
        var order = SampleOrders.minimal
        order.shipTo.country = CountryCode(country)!
        order.shipTo.postalCode = postalCode
        let codes = validator.validate(order).map(\.code)
        #expect(codes.contains(.implausiblePostalCode) == !plausible, "\(codes)")
    }

    struct Rule: Sendable, CustomTestStringConvertible {
        let code: ValidationReason.Code
        let field: String
        let change: @Sendable (inout CanonicalOrder) -> Void
        var testDescription: String { "\(code) at \(field)" }
    }

    static let rules: [Rule] = [
        Rule(code: .emptyRequiredField, field: "orderNumber") { $0.orderNumber = "  " },
        Rule(code: .emptyRequiredField, field: "channel") { $0.channel = "" },
        Rule(code: .emptyRequiredField, field: "shipTo.name") { $0.shipTo.name = "\t" },
        Rule(code: .missingField, field: "shipTo.street") { $0.shipTo.street = nil },
        Rule(code: .emptyRequiredField, field: "shipTo.city") { $0.shipTo.city = "" },
        Rule(code: .missingField, field: "shipTo.postalCode") { $0.shipTo.postalCode = nil },
        Rule(code: .missingField, field: "buyer") { $0.buyer = Party(name: " ", email: "x@y.example") },
        Rule(code: .unknownCurrency, field: "currency") { $0.currency = CurrencyCode("XYZ")! },
        Rule(code: .unknownCountry, field: "shipTo.country") { $0.shipTo.country = CountryCode("UK")! },
        Rule(code: .unknownCountry, field: "billTo.country") { $0.billTo = Address(country: CountryCode("ZZ")!) },
        Rule(code: .nonPositiveQuantity, field: "lines[0].quantity") { $0.lines[0].quantity = 0 },
        Rule(code: .nonPositiveQuantity, field: "lines[0].quantity") { $0.lines[0].quantity = -1 },
        Rule(code: .negativePrice, field: "lines[0].unitPrice") { $0.lines[0].unitPrice = DecimalAmount("-0.01")! },
        Rule(code: .negativeAmount, field: "lines[0].lineTotal") { $0.lines[0].lineTotal = -5 },
        Rule(code: .negativeAmount, field: "totals.grandTotal") { $0.totals.grandTotal = -1 },
        Rule(code: .negativeAmount, field: "payment.amount") { $0.payment = Payment(status: .paid, amount: -1) },
        Rule(code: .unknownUnit, field: "lines[0].unitOfMeasure") { $0.lines[0].unitOfMeasure = UnitOfMeasure("BX")! },
        Rule(code: .unknownUnit, field: "lines[0].unitOfMeasure") { $0.lines[0].unitOfMeasure = UnitOfMeasure("ZZZ")! },
        Rule(code: .lineWithoutItemID, field: "lines[0]") {
            $0.lines[0].sku = nil
            $0.lines[0].buyerSku = " "
        },
        Rule(code: .invalidGTIN, field: "lines[0].gtin") { $0.lines[0].gtin = "4006381333932" },
        Rule(code: .invalidGTIN, field: "lines[0].gtin") { $0.lines[0].gtin = "12345" },
        Rule(code: .duplicateLineNumber, field: "lines[1].lineNumber") { $0.lines.append($0.lines[0]) },
        Rule(code: .emptyRequiredField, field: "lines[0].lineNumber") { $0.lines[0].lineNumber = "" },
        Rule(code: .invalidTaxRate, field: "lines[0].taxRate") { $0.lines[0].taxRate = 101 },
        Rule(code: .invalidTaxRate, field: "lines[0].taxRate") { $0.lines[0].taxRate = -7 },
        Rule(code: .missingField, field: "delivery.pickupLocationId") { $0.delivery = Delivery(method: .pickup) },
    ]

    @Test(arguments: rules)
    func eachRuleReportsItsCode(rule: Rule) {
        var order = SampleOrders.minimal
        rule.change(&order)
        let reasons = validator.validate(order)
        #expect(reasons.map(\.code) == [rule.code], "\(reasons)")
        #expect(reasons.first?.field == rule.field)
        #expect(reasons.first?.message.isEmpty == false)
    }

    @Test func codesAreStableStrings() {
        let codes: [ValidationReason.Code] = [
            .missingField, .emptyRequiredField, .nonPositiveQuantity, .negativePrice, .negativeAmount, .unknownCurrency,
            .unknownCountry, .unknownUnit, .lineWithoutItemID, .duplicateLineNumber, .invalidGTIN, .invalidTaxRate,
            .lineTotalMismatch, .subtotalMismatch,
        ]
        #expect(
            codes.map(\.rawValue) == [
                "missing-field", "empty-required-field", "non-positive-quantity", "negative-price", "negative-amount",
                "unknown-currency", "unknown-country", "unknown-unit", "line-without-item-id", "duplicate-line-number",
                "invalid-gtin", "invalid-tax-rate", "line-total-mismatch", "subtotal-mismatch",
            ]
        )
    }

    @Test func legacyUnitMessageSuggestsReplacement() {
        var order = SampleOrders.minimal
        order.lines[0].unitOfMeasure = UnitOfMeasure("CT")!
        #expect(validator.validate(order).first?.message.contains(#"use "XCT" (carton)"#) == true)
    }

    @Test func postalCodeNotRequiredWhereNotUsed() {
        var order = SampleOrders.minimal
        order.shipTo.country = CountryCode("HK")!
        order.shipTo.postalCode = nil
        #expect(validator.validate(order).isEmpty)
    }

    @Test func buyerIDAloneIsEnough() {
        var order = SampleOrders.minimal
        order.buyer = Party(id: "C-1")
        #expect(validator.validate(order).isEmpty)
    }

    @Test func reportsEveryProblemAtOnce() {
        var order = SampleOrders.minimal
        order.orderNumber = ""
        order.currency = CurrencyCode("ABC")!
        order.lines[0].quantity = 0
        order.lines[0].unitPrice = -1
        #expect(
            Set(validator.validate(order).map(\.code))
                == [.emptyRequiredField, .unknownCurrency, .nonPositiveQuantity, .negativePrice]
        )
    }

    @Test func warnings() throws {
        #expect(validator.warnings(for: try SampleOrders.rich()).isEmpty)
        var order = SampleOrders.minimal
        order.lines[0].lineTotal = DecimalAmount("9.00")!
        order.totals.subtotal = DecimalAmount("10.00")!
        let warnings = validator.warnings(for: order)
        #expect(warnings.map(\.code) == [.lineTotalMismatch, .subtotalMismatch])
        #expect(warnings.map(\.field) == ["lines[0].lineTotal", "totals.subtotal"])
        #expect(validator.validate(order).isEmpty, "warnings do not block")
    }
}
