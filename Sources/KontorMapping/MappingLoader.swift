import Foundation
import KontorModel

/// Loads and validates mapping files (`mappings/<name>/mapping.yaml`; the format is described in
/// `mappings/README.md`).
///
/// Every problem a file can have is found at load time and reported with the file and line: YAML syntax, unknown
/// keys, unknown transforms or missing transform arguments, bad regular expressions, JSONPath or XPath, unknown
/// canonical fields, and required canonical fields that are not mapped.
public enum MappingLoader {
    /// Loads the mapping in `file`; its ``Mapping/name`` is the name of the directory holding the file.
    public static func load(file: String) throws(MappingError) -> Mapping {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .invalidMapping("cannot read the mapping file: \(error.localizedDescription)", file: file, line: nil)
        }
        let name = URL(fileURLWithPath: file).deletingLastPathComponent().lastPathComponent
        return try load(yaml: text, file: file, name: name)
    }

    /// Loads a mapping from YAML text; `file` is used in errors and as ``Mapping/path``.
    static func load(yaml: String, file: String, name: String) throws(MappingError) -> Mapping {
        var parser = MappingFileParser(file: file)
        let definition = try parser.parse(yaml)
        return Mapping(name: name, path: file, definition: definition)
    }
}

/// Turns the YAML of a mapping file into a validated ``MappingDefinition``.
struct MappingFileParser {
    let file: String
    var format: SourceFormat = .json
    var namespaces: [XMLNamespace] = []
    var tables: [String: LookupTable] = [:]

    init(file: String) {
        self.file = file
    }

    static let topLevelKeys = [
        "format", "description", "channel", "namespaces", "csv", "tables", "orders", "fields", "lines", "target",
        "shipments", "events",
    ]
    static let specKeys = [
        "from", "value", "concat", "computed", "separator", "transform", "default", "required", "when", "else",
    ]
    static let transformNames = [
        "trim", "upper", "lower", "htmlDecode", "first", "last", "sum", "join", "decimal", "split", "replace",
        "lookup", "date", "multiply", "divide", "add", "subtract", "round", "stripPrefix", "stripSuffix",
    ]
    static let conditionTests = ["equals", "notEquals", "in", "exists", "matches"]

    func error(_ message: String, _ line: Int?) -> MappingError {
        .invalidMapping(message, file: file, line: line)
    }

    // MARK: File

    mutating func parse(_ yaml: String) throws(MappingError) -> MappingDefinition {
        let parsed: YAMLTree?
        do {
            parsed = try YAMLTree.parse(yaml)
        } catch {
            throw self.error(error.message, error.line)
        }
        guard let root = parsed, case .mapping(let entries, _) = root else {
            throw error("a mapping file must be a YAML mapping with format:, channel:, fields: and lines:", 1)
        }
        for entry in entries where !Self.topLevelKeys.contains(entry.key) {
            throw error(
                "unknown key '\(entry.key)'\(Self.suggestion(entry.key, Self.topLevelKeys)) (expected "
                    + Self.topLevelKeys.joined(separator: ", ") + ")",
                entry.keyLine
            )
        }
        func entry(_ key: String) -> (keyLine: Int, value: YAMLTree)? {
            entries.first { $0.key == key }.map { ($0.keyLine, $0.value) }
        }

        guard let formatEntry = entry("format") else {
            throw error("missing 'format:' (json, xml, csv, x12 or edifact)", 1)
        }
        guard let formatName = formatEntry.value.string, ["json", "xml", "csv", "x12", "edifact"].contains(formatName)
        else {
            throw error("format must be json, xml, csv, x12 or edifact", formatEntry.value.line)
        }
        format = SourceFormat(rawValue: formatName)

        if let targetEntry = entry("target") {
            guard let name = targetEntry.value.string, let target = MappingTarget(rawValue: name) else {
                throw error("target must be order or tracking", targetEntry.value.line)
            }
            if target == .tracking {
                return try parseTrackingMapping(entries)
            }
        }
        for key in ["shipments", "events"] {
            if let misplaced = entry(key) {
                throw error("\(key): belongs to a tracking mapping (add target: tracking)", misplaced.keyLine)
            }
        }

        guard let channelEntry = entry("channel") else { throw error("missing 'channel:' (e.g. shopify)", 1) }
        guard let channel = channelEntry.value.string, !channel.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error("channel must be a non-empty string", channelEntry.value.line)
        }
        let (summary, csv) = try parseSharedKeys(entries)
        var orders = OrdersSelection.whole
        if let ordersEntry = entry("orders") {
            orders = try parseOrders(ordersEntry.value)
        }

