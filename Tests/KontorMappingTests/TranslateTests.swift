import Foundation
import KontorMapping
import KontorModel
import Testing

@Suite("Translation errors")
struct TranslateErrorTests {
    let mapping: Mapping

    init() throws {
        mapping = try TestSupport.load(
            """
            format: json
            channel: test
            fields:
              orderNumber: id
              orderDate: created
              currency: currency
              buyer.name: customer.name
              shipTo.country: address.country
              billTo.name: billing.name
              billTo.country: billing.country
              totals.grandTotal: total
              notes: note
            lines:
              each: line_items[*]
              fields:
                sku: sku
                quantity: quantity
                unitPrice: price
            """
        )
    }

    func document(lines: String = #"{"sku": "A", "quantity": 1, "price": "2.50"}"#, extra: String = "") -> String {
        """
        {"id": "1001", "created": "2025-01-02", "currency": "EUR", "customer": {"name": "Ann"},
         "address": {"country": "DE"}, "total": "2.50", "line_items": [\(lines)] \(extra)}
        """
    }

    @Test("The fixture translates")
    func fixtureTranslates() throws {
        let orders = try TestSupport.translate(mapping, document())
        #expect(orders.count == 1)
        #expect(orders[0].orderNumber == "1001")
        #expect(orders[0].lines[0].lineNumber == "1")
        #expect(orders[0].billTo == nil)
    }

