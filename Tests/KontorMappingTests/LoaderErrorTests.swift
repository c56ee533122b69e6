import Foundation
import KontorMapping
import KontorModel
import Testing

/// The 1-based line of the first line of `yaml` containing `marker`.
func line(of marker: String, in yaml: String) -> Int {
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    return (lines.firstIndex { $0.contains(marker) } ?? -1) + 1
}

/// A valid JSON mapping; `replacing` swaps one of its lines for test-specific text.
func validJSONMapping(replacing old: String? = nil, with new: String = "") -> String {
    let yaml = """
        format: json
        description: A test mapping
        channel: test
        fields:
          orderNumber: id
          orderDate: created
          currency: currency
          buyer.name: customer.name
          shipTo.country: address.country
          totals.grandTotal: total
        lines:
          each: items[*]
          fields:
            sku: sku
            quantity: qty
            unitPrice: price
        """
    guard let old else { return yaml }
    precondition(yaml.contains(old), "fixture has no line \(old)")
    return yaml.replacingOccurrences(of: old, with: new)
}

@Suite("Mapping load errors name the file and line")
struct LoaderErrorTests {
    func expectError(
        _ yaml: String,
        at marker: String,
        containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = TestSupport.loadError(yaml) else {
            Issue.record("expected a load error", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == .invalidMapping, sourceLocation: sourceLocation)
        #expect(error.line == line(of: marker, in: yaml), "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(text), "\(error)", sourceLocation: sourceLocation)
        #expect(error.file?.hasSuffix("fixture/mapping.yaml") == true, sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("\(error.file!):\(error.line!): "), sourceLocation: sourceLocation)
    }

    @Test("The valid fixture loads")
    func validFixtureLoads() throws {
        let mapping = try TestSupport.load(validJSONMapping())
        #expect(mapping.name == "fixture")
        #expect(mapping.sourceFormat == .json)
        #expect(mapping.summary == "A test mapping")
        #expect(mapping.channel.rawValue == "test")
        #expect(mapping.path.hasSuffix("fixture/mapping.yaml"))
    }

    @Test("Unknown transform, with a suggestion")
    func unknownTransform() {
        let yaml = validJSONMapping(
            replacing: "  orderNumber: id",
            with: "  orderNumber:\n    from: id\n    transform:\n      - trim\n      - uppercase"
        )
        expectError(yaml, at: "- uppercase", containing: "unknown transform 'uppercase' (did you mean 'upper'?)")
    }

    @Test("Bad JSONPath")
    func badJSONPath() {
        let yaml = validJSONMapping(replacing: "  currency: currency", with: "  currency: \"a[?(@.x == 'y'\"")
        expectError(yaml, at: "currency: \"a[?", containing: "bad JSONPath")
        let slice = validJSONMapping(replacing: "    sku: sku", with: "    sku: \"codes[0:2]\"")
        expectError(slice, at: "codes[0:2]", containing: "slices are not supported")
    }

    @Test("Bad XPath: syntax, unknown namespace prefix, unknown function")
    func badXPath() {
        let base = """
            format: xml
            channel: test
            namespaces:
              o: urn:example:order
            fields:
              orderNumber: o:Id
              orderDate: o:Date
              currency: o:Currency
              buyer.name: o:Buyer
              shipTo.country: o:Country
              totals.grandTotal: o:Total
            lines:
              each: o:Line
              fields:
                sku: o:Sku
                quantity: o:Qty
                unitPrice: o:Price
            """
        #expect(TestSupport.loadError(base) == nil)
        expectError(
            base.replacingOccurrences(of: "orderNumber: o:Id", with: "orderNumber: \"o:Id[@type=\""),
            at: "o:Id[@type=",
            containing: "bad XPath"
        )
        expectError(
            base.replacingOccurrences(of: "sku: o:Sku", with: "sku: x:Sku"),
            at: "x:Sku",
            containing: "bad XPath 'x:Sku'"
        )
        expectError(
            base.replacingOccurrences(of: "currency: o:Currency", with: "currency: nosuch(o:Currency)"),
            at: "nosuch(",
            containing: "bad XPath"
        )
    }

    @Test("Unknown canonical field, with a suggestion")
    func unknownCanonicalField() {
        let yaml = validJSONMapping(replacing: "  buyer.name: customer.name", with: "  buyer.nmae: customer.name")
        expectError(
            yaml,
            at: "buyer.nmae",
            containing: "unknown canonical field 'buyer.nmae' (did you mean 'buyer.name'?)"
        )
        let lineField = validJSONMapping(replacing: "    sku: sku", with: "    sku: sku\n    colour: colour")
        expectError(lineField, at: "colour:", containing: "unknown canonical line field 'colour'")
        let id = validJSONMapping(replacing: "  orderNumber: id", with: "  orderNumber: id\n  id: id")
        expectError(id, at: "  id: id", containing: "assigned by Kontor")
    }

    @Test("Missing required canonical fields")
    func missingRequiredFields() {
        expectError(
            validJSONMapping(replacing: "  currency: currency\n"),
            at: "fields:",
            containing: "required canonical field 'currency' is not mapped"
        )
        expectError(
            validJSONMapping(replacing: "  buyer.name: customer.name\n"),
            at: "fields:",
            containing: "'buyer.id' or 'buyer.name'"
        )
        expectError(
            validJSONMapping(replacing: "    quantity: qty\n"),
            at: "  fields:",
            containing: "'quantity' is not mapped"
        )
        expectError(
            validJSONMapping(replacing: "    sku: sku\n"),
            at: "  fields:",
            containing: "map at least one of sku, buyerSku and gtin"
        )
        expectError(
            validJSONMapping(
                replacing: "  totals.grandTotal: total",
                with: "  totals.grandTotal: total\n  payment.method: pm"
            ),
            at: "fields:",
            containing: "'payment.status' must be mapped"
        )
    }

    @Test("Structural problems: unknown keys, YAML syntax, duplicates, missing each")
    func structuralProblems() {
        expectError(
            validJSONMapping(replacing: "channel: test", with: "channel: test\nchanel: oops"),
            at: "chanel:",
            containing: "unknown key 'chanel' (did you mean 'channel'?)"
        )
        expectError(
            validJSONMapping(replacing: "  currency: currency", with: "  currency: {from: currency, defualt: EUR}"),
            at: "defualt",
            containing: "unknown key 'defualt' in a value spec (did you mean 'default'?)"
        )
        expectError(
            validJSONMapping(replacing: "  currency: currency", with: "  currency: a: b"),
            at: "currency: a: b",
            containing: "YAML syntax error"
        )
        expectError(
            validJSONMapping(replacing: "  currency: currency", with: "  currency: currency\n  currency: other"),
            at: "currency: currency",
            containing: "duplicate key 'currency'"
        )
        expectError(
            validJSONMapping(replacing: "  each: items[*]\n"),
            at: "lines:",
            containing: "needs each:"
        )
        expectError(
            validJSONMapping(replacing: "format: json", with: "format: idoc-flat"),
            at: "format:",
            containing: "format must be json, xml, csv, x12 or edifact"
        )
    }

    @Test("Transform arguments are checked at load")
    func transformArguments() {
        func spec(_ text: String) -> String {
            validJSONMapping(
                replacing: "  orderNumber: id",
                with: "  orderNumber:\n    from: id\n    transform:\n      - \(text)"
            )
        }
        expectError(spec("split"), at: "- split", containing: "needs an argument: separator")
        expectError(spec("replace: {with: x}"), at: "- replace", containing: "needs an argument: pattern")
        expectError(spec("replace: {pattern: \"([a-z\"}"), at: "- replace", containing: "bad regex")
        expectError(spec("lookup: nosuch"), at: "- lookup", containing: "unknown lookup table 'nosuch'")
        expectError(
            spec("date: {format: \"dd.MM.yyyy\", timeZone: Mars/Olympus}"),
            at: "- date",
            containing: "unknown time zone"
        )
        expectError(spec("date: \"dd.MM.yyyy EEE\""), at: "- date", containing: "unsupported pattern 'EEE'")
        expectError(spec("divide"), at: "- divide", containing: "needs an operand")
        expectError(spec("divide: {by: qty, scale: x}"), at: "scale: x", containing: "must be an integer")
        expectError(spec("trim: yes"), at: "- trim", containing: "takes no arguments")
        expectError(spec("split: {separator: \",\", idx: 1}"), at: "- split", containing: "unknown argument 'idx'")
        expectError(
            validJSONMapping(
                replacing: "  orderNumber: id",
                with: "  orderNumber:\n    from: id\n    when: {field: x, equal: y}"
            ),
            at: "when:",
            containing: "unknown key 'equal' in a condition (did you mean 'equals'?)"
        )
    }

    @Test("A catalog fails as a whole on one invalid mapping")
    func catalogFailsOnInvalidMapping() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, yaml) in [
            ("good", validJSONMapping()), ("bad", validJSONMapping(replacing: "format: json", with: "format: pdf")),
        ] {
            let directory = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try yaml.write(to: directory.appendingPathComponent("mapping.yaml"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("no-mapping-here"),
            withIntermediateDirectories: true
        )
        #expect(throws: MappingError.self) { try MappingCatalog(directory: root.path) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("bad"))
        let catalog = try MappingCatalog(directory: root.path)
        #expect(catalog.names == ["good"])
        #expect(catalog.mappings.map(\.name) == ["good"])
        #expect(catalog.mapping(named: "missing") == nil)
    }

    @Test("A missing file or directory is an invalid mapping")
    func missingFile() {
        #expect(throws: MappingError.self) { try MappingLoader.load(file: "/nonexistent/x/mapping.yaml") }
        #expect(throws: MappingError.self) { try MappingCatalog(directory: "/nonexistent-mappings") }
    }
}