        guard let fieldsEntry = entry("fields") else { throw error("missing 'fields:' (the order's fields)", 1) }
        let fields = try parseFields(fieldsEntry.value, lineLevel: false)
        try checkRequiredOrderFields(fields, line: fieldsEntry.keyLine)

        guard let linesEntry = entry("lines") else { throw error("missing 'lines:' (each: and fields:)", 1) }
        let lines = try parseLines(linesEntry.value, keyLine: linesEntry.keyLine)

        return MappingDefinition(
            format: format,
            channel: channel,
            summary: summary,
            namespaces: namespaces,
            orders: orders,
            csv: csv,
            fields: fields,
            lines: lines
        )
    }

    func parseNamespaces(_ node: YAMLTree) throws(MappingError) -> [XMLNamespace] {
        guard case .mapping(let entries, _) = node else {
            throw error("namespaces: must map prefixes to namespace URIs", node.line)
        }
        var result: [XMLNamespace] = []
        for entry in entries {
            guard let uri = entry.value.string, !uri.isEmpty else {
                throw error("namespace '\(entry.key)' needs a URI", entry.value.line)
            }
            guard !entry.key.isEmpty, !entry.key.contains(":"), !entry.key.contains(" ") else {
                throw error("invalid namespace prefix '\(entry.key)'", entry.keyLine)
            }
            result.append(XMLNamespace(prefix: entry.key, uri: uri))
        }
        return result
    }

    func parseCSVOptions(_ node: YAMLTree) throws(MappingError) -> CSVOptions {
        guard case .mapping(let entries, _) = node else {
            throw error("csv: must be a mapping with delimiter: and encoding:", node.line)
        }
        var options = CSVOptions()
        for entry in entries {
            switch entry.key {
            case "delimiter":
                guard let text = entry.value.string else {
                    throw error("delimiter must be one character", entry.value.line)
                }
                let delimiter = text == "tab" || text == "\\t" ? "\t" : text
                guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte != UInt8(ascii: "\""),
                    byte != 0x0A, byte != 0x0D
                else {
                    throw error(
                        "delimiter must be one ASCII character other than a quote or line break",
                        entry.value.line
                    )
                }
                options.delimiter = byte
            case "encoding":
                guard let text = entry.value.string, let encoding = CSVEncoding(rawValue: text.lowercased()) else {
                    throw error("encoding must be utf-8, iso-8859-1 or windows-1252", entry.value.line)
                }
                options.encoding = encoding
            default:
                throw error("unknown csv option '\(entry.key)' (expected delimiter, encoding)", entry.keyLine)
            }
        }
        return options
    }

    func parseTables(_ node: YAMLTree) throws(MappingError) -> [String: LookupTable] {
        guard case .mapping(let entries, _) = node else {
            throw error("tables: must map table names to tables", node.line)
        }
        var result: [String: LookupTable] = [:]
        for entry in entries {
            if BuiltinTables.table(named: entry.key) != nil {
                throw error("table '\(entry.key)' would hide the built-in table of that name", entry.keyLine)
            }
            guard case .mapping(let pairs, _) = entry.value else {
                throw error("table '\(entry.key)' must map values to values", entry.value.line)
            }
            var source = pairs
            var defaultValue: String?
            var ignoreCase = false
            let structured =
                pairs.contains { $0.key == "entries" }
                && pairs.allSatisfy { ["entries", "default", "ignoreCase"].contains($0.key) }
            if structured {
                guard case .mapping(let inner, _) = entry.value["entries"]! else {
                    throw error("entries: of table '\(entry.key)' must map values to values", entry.value.line)
                }
                source = inner
                if let node = entry.value["default"] {
                    guard let text = node.string else { throw error("default must be a value", node.line) }
                    defaultValue = text
                }
                if let node = entry.value["ignoreCase"] {
                    guard let flag = node.bool else { throw error("ignoreCase must be true or false", node.line) }
                    ignoreCase = flag
                }
            }
            var map: [String: String] = [:]
            for pair in source {
                guard let value = pair.value.string else {
                    throw error(
                        "table '\(entry.key)': the value for '\(pair.key)' must be a single value",
                        pair.value.line
                    )
                }
                map[ignoreCase ? pair.key.lowercased() : pair.key] = value
            }
            let caseFolding = ignoreCase
            result[entry.key] = LookupTable(
                name: entry.key,
                entries: map,
                normalize: { caseFolding ? $0.lowercased() : $0 },
                defaultValue: defaultValue,
                compute: nil
            )
        }
        return result
    }

    /// The keys order and tracking mappings share: `description:` (returned as the summary), `namespaces:` (XML),
    /// `csv:` (CSV options, returned) and `tables:`.
    mutating func parseSharedKeys(
        _ entries: [(key: String, keyLine: Int, value: YAMLTree)]
    ) throws(MappingError) -> (summary: String, csv: CSVOptions) {
        func entry(_ key: String) -> (keyLine: Int, value: YAMLTree)? {
            entries.first { $0.key == key }.map { ($0.keyLine, $0.value) }
        }
        var summary = ""
        if let description = entry("description") {
            guard let text = description.value.string else {
                throw error("description must be text", description.value.line)
            }
            summary = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let namespacesEntry = entry("namespaces") {
            guard format == .xml else { throw error("namespaces: is only for format: xml", namespacesEntry.keyLine) }
            namespaces = try parseNamespaces(namespacesEntry.value)
        }
        var csv = CSVOptions()
        if let csvEntry = entry("csv") {
            guard format == .csv else { throw error("csv: is only for format: csv", csvEntry.keyLine) }
            csv = try parseCSVOptions(csvEntry.value)
        }
        if let tablesEntry = entry("tables") {
            tables = try parseTables(tablesEntry.value)
        }
        return (summary, csv)
    }

    func parseOrders(_ node: YAMLTree) throws(MappingError) -> OrdersSelection {
        if format == .x12 || format == .edifact {
            throw error(
                "an \(format) mapping translates one transaction set or message into one order; leave out orders:",
                node.line
            )
        }
        if format == .csv {
            guard case .mapping(let entries, _) = node, entries.count == 1, entries[0].key == "groupBy",
                let column = entries[0].value.string, !column.isEmpty
            else {
                throw error("for CSV, orders: must be {groupBy: <column>}", node.line)
            }
            return .groupBy(column)
        }
        guard let text = node.string else {
            throw error("orders: must be a selector of the order nodes", node.line)
        }
        return .select(try selector(text, line: node.line))
    }

    // MARK: Fields

    private func parseFields(_ node: YAMLTree, lineLevel: Bool) throws(MappingError) -> [FieldMapping] {
        guard case .mapping(let entries, _) = node else {
            throw error("fields: must map canonical fields to value specs", node.line)
        }
        var result: [FieldMapping] = []
        for entry in entries {
            let field = try canonicalField(entry.key, lineLevel: lineLevel, line: entry.keyLine)
            let spec = try parseSpec(entry.value)
            if lineLevel, spec.usesLinesTotal {
                throw error("computed: linesTotal is an order-level value; a line cannot use it", spec.line)
            }
            if spec.required == false, field.isRequiredByModel, field.optionalGroup == nil {
                throw error(
                    "'\(entry.key)' is required by the canonical model; required: false is not allowed",
                    spec.line
                )
            }
            result.append(FieldMapping(field: field, spec: spec, line: entry.keyLine))
        }
        return result
    }

    private func canonicalField(_ name: String, lineLevel: Bool, line: Int) throws(MappingError) -> CanonicalField {
        if lineLevel {
            if let field = CanonicalField.lineField(name) { return field }
            let known = CanonicalField.lineFields.keys.sorted()
            throw error(
                "unknown canonical line field '\(name)'\(Self.suggestion(name, known)) (line fields: "
                    + known.joined(separator: ", ") + ")",
                line
            )
        }
        if let field = CanonicalField.orderField(name) { return field }
        switch name {
        case "id":
            throw error("'id' is assigned by Kontor at ingest and cannot be mapped", line)
        case "schemaVersion":
            throw error("'schemaVersion' is set by the engine and cannot be mapped", line)
        case "channel":
            throw error("set the channel with the top-level 'channel:' key", line)
        case "lines":
            throw error("line fields go under 'lines:' → 'fields:'", line)
        default:
            if name.hasPrefix("lines.") || name.hasPrefix("lines[") {
                throw error("line fields go under 'lines:' → 'fields:' (found '\(name)')", line)
            }
            let known = CanonicalField.orderFields.keys.sorted() + ["externalIds.<key>", "attributes.<key>"]
            throw error("unknown canonical field '\(name)'\(Self.suggestion(name, known))", line)
        }
    }

    private func checkRequiredOrderFields(_ fields: [FieldMapping], line: Int) throws(MappingError) {
        let mapped = Set(fields.map(\.field.name))
        for required in ["orderNumber", "orderDate", "currency", "shipTo.country", "totals.grandTotal"]
        where !mapped.contains(required) {
            throw error("required canonical field '\(required)' is not mapped", line)
        }
        guard mapped.contains("buyer.id") || mapped.contains("buyer.name") else {
            throw error("required canonical field 'buyer.id' or 'buyer.name' is not mapped", line)
        }
        for (group, required) in [
            ("billTo", "billTo.country"), ("payment", "payment.status"), ("delivery", "delivery.method"),
        ]
        where mapped.contains(where: { $0.hasPrefix(group + ".") }) && !mapped.contains(required) {
            throw error("'\(required)' must be mapped when other \(group) fields are", line)
        }
    }

    private func parseLines(_ node: YAMLTree, keyLine: Int) throws(MappingError) -> LinesMapping {
        guard case .mapping(let entries, _) = node else {
            throw error("lines: must be a mapping with each: and fields:", node.line)
        }
        for entry in entries where !["each", "when", "fields"].contains(entry.key) {
            throw error("unknown key '\(entry.key)' in lines: (expected each, when, fields)", entry.keyLine)
        }
        var each: Selector?
        if let eachNode = node["each"] {
            guard format != .csv else {
                throw error("for CSV, leave out each: (every row of an order is a line)", eachNode.line)
            }
            guard let text = eachNode.string else { throw error("each: must be a selector", eachNode.line) }
            each = try selector(text, line: eachNode.line)
            if case .segment(let path) = each?.kind, path.terminal != .segment {
                throw error("each: must select segments, like PO1[*] or LIN[*], not an element", eachNode.line)
            }
        } else if format != .csv {
            throw error("lines: needs each: (the selector of the repeating line group)", keyLine)
        }
        let condition = try node["when"].map { (node) throws(MappingError) in try parseCondition(node) }
        guard let fieldsEntry = entries.first(where: { $0.key == "fields" }) else {
            throw error("lines: needs fields:", keyLine)
        }
        let fields = try parseFields(fieldsEntry.value, lineLevel: true)
        let mapped = Set(fields.map(\.field.name))
        for required in ["quantity", "unitPrice"] where !mapped.contains(required) {
            throw error("required canonical line field '\(required)' is not mapped", fieldsEntry.keyLine)
        }
        guard mapped.contains("sku") || mapped.contains("buyerSku") || mapped.contains("gtin") else {
            throw error("lines need an item id: map at least one of sku, buyerSku and gtin", fieldsEntry.keyLine)
        }
        return LinesMapping(each: each, condition: condition, fields: fields, line: keyLine)
    }

    // MARK: Value specs

    func parseSpec(_ node: YAMLTree) throws(MappingError) -> ValueSpec {
        switch node {
        case .scalar:
            guard let text = node.string, !text.isEmpty else {
                throw error("expected a selector or a value spec, found nothing", node.line)
            }
            return ValueSpec(source: .select(try selector(text, line: node.line)), line: node.line)
        case .sequence:
            throw error("expected a selector or a value spec mapping, found a list", node.line)
        case .mapping(let entries, let line):
            for entry in entries where !Self.specKeys.contains(entry.key) {
                throw error(
                    "unknown key '\(entry.key)' in a value spec\(Self.suggestion(entry.key, Self.specKeys)) (expected "
                        + Self.specKeys.joined(separator: ", ") + ")",
                    entry.keyLine
                )
            }
            let sources = entries.filter { ["from", "value", "concat", "computed"].contains($0.key) }
            guard sources.count == 1 else {
                throw error("a value spec needs exactly one of from:, value:, concat: or computed:", line)
            }
            let source: ValueSource
            let sourceNode = sources[0].value
            switch sources[0].key {
            case "from":
                guard let text = sourceNode.string, !text.isEmpty else {
                    throw error("from: must be a selector", sourceNode.line)
                }
                source = .select(try selector(text, line: sourceNode.line))
            case "value":
                guard let text = sourceNode.string else {
                    throw error("value: must be a constant (text or number)", sourceNode.line)
                }
                source = .constant(text)
            case "computed":
                guard sourceNode.string == "linesTotal" else {
                    throw error("computed: must be linesTotal (the sum of the lines)", sourceNode.line)
                }
                source = .linesTotal
            default:
                guard case .sequence(let parts, _) = sourceNode, !parts.isEmpty else {
                    throw error("concat: must be a list of value specs", sourceNode.line)
                }
                var specs: [ValueSpec] = []
                for part in parts { specs.append(try parseSpec(part)) }
                var separator = ""
                if let separatorNode = node["separator"] {
                    guard case .scalar(let text, _, _) = separatorNode else {
                        throw error("separator: must be text", separatorNode.line)
                    }
                    separator = text
                }
                source = .concat(specs, separator: separator)
            }
            if let separatorNode = node["separator"], case .select = source {
                throw error("separator: goes with concat:", separatorNode.line)
            } else if let separatorNode = node["separator"], case .constant = source {
                throw error("separator: goes with concat:", separatorNode.line)
            }
            var transforms: [TransformStep] = []
            if let transformNode = node["transform"] {
                if case .sequence(let steps, _) = transformNode {
                    for step in steps { transforms.append(try parseTransform(step)) }
                } else {
                    transforms.append(try parseTransform(transformNode))
                }
            }
            var defaultValue: String?
            if let defaultNode = node["default"] {
                guard let text = defaultNode.string else {
                    throw error("default: must be a constant", defaultNode.line)
                }
                defaultValue = text
            }
            var required: Bool?
            if let requiredNode = node["required"] {
                guard let flag = requiredNode.bool else {
                    throw error("required: must be true or false", requiredNode.line)
                }
                required = flag
            }
            let condition = try node["when"].map { (node) throws(MappingError) in try parseCondition(node) }
            let elseSpec = try node["else"].map { (node) throws(MappingError) in try parseSpec(node) }
            return ValueSpec(
                source: source,
                transforms: transforms,
                defaultValue: defaultValue,
                required: required,
                condition: condition,
                elseSpec: elseSpec,
                line: line
            )
        }
    }

    func selector(_ text: String, line: Int) throws(MappingError) -> Selector {
        switch format {
        case .json:
            do {
                return Selector(text: text, kind: .json(try JSONPath.parse(text)), line: line)
            } catch {
                throw self.error("bad JSONPath '\(text)': \(error.message)", line)
            }
        case .xml:
            if let problem = XMLRuntime.problem(withXPath: text, namespaces: namespaces) {
                throw error("bad XPath '\(text)': \(problem)", line)
            }
            return Selector(text: text, kind: .xpath, line: line)
        case .x12, .edifact:
            do {
                return Selector(text: text, kind: .segment(try SegmentSelectorParser.parse(text)), line: line)
            } catch {
                throw self.error("bad segment selector '\(text)': \(error.message)", line)
            }
        default:
            var name = text.trimmingCharacters(in: .whitespaces)
            let allRows = name.hasSuffix("[*]")
            if allRows { name = String(name.dropLast(3)).trimmingCharacters(in: .whitespaces) }
            guard !name.isEmpty else { throw error("empty CSV column name", line) }
            return Selector(text: text, kind: .column(name: name, allRows: allRows), line: line)
        }
    }

    // MARK: Conditions

    func parseCondition(_ node: YAMLTree) throws(MappingError) -> Condition {
        guard case .mapping(let entries, let line) = node else {
            throw error("when: must be a condition like {field: <selector>, equals: <value>}", node.line)
        }
        if let composite = entries.first(where: { ["all", "any", "not"].contains($0.key) }) {
            guard entries.count == 1 else {
                throw error("'\(composite.key)' cannot be combined with other keys in one condition", line)
            }
            if composite.key == "not" { return .not(try parseCondition(composite.value)) }
            guard case .sequence(let items, _) = composite.value, !items.isEmpty else {
                throw error("\(composite.key): must be a list of conditions", composite.value.line)
            }
            var conditions: [Condition] = []
            for item in items { conditions.append(try parseCondition(item)) }
            return composite.key == "all" ? .all(conditions) : .any(conditions)
        }
        for entry in entries where entry.key != "field" && !Self.conditionTests.contains(entry.key) {
            throw error(
                "unknown key '\(entry.key)' in a condition\(Self.suggestion(entry.key, Self.conditionTests + ["field"])) "
                    + "(expected field: and one of " + Self.conditionTests.joined(separator: ", ")
                    + ", or all:, any:, not:)",
                entry.keyLine
            )
        }
        guard let fieldNode = node["field"], let fieldText = fieldNode.string else {
            throw error("a condition needs field: <selector>", line)
        }
        let selector = try selector(fieldText, line: fieldNode.line)
        let tests = entries.filter { Self.conditionTests.contains($0.key) }
        guard tests.count == 1, let test = tests.first else {
            throw error("a condition needs exactly one of " + Self.conditionTests.joined(separator: ", "), line)
        }
        switch test.key {
        case "equals", "notEquals":
            guard let value = test.value.string else { throw error("\(test.key): must be a value", test.value.line) }
            return .test(selector, test.key == "equals" ? .equals(value) : .notEquals(value))
        case "in":
            guard case .sequence(let items, _) = test.value else {
                throw error("in: must be a list of values", test.value.line)
            }
            var values: [String] = []
            for item in items {
                guard let value = item.string else { throw error("in: must list values", item.line) }
                values.append(value)
            }
            return .test(selector, .oneOf(values))
        case "exists":
            guard let flag = test.value.bool else { throw error("exists: must be true or false", test.value.line) }
            return .test(selector, .exists(flag))
        default:
            guard let pattern = test.value.string else { throw error("matches: must be a regex", test.value.line) }
            return .test(selector, .matches(try regex(pattern, line: test.value.line)))
        }
    }

    private func regex(_ pattern: String, line: Int) throws(MappingError) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw self.error("bad regex '\(pattern)'", line)
        }
    }

    // MARK: Transforms

    func parseTransform(_ node: YAMLTree) throws(MappingError) -> TransformStep {
        let name: String
        let arguments: YAMLTree?
        let line = node.line
        switch node {
        case .scalar:
            guard let text = node.string else { throw error("expected a transform name", line) }
            name = text
            arguments = nil
        case .mapping(let entries, _):
            guard entries.count == 1 else {
                throw error("a transform is a name or a single 'name: arguments' entry", line)
            }
            name = entries[0].key
            arguments = entries[0].value
        case .sequence:
            throw error("expected a transform, found a list", line)
        }
        guard Self.transformNames.contains(name) else {
            throw error(
                "unknown transform '\(name)'\(Self.suggestion(name, Self.transformNames)) (known: "
                    + Self.transformNames.joined(separator: ", ") + ")",
                line
            )
        }
        let transform = try makeTransform(name, arguments: arguments, line: line)
        return TransformStep(name: name, transform: transform, line: line)
    }

    private func makeTransform(_ name: String, arguments: YAMLTree?, line: Int) throws(MappingError) -> Transform {
        let options = try TransformArguments(name: name, node: arguments, parser: self, line: line)
        switch name {
        case "trim": try options.none(); return .trim
        case "upper": try options.none(); return .upper
        case "lower": try options.none(); return .lower
        case "htmlDecode": try options.none(); return .htmlDecode
        case "first": try options.none(); return .first
        case "last": try options.none(); return .last
        case "sum": try options.none(); return .sum
        case "join":
            return .join(separator: try options.string("separator", shorthand: true, required: false) ?? ", ")
        case "decimal":
            let decimalSeparator = try options.character("decimalSeparator") ?? "."
            let groupingSeparator = try options.character("groupingSeparator")
            try options.onlyKeys(["decimalSeparator", "groupingSeparator"])
            return .decimal(decimalSeparator: decimalSeparator, groupingSeparator: groupingSeparator)
        case "split":
            guard let separator = try options.string("separator", shorthand: true, required: true), !separator.isEmpty
            else { throw error("split: separator must not be empty", line) }
            let index = try options.integer("index") ?? 0
            try options.onlyKeys(["separator", "index"])
            return .split(separator: separator, index: index)
        case "replace":
            let pattern = try options.string("pattern", shorthand: false, required: true)!
            let template = try options.string("with", shorthand: false, required: false) ?? ""
            try options.onlyKeys(["pattern", "with"])
            return .replace(try regex(pattern, line: options.line(of: "pattern")), template: template)
        case "lookup":
            let tableName = try options.string("table", shorthand: true, required: true)!
            guard let table = tables[tableName] ?? BuiltinTables.table(named: tableName) else {
                let known = tables.keys.sorted() + BuiltinTables.names
                throw error(
                    "unknown lookup table '\(tableName)'\(Self.suggestion(tableName, known)) (tables: "
                        + known.joined(separator: ", ") + ")",
                    options.line(of: "table")
                )
            }
            let defaultValue = try options.string("default", shorthand: false, required: false)
            let passThrough = try options.bool("passThrough") ?? false
            try options.onlyKeys(["table", "default", "passThrough"])
            if defaultValue != nil && passThrough {
                throw error("lookup: give default: or passThrough: true, not both", line)
            }
            let fallback: LookupFallback =
                passThrough ? .passThrough : defaultValue.map { .constant($0) } ?? .fail
            return .lookup(table, fallback: fallback)
        case "date":
            let format = try options.string("format", shorthand: true, required: true)!
            let timeZone = try options.string("timeZone", shorthand: false, required: false)
            let output = try options.string("output", shorthand: false, required: false)
            try options.onlyKeys(["format", "timeZone", "output"])
            do {
                return .date(try DateTransform(format: format, timeZone: timeZone, output: output))
            } catch {
                throw self.error("date: \(error.message)", line)
            }
        case "multiply", "divide", "add", "subtract":
            let operation = ArithmeticOperation(rawValue: name)!
            let (operand, scale, rounding) = try options.arithmetic()
            return .arithmetic(operation, operand: operand, scale: scale, rounding: rounding)
        case "round":
            if let node = arguments, case .scalar = node {
                guard let text = node.string, let scale = Int(text), scale >= 0 else {
                    throw error("round: takes a scale (digits after the point)", line)
                }
                return .round(scale: scale, rounding: .halfUp)
            }
            guard let scale = try options.integer("scale"), scale >= 0 else {
                throw error("round: needs scale: (digits after the point)", line)
            }
            let rounding = try options.rounding() ?? .halfUp
            try options.onlyKeys(["scale", "rounding"])
            return .round(scale: scale, rounding: rounding)
        default:  // stripPrefix, stripSuffix
            guard let text = try options.string("value", shorthand: true, required: true), !text.isEmpty else {
                throw error("\(name): needs the text to strip", line)
            }
            return name == "stripPrefix" ? .stripPrefix(text) : .stripSuffix(text)
        }
    }

    // MARK: Suggestions

    /// `" (did you mean 'upper'?)"` when a known word is close to `word`.
    static func suggestion(_ word: String, _ candidates: [String]) -> String {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= max(2, word.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
            if best == nil, candidate.lowercased().hasPrefix(lowered) || lowered.hasPrefix(candidate.lowercased()) {
                best = (candidate, 99)
            }
        }
        return best.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        for (i, leftCharacter) in left.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: right.count)
            for (j, rightCharacter) in right.enumerated() {
                current[j + 1] = min(
                    previous[j + 1] + 1,
                    current[j] + 1,
                    previous[j] + (leftCharacter == rightCharacter ? 0 : 1)
                )
            }
            previous = current
        }
        return previous[right.count]
    }
}