    @Test("A missing required value names the source path and the canonical field")
    func missingRequiredValue() throws {
        let error = try #require(
            TestSupport.translateError(
                mapping,
                document(lines: #"{"sku": "A", "quantity": 1, "price": "1"}, {"sku": "B", "price": "1"}"#)
            )
        )
        #expect(error.kind == .unmappable)
        #expect(error.field == "$.line_items[1].quantity")
        #expect(error.canonicalField == "lines[1].quantity")
        #expect(
            error.description == "unmappable at $.line_items[1].quantity (lines[1].quantity): missing required value"
        )
    }

    @Test("An invalid value names the source path and says what is wrong")
    func invalidValue() throws {
        let error = try #require(
            TestSupport.translateError(mapping, document(lines: #"{"sku": "A", "quantity": 1, "price": "abc"}"#))
        )
        #expect(error.kind == .unmappable)
        #expect(error.description == #"unmappable at $.line_items[0].price (lines[0].unitPrice): not a decimal: "abc""#)

        let country = try #require(
            TestSupport.translateError(
                mapping,
                document().replacingOccurrences(of: #""country": "DE""#, with: #""country": "Deutschland""#)
            )
        )
        #expect(country.field == "$.address.country")
        #expect(country.canonicalField == "shipTo.country")
        #expect(country.message.contains("country-name-to-iso"))
    }

    @Test("An optional object with values needs its required field")
    func partialOptionalObject() throws {
        let error = try #require(
            TestSupport.translateError(mapping, document(extra: #", "billing": {"name": "Ann"}"#))
        )
        #expect(error.canonicalField == "billTo.country")
        #expect(error.field == "$.billing.country")
    }

    @Test("An empty line list, several values for one field, a composite value")
    func otherUnmappables() throws {
        let empty = try #require(TestSupport.translateError(mapping, document(lines: "")))
        #expect(empty.canonicalField == "lines")
        #expect(empty.field == "$.line_items[*]")

        let several = try #require(
            TestSupport.translateError(
                try TestSupport.jsonMapping(extraFields: "  notes: items[*].sku"),
                #"{"id": "1", "items": [{"sku": "A"}, {"sku": "B"}]}"#
            )
        )
        #expect(several.message.contains("expected one value but found 2"))

        let composite = try #require(
            TestSupport.translateError(
                try TestSupport.jsonMapping(extraFields: "  notes: items"),
                #"{"id": "1", "items": [{"sku": "A"}]}"#
            )
        )
        #expect(composite.field == "$.items")
        #expect(composite.message.contains("found an array"))
    }

    @Test("Documents that are not JSON are malformed input")
    func malformedJSON() throws {
        for text in ["", "{", #"{"id": 1,}"#, "[1, 2] x", #"{"a": 01}"#, #"{"a": "\x"}"#, "nul", "{\"a\": \"\u{01}\"}"]
        {
            let error = try #require(TestSupport.translateError(mapping, text), "\(text)")
            #expect(error.kind == .malformedInput, "\(text)")
            #expect(error.description.hasPrefix("malformed input: not valid JSON"), "\(error)")
        }
        #expect {
            try mapping.translate([UInt8](#"{"a": ""#.utf8) + [0xC3, 0x28] + [UInt8](#""}"#.utf8))
        } throws: { error in
            (error as? MappingError)?.kind == .malformedInput
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(TestSupport.translateError(mapping, deep)?.message.contains("nested deeper") == true)
    }

    @Test("Several orders in one document; none is an error")
    func severalOrders() throws {
        let multi = try TestSupport.load(
            """
            format: json
            channel: test
            orders: $.orders[*]
            fields:
              orderNumber: number
              orderDate: {value: "2025-01-01"}
              currency: $.currency
              buyer.name: buyer
              shipTo.country: {value: DE}
              totals.grandTotal: total
            lines:
              each: lines
              fields:
                sku: sku
                quantity: qty
                unitPrice: price
            """
        )
        let orders = try TestSupport.translate(
            multi,
            #"""
            {"currency": "EUR", "orders": [
              {"number": "A-1", "buyer": "Ann", "total": "3", "lines": [{"sku": "X", "qty": 1, "price": "3"}]},
              {"number": "A-2", "buyer": "Bob", "total": "8", "lines": [{"sku": "Y", "qty": 2, "price": "4"}]}
            ]}
            """#
        )
        #expect(orders.map(\.orderNumber) == ["A-1", "A-2"])
        #expect(orders.allSatisfy { $0.currency.rawValue == "EUR" })

        let none = try #require(TestSupport.translateError(multi, #"{"orders": []}"#))
        #expect(none.kind == .unmappable)
        #expect(none.message.contains("no orders"))
    }

    @Test("The real Shopify mapping names the failing line item")
    func shopifyMissingQuantity() throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let shopify = try #require(catalog.mapping(named: "shopify"))
        let url = TestSupport.repositoryRoot.appendingPathComponent("mappings/shopify/samples/orders-create-paid.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: "\"quantity\": 1,"))
        text.replaceSubrange(range, with: "\"quantity\": null,")
        let error = try #require(TestSupport.translateError(shopify, text))
        #expect(error.field == "$.line_items[1].quantity")
        #expect(error.canonicalField == "lines[1].quantity")
    }
}

@Suite("JSON numbers keep their exact text")
struct JSONNumberTests {
    @Test(
        "Numbers pass through as written",
        arguments: [
            ("19.99", "19.99"), ("0.1", "0.1"), ("-0.5", "-0.5"), ("3", "3"), ("1049.00", "1049.00"),
            ("12345678901234567890.123456789", "12345678901234567890.123456789"),
        ]
    )
    func exactText(_ number: String, _ expected: String) throws {
        let mapping = try TestSupport.jsonMapping(extraFields: "  totals.subtotal: amount\n  attributes.raw: amount")
        let order = try TestSupport.translate(mapping, #"{"id": "1", "amount": \#(number), "items": [{"sku": "A"}]}"#)[
            0
        ]
        #expect(order.attributes?["raw"] == expected)
        #expect(order.totals.subtotal?.description == expected)
    }

    @Test("Exponents are not decimals until the decimal transform expands them exactly")
    func exponents() throws {
        let plain = try TestSupport.jsonMapping(extraFields: "  totals.subtotal: amount")
        let error = try #require(
            TestSupport.translateError(plain, #"{"id": "1", "amount": 1e2, "items": [{"sku": "A"}]}"#)
        )
        #expect(error.message.contains(#"not a decimal: "1e2" (add the `decimal` transform"#))

        for (number, expected) in [("1e2", "100"), ("1.5E-3", "0.0015"), ("2.50e1", "25.0"), ("-7E+0", "-7")] {
            let value = try TestSupport.evaluate(
                "{from: amount, transform: [decimal]}",
                in: #"{"id": "1", "amount": \#(number), "items": [{"sku": "A"}]}"#
            )
            #expect(value == expected, "\(number)")
        }
    }

    @Test("Booleans become true/false; null is no value; big integers stay exact")
    func otherScalars() throws {
        let document = #"{"id": 9007199254740993, "flag": false, "gone": null, "items": [{"sku": "A"}]}"#
        #expect(try TestSupport.evaluate("flag", in: document) == "false")
        #expect(try TestSupport.evaluate("gone", in: document) == nil)
        #expect(try TestSupport.evaluate("id", in: document) == "9007199254740993")
    }

    @Test("Strings: escapes, surrogate pairs, a byte order mark")
    func strings() throws {
        let document = "\u{FEFF}" + #"{"id": "1", "s": "a\"b\\c\/d\u00e9\ud83d\ude00\n", "items": [{"sku": "A"}]}"#
        #expect(try TestSupport.evaluate("s", in: document) == "a\"b\\c/dé😀\n")
    }
}

@Suite("Decimal fields")
struct DecimalFieldTests {
    @Test(
        "Strict decimal strings are accepted as written",
        arguments: [
            "0", "-0.50", "19.90", "12345678901234567890123456789012345678",
            "0.00000000000000000000000000000000000000001",
        ]
    )
    func accepted(_ text: String) throws {
        let mapping = try TestSupport.jsonMapping(extraFields: "  totals.subtotal: {value: \"\(text)\"}")
        #expect(
            try TestSupport.translate(mapping, #"{"id": "1", "items": [{"sku": "A"}]}"#)[0].totals.subtotal?.description
                == text
        )
    }

    @Test(
        "Anything else is not a decimal",
        arguments: ["1.", ".5", "+1", "1,5", "--1", "1.2.3", " 1", "1e2", "123456789012345678901234567890123456789"]
    )
    func refused(_ text: String) throws {
        let mapping = try TestSupport.jsonMapping(extraFields: "  totals.subtotal: {value: \"\(text)\"}")
        let error = try #require(TestSupport.translateError(mapping, #"{"id": "1", "items": [{"sku": "A"}]}"#))
        #expect(error.kind == .unmappable)
        #expect(error.canonicalField == "totals.subtotal")
        #expect(error.message.hasPrefix("not a decimal"))
    }
}
