import Foundation
import KontorMapping
import KontorModel
import Testing

/// Each transform, condition and spec form, run through a real mapping (`TestSupport.evaluate`).
@Suite("Transforms, conditions and value specs")
struct TransformTests {
    func value(_ spec: String, _ document: String? = nil, tables: String = "") throws -> String? {
        if let document {
            return try TestSupport.evaluate(spec, in: document, tables: tables)
        }
        return try TestSupport.evaluate(spec, tables: tables)
    }

    func doc(_ members: String) -> String {
        #"{"id": "1", "items": [{"sku": "A"}], "# + members + "}"
    }

    func failure(_ spec: String, _ document: String, tables: String = "") -> MappingError? {
        do {
            _ = try TestSupport.evaluate(spec, in: document, tables: tables)
            return nil
        } catch {
            return error
        }
    }

    @Test("trim, upper, lower")
    func caseAndWhitespace() throws {
        let document = doc(#""s": "  Hello World \n""#)
        #expect(try value("{from: s, transform: [trim]}", document) == "Hello World")
        #expect(try value("{from: s, transform: [trim, upper]}", document) == "HELLO WORLD")
        #expect(try value("{from: s, transform: [trim, lower]}", document) == "hello world")
        #expect(try value("{from: s, transform: [trim, lower]}", doc(#""s": "ÄÖÜ""#)) == "äöü")
        #expect(try value("{from: s, transform: [trim]}", doc(#""s": "   ""#)) == nil)
    }

    @Test("split with index, negative index and out of range")
    func split() throws {
        let document = doc(#""s": "DE-80331-München""#)
        #expect(try value(#"{from: s, transform: [{split: {separator: "-", index: 1}}]}"#, document) == "80331")
        #expect(try value(#"{from: s, transform: [{split: {separator: "-", index: -1}}]}"#, document) == "München")
        #expect(try value(#"{from: s, transform: [{split: "-"}]}"#, document) == "DE")
        #expect(try value(#"{from: s, transform: [{split: {separator: "-", index: 5}}]}"#, document) == nil)
    }

    @Test("replace with a regex and capture groups")
    func replace() throws {
        let document = doc(#""s": "Tel. 089 / 123-45""#)
        #expect(try value(#"{from: s, transform: [{replace: {pattern: "[^0-9]", with: ""}}]}"#, document) == "08912345")
        #expect(
            try value(#"{from: s, transform: [{replace: {pattern: "^Tel\\. (\\d+).*$", with: "$1"}}]}"#, document)
                == "089"
        )
        #expect(try value(#"{from: s, transform: [{replace: {pattern: "\\s"}}]}"#, document) == "Tel.089/123-45")
    }

    @Test("lookup: user tables, default, passThrough, ignoreCase, table default, unmatched")
    func lookup() throws {
        let tables = """
            tables:
              status: {paid: P, open: O}
              loose:
                entries: {Paid: P}
                ignoreCase: true
                default: "?"
            """
        #expect(try value("{from: s, transform: [{lookup: status}]}", doc(#""s": "paid""#), tables: tables) == "P")
        #expect(
            try value(
                "{from: s, transform: [{lookup: {table: status, default: X}}]}",
                doc(#""s": "nope""#),
                tables: tables
            ) == "X"
        )
        #expect(
            try value(
                "{from: s, transform: [{lookup: {table: status, passThrough: true}}]}",
                doc(#""s": "nope""#),
                tables: tables
            )
                == "nope"
        )
        #expect(try value("{from: s, transform: [{lookup: loose}]}", doc(#""s": "PAID""#), tables: tables) == "P")
        #expect(try value("{from: s, transform: [{lookup: loose}]}", doc(#""s": "other""#), tables: tables) == "?")
        let error = try #require(
            failure("{from: s, transform: [{lookup: status}]}", doc(#""s": "nope""#), tables: tables)
        )
        #expect(error.kind == .unmappable)
        #expect(error.field == "$.s")
        #expect(error.canonicalField == "attributes.result")
        #expect(error.message == #"lookup: no entry for "nope" in table 'status'"#)
    }

    @Test(
        "country-name-to-iso: English and German names, variants, codes",
        arguments: [
            ("Deutschland", "DE"), ("Germany", "DE"), ("Österreich", "AT"), ("oesterreich", "AT"),
            ("Schweiz", "CH"), ("United States of America", "US"), ("USA", "US"), ("Vereinigtes Königreich", "GB"),
            ("Großbritannien", "GB"), ("  the netherlands ", "NL"), ("Niederlande", "NL"), ("Frankreich", "FR"),
            ("Tschechien", "CZ"), ("Türkei", "TR"), ("España", "ES"), ("de", "DE"), ("PL", "PL"),
        ]
    )
    func countryNames(_ name: String, _ code: String) throws {
        #expect(try value("{from: s, transform: [{lookup: country-name-to-iso}]}", doc(#""s": "\#(name)""#)) == code)
    }

    @Test("country-name-to-iso has at least 60 countries and refuses unknown names")
    func countryCoverage() throws {
        var codes: Set<String> = []
        for name in ["Deutschland", "Austria", "Japan", "Brasilien", "Südafrika", "Neuseeland", "Kanada", "Mexiko"] {
            if let code = try value("{from: s, transform: [{lookup: country-name-to-iso}]}", doc(#""s": "\#(name)""#)) {
                codes.insert(code)
            }
        }
        #expect(codes.count == 8)
        let error = try #require(
            failure("{from: s, transform: [{lookup: country-name-to-iso}]}", doc(#""s": "Atlantis""#))
        )
        #expect(error.message.contains("no entry for \"Atlantis\""))
    }

    @Test(
        "unit-to-rec20: words, legacy codes, Rec. 20 codes",
        arguments: [
            ("Stück", "H87"), ("pcs", "H87"), ("kg", "KGM"), ("Liter", "LTR"), ("CT", "XCT"), ("Karton", "XCT"),
            ("Paar", "PR"), ("C62", "C62"), ("kgm", "KGM"), ("EA", "EA"), ("Palette", "XPX"),
        ]
    )
    func units(_ unit: String, _ code: String) throws {
        #expect(try value("{from: s, transform: [{lookup: unit-to-rec20}]}", doc(#""s": "\#(unit)""#)) == code)
    }

    @Test("unit-to-rec20 refuses unknown units")
    func unknownUnit() {
        #expect(failure("{from: s, transform: [{lookup: unit-to-rec20}]}", doc(#""s": "furlong""#)) != nil)
    }

    @Test("date: patterns, time zones with daylight saving, ISO 8601, Unix time, month names")
    func dates() throws {
        func date(_ input: String, _ arguments: String) throws -> String? {
            try value("{from: s, transform: [{date: \(arguments)}]}", doc(#""s": "\#(input)""#))
        }
        #expect(try date("15.08.2025", #""dd.MM.yyyy""#) == "2025-08-15")
        #expect(try date("5.8.2025", #""d.M.yyyy""#) == "2025-08-05")
        #expect(
            try date("15.08.2025 14:30", #"{format: "dd.MM.yyyy HH:mm", timeZone: Europe/Berlin}"#)
                == "2025-08-15T14:30:00+02:00"
        )
        #expect(
            try date("15.01.2025 14:30", #"{format: "dd.MM.yyyy HH:mm", timeZone: Europe/Berlin}"#)
                == "2025-01-15T14:30:00+01:00"
        )
        #expect(
            try date("15.01.2025", #"{format: "dd.MM.yyyy", timeZone: Europe/Berlin, output: datetime}"#)
                == "2025-01-15T00:00:00+01:00"
        )
        // 02:30 does not exist on 2025-03-30 in Berlin: read with the offset before the gap (the instant of 03:30+02:00).
        #expect(
            try date("2025-03-30 02:30", #"{format: "yyyy-MM-dd HH:mm", timeZone: Europe/Berlin}"#)
                == "2025-03-30T02:30:00+01:00"
        )
        #expect(
            try date("2025-10-26 02:30", #"{format: "yyyy-MM-dd HH:mm", timeZone: Europe/Berlin}"#)
                == "2025-10-26T02:30:00+01:00"
        )
        #expect(
            try date("2025-10-26 12:00", #"{format: "yyyy-MM-dd HH:mm", timeZone: Europe/Berlin}"#)
                == "2025-10-26T12:00:00+01:00"
        )
        #expect(
            try date("2025-08-15T14:30:00.123-04:00", "{format: iso8601, output: datetime}")
                == "2025-08-15T14:30:00.123-04:00"
        )
        #expect(try date("2025-08-15T23:30:00Z", "{format: iso8601, output: date}") == "2025-08-15")
        #expect(try date("2017-03-22T19:28:02", "{format: iso8601, timeZone: UTC}") == "2017-03-22T19:28:02Z")
        #expect(try date("20250815", #""yyyyMMdd""#) == "2025-08-15")
        #expect(try date("08/15/25 02:05 PM", #""MM/dd/yy hh:mm a""#) == "2025-08-15T14:05:00Z")
        #expect(try date("15. März 2025", #""d. MMM yyyy""#) == "2025-03-15")
        #expect(try date("Aug 15, 2025", #""MMM d, yyyy""#) == "2025-08-15")
        #expect(try date("2025-08-15T14:30:00+0530", #""yyyy-MM-dd'T'HH:mm:ssXX""#) == "2025-08-15T14:30:00+05:30")
        #expect(try date("1700000000", "{format: unix, timeZone: Europe/Berlin}") == "2023-11-14T23:13:20+01:00")
        #expect(try date("1700000000123", "{format: unixMillis}") == "2023-11-14T22:13:20.123Z")
        let invalid = try #require(
            failure(#"{from: s, transform: [{date: "dd.MM.yyyy"}]}"#, doc(#""s": "31.02.2025""#))
        )
        #expect(invalid.message.contains("not a valid date"))
        let mismatch = try #require(
            failure(#"{from: s, transform: [{date: "dd.MM.yyyy"}]}"#, doc(#""s": "2025-02-01""#))
        )
        #expect(mismatch.message.contains("not a date in the format 'dd.MM.yyyy'"))
    }

    @Test("decimal: JSON numbers, German formatting, exponents, refusals")
    func decimal() throws {
        #expect(try value("{from: s, transform: [decimal]}", doc(#""s": " +12.50 ""#)) == "12.50")
        #expect(try value("{from: s, transform: [decimal]}", doc(#""s": "007""#)) == "7")
        #expect(try value("{from: s, transform: [decimal]}", doc(#""s": ".5""#)) == "0.5")
        #expect(
            try value(
                #"{from: s, transform: [{decimal: {decimalSeparator: ",", groupingSeparator: "."}}]}"#,
                doc(#""s": "1.234.567,89""#)
            )
                == "1234567.89"
        )
        #expect(try value("{from: s, transform: [decimal]}", doc(#""s": 1.0E-7"#)) == "0.00000010")
        #expect(
            failure("{from: s, transform: [decimal]}", doc(#""s": "12abc""#))?.message
                == #"decimal: not a number: "12abc""#
        )
        #expect(failure("{from: s, transform: [decimal]}", doc(#""s": "1,5""#)) != nil)
    }

    @Test("Arithmetic: multiply, divide with scale and rounding, add, subtract, round")
    func arithmetic() throws {
        let document = doc(#""total": "10.00", "qty": 3, "rate": 0.19, "zero": 0"#)
        #expect(try value("{from: rate, transform: [{multiply: 100}]}", document) == "19.00")
        #expect(try value("{from: total, transform: [{multiply: qty}]}", document) == "30.00")
        #expect(try value("{from: total, transform: [{divide: {by: qty, scale: 2}}]}", document) == "3.33")
        #expect(try value("{from: total, transform: [{divide: {by: qty, scale: 0, rounding: up}}]}", document) == "4")
        #expect(try value("{from: total, transform: [{divide: 4}]}", document) == "2.5")
        #expect(try value("{value: \"0.125\", transform: [{round: 2}]}", document) == "0.13")
        #expect(
            try value("{value: \"0.125\", transform: [{round: {scale: 2, rounding: halfEven}}]}", document) == "0.12"
        )
        #expect(try value("{from: total, transform: [{add: rate}]}", document) == "10.19")
        #expect(
            try value("{from: total, transform: [{subtract: {from: missing, default: \"0.5\"}}]}", document) == "9.50"
        )
        #expect(
            try value("{from: total, transform: [{add: {by: {from: qty, transform: [{multiply: 2}]}}}]}", document)
                == "16.00"
        )
        let zero = try #require(failure("{from: total, transform: [{divide: zero}]}", document))
        #expect(zero.message.contains("division by zero"))
        #expect(zero.field == "$.zero")
        let missing = try #require(failure("{from: total, transform: [{multiply: missing}]}", document))
        #expect(missing.message.contains("operand has no value"))
        #expect(missing.field == "$.missing")
        let notNumber = try #require(
            failure("{from: id, transform: [{multiply: 2}]}", #"{"id": "x", "items": [{"sku": "A"}]}"#)
        )
        #expect(notNumber.message.contains("not a number"))
    }

    @Test("htmlDecode: named, decimal and hex references; unknown ones stay")
    func htmlDecode() throws {
        let document = doc(
            #""s": "Tom &amp; Jerry &ndash; &#8211; &#x2013; &auml;&Ouml;&szlig; &euro;5 &bogus; & &#0;""#
        )
        #expect(try value("{from: s, transform: [htmlDecode]}", document) == "Tom & Jerry – – – äÖß €5 &bogus; & &#0;")
    }

    @Test("stripPrefix, stripSuffix")
    func strip() throws {
        let document = doc(#""s": "gid://shopify/Order/42.json""#)
        #expect(
            try value(
                #"{from: s, transform: [{stripPrefix: "gid://shopify/Order/"}, {stripSuffix: ".json"}]}"#,
                document
            )
                == "42"
        )
        #expect(try value(#"{from: s, transform: [{stripPrefix: "nope"}]}"#, document) == "gid://shopify/Order/42.json")
    }

    @Test("first, last, join, sum over many values")
    func manyValues() throws {
        let document = doc(#""xs": [{"v": "1.10"}, {"v": "2"}, {"v": null}, {"v": "3.5"}]"#)
        #expect(try value(#"{from: "xs[*].v", transform: [first]}"#, document) == "1.10")
        #expect(try value(#"{from: "xs[*].v", transform: [last]}"#, document) == "3.5")
        #expect(try value(#"{from: "xs[*].v", transform: [{join: "+"}]}"#, document) == "1.10+2+3.5")
        #expect(try value(#"{from: "xs[*].v", transform: [sum]}"#, document) == "6.60")
        #expect(try value(#"{from: "nothing[*].v", transform: [sum]}"#, document) == nil)
    }

    @Test("concat skips missing parts; value constants; default; else; required")
    func specForms() throws {
        let document = doc(#""first": "Ann", "last": "Lee", "empty": """#)
        #expect(try value(#"{concat: [first, missing, last], separator: " "}"#, document) == "Ann Lee")
        #expect(try value(#"{concat: [missing, empty]}"#, document) == nil)
        #expect(try value(#"{concat: [{value: "ID-"}, first]}"#, document) == "ID-Ann")
        #expect(try value("{value: 42}", document) == "42")
        #expect(try value("{from: missing, default: fallback}", document) == "fallback")
        #expect(try value("{from: empty, default: fallback}", document) == "fallback")
        #expect(try value("{from: missing, else: last}", document) == "Lee")
        #expect(try value("{from: missing, else: {from: missing2}, default: d}", document) == "d")
        let required = try #require(failure("{from: missing, required: true}", document))
        #expect(required.description == "unmappable at $.missing (attributes.result): missing required value")
    }

    @Test("when: equals, notEquals, in, exists, matches, all, any, not")
    func conditions() throws {
        let document = doc(#""kind": "B2B", "n": 0, "tags": ["a", "b"], "obj": {"x": 1}"#)
        func when(_ condition: String) throws -> Bool {
            try value("{value: yes, when: \(condition)}", document) == "yes"
        }
        #expect(try when("{field: kind, equals: B2B}"))
        #expect(try !when("{field: kind, equals: b2b}"))
        #expect(try when(#"{field: n, notEquals: "1"}"#))
        #expect(try !when(#"{field: n, notEquals: "0"}"#))
        #expect(try when("{field: missing, notEquals: x}"))
        #expect(try when("{field: kind, in: [B2C, B2B]}"))
        #expect(try when(#"{field: "tags[*]", in: [b]}"#))
        #expect(try when("{field: obj, exists: true}"))
        #expect(try when("{field: missing, exists: false}"))
        #expect(try when(#"{field: kind, matches: "^B2"}"#))
        #expect(try when("{all: [{field: kind, equals: B2B}, {field: obj.x, equals: 1}]}"))
        #expect(try !when("{all: [{field: kind, equals: B2B}, {field: obj.x, equals: 2}]}"))
        #expect(try when("{any: [{field: kind, equals: X}, {field: obj.x, equals: 1}]}"))
        #expect(try when("{not: {field: kind, equals: X}}"))
        #expect(try value("{value: yes, when: {field: kind, equals: X}, else: {value: no}}", document) == "no")
    }
}

@Suite("JSONPath selectors")
struct JSONPathTests {
    static let document = #"""
        {"id": "1", "items": [{"sku": "A"}],
         "shipping_lines": [{"type": "shipping", "price": "4.90"}, {"type": "tip", "price": "2"}],
         "a": {"b": {"sku": "deep"}, "odd key": "spaced", "n": [10, 20, 30]},
         "codes": [{"type": "EAN", "value": 4006381333931}, {"type": "SKU", "value": "S"}]}
        """#

    @Test(
        "Selectors",
        arguments: [
            ("$.a.b.sku", "deep"), ("a.b.sku", "deep"), ("@.a.b.sku", "deep"), ("$['a']['odd key']", "spaced"),
            (#"a[\"odd key\"]"#, "spaced"), ("a.n[0]", "10"), ("a.n[-1]", "30"),
            ("shipping_lines[?(@.type == 'shipping')].price", "4.90"),
            ("shipping_lines[?(@.type != 'shipping')].price", "2"),
            ("codes[?(@.value == 4006381333931)].type", "EAN"), ("$..b.sku", "deep"),
        ]
    )
    func selectors(_ selector: String, _ expected: String) throws {
        #expect(try TestSupport.evaluate(#"{from: "\#(selector)"}"#, in: Self.document) == expected)
    }

    @Test("Wildcards and recursive descent yield several values in document order")
    func wildcards() throws {
        #expect(
            try TestSupport.evaluate(#"{from: "a.n[*]", transform: [{join: ","}]}"#, in: Self.document) == "10,20,30"
        )
        #expect(try TestSupport.evaluate(#"{from: "$..sku", transform: [{join: ","}]}"#, in: Self.document) == "A,deep")
        #expect(
            try TestSupport.evaluate(#"{from: "codes[?(@.value)].type", transform: [{join: ","}]}"#, in: Self.document)
                == "EAN,SKU"
        )
    }

    @Test(
        "Invalid selectors are refused at load",
        arguments: ["a[", "a[?(x == 1)]", "a..", "a[1:2]", "a[0,1]", "$$", "a.[0]"]
    )
    func invalid(_ selector: String) {
        let error = TestSupport.loadError(
            validJSONMapping(replacing: "  currency: currency", with: "  currency: \"\(selector)\"")
        )
        #expect(error?.message.contains("bad JSONPath") == true, "\(selector): \(String(describing: error))")
    }
}