/// The arguments of one transform: nothing, a scalar shorthand, or a mapping of named options.
private struct TransformArguments {
    let name: String
    let node: YAMLTree?
    let parser: MappingFileParser
    let line: Int

    init(name: String, node: YAMLTree?, parser: MappingFileParser, line: Int) throws(MappingError) {
        self.name = name
        self.node = node
        self.parser = parser
        self.line = line
    }

    private func error(_ message: String, _ line: Int? = nil) -> MappingError {
        .invalidMapping(message, file: parser.file, line: line ?? self.line)
    }

    func line(of key: String) -> Int {
        node?[key]?.line ?? node?.line ?? line
    }

    func none() throws(MappingError) {
        if let node, node.string != nil || { if case .mapping = node { true } else { false } }() {
            throw error("transform '\(name)' takes no arguments", node.line)
        }
    }

    func onlyKeys(_ keys: [String]) throws(MappingError) {
        guard let node, case .mapping(let entries, _) = node else { return }
        for entry in entries where !keys.contains(entry.key) {
            throw error(
                "unknown argument '\(entry.key)' for transform '\(name)' (expected " + keys.joined(separator: ", ")
                    + ")",
                entry.keyLine
            )
        }
    }

    /// A string option; with `shorthand`, a bare scalar (`split: ","`) stands for this option.
    func string(_ key: String, shorthand: Bool, required: Bool) throws(MappingError) -> String? {
        guard let node else {
            if required { throw error("transform '\(name)' needs an argument: \(key)") }
            return nil
        }
        switch node {
        case .scalar(let text, _, _):
            guard shorthand else {
                if required {
                    throw error("transform '\(name)' takes arguments as a mapping (\(key): ...)", node.line)
                }
                return nil
            }
            if node.string == nil, required { throw error("transform '\(name)' needs an argument: \(key)", node.line) }
            return node.string == nil ? nil : text
        case .mapping:
            guard let value = node[key] else {
                if required { throw error("transform '\(name)' needs an argument: \(key)", node.line) }
                return nil
            }
            guard case .scalar(let text, _, _) = value, value.string != nil || !required else {
                throw error("argument \(key) of transform '\(name)' must be a single value", value.line)
            }
            return text
        case .sequence:
            throw error("transform '\(name)' takes a value or a mapping of arguments, not a list", node.line)
        }
    }

    func character(_ key: String) throws(MappingError) -> Character? {
        guard let text = try string(key, shorthand: false, required: false) else { return nil }
        guard text.count == 1 else {
            throw error("argument \(key) of transform '\(name)' must be one character", line(of: key))
        }
        return text.first
    }

    func integer(_ key: String) throws(MappingError) -> Int? {
        guard let node, case .mapping = node else { return nil }
        guard let value = node[key] else { return nil }
        guard let text = value.string, let number = Int(text) else {
            throw error("argument \(key) of transform '\(name)' must be an integer", value.line)
        }
        return number
    }

    func bool(_ key: String) throws(MappingError) -> Bool? {
        guard let node, case .mapping = node, let value = node[key] else { return nil }
        guard let flag = value.bool else {
            throw error("argument \(key) of transform '\(name)' must be true or false", value.line)
        }
        return flag
    }

    func rounding() throws(MappingError) -> DecimalAmount.RoundingRule? {
        guard let node, case .mapping = node, let value = node["rounding"] else { return nil }
        switch value.string {
        case "halfUp": return .halfUp
        case "halfEven": return .halfEven
        case "down": return .down
        case "up": return .up
        default: throw error("rounding must be halfUp, halfEven, down or up", value.line)
        }
    }

    /// `multiply: 100`, `divide: quantity`, `add: {from: x, default: 0}` or `divide: {by: quantity, scale: 2}`.
    func arithmetic() throws(MappingError) -> (ValueSpec, Int?, DecimalAmount.RoundingRule) {
        guard let node else { throw error("transform '\(name)' needs an operand") }
        if case .mapping = node, let byNode = node["by"] {
            try onlyKeys(["by", "scale", "rounding"])
            let operand = try operandSpec(byNode)
            let scale = try integer("scale")
            if let scale, scale < 0 { throw error("scale must not be negative", line(of: "scale")) }
            return (operand, scale, try rounding() ?? .halfUp)
        }
        return (try operandSpec(node), nil, .halfUp)
    }

    /// A number written plainly in YAML is a constant; any other scalar is a selector; a mapping is a value spec.
    private func operandSpec(_ node: YAMLTree) throws(MappingError) -> ValueSpec {
        if case .scalar(let text, let isPlain, _) = node, isPlain, let number = DecimalText.normalize(text),
            text.first != "+"
        {
            return ValueSpec(source: .constant(number), line: node.line)
        }
        return try parser.parseSpec(node)
    }
}
