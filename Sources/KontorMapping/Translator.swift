import Foundation
import KontorModel

/// One value a selector yields, with its concrete source path.
struct SourceItem {
    enum Value {
        case text(String)
        case null
        /// An object, array or element with children where a single value was expected; the string says which.
        case composite(String)
    }

    let value: Value
    let location: SourcePath

    /// The concrete source path, e.g. `$.items[0].sku` or `PO107 at segment 12`.
    var path: String { location.text }

    init(value: Value, path: String) {
        self.value = value
        self.location = SourcePath(path)
    }

    init(value: Value, location: SourcePath) {
        self.value = value
        self.location = location
    }
}

/// A source path, spelled out only when needed (errors, traces): segment paths are built from their parts.
struct SourcePath {
    private let base: String
    /// Where `base` was looked for, for `<base> in <detail>`; empty when not given.
    private let detail: String
    /// The segment position for `... at segment <n>`; negative for none.
    private let segment: Int
    /// Builds the whole text on demand (an XML node's path costs a walk over its siblings).
    private let spell: (() -> String)?

    init(_ text: String) {
        base = text
        detail = ""
        segment = -1
        spell = nil
    }

    /// A path worked out only if it is ever needed.
    init(lazy spell: @escaping () -> String) {
        base = ""
        detail = ""
        segment = -1
        self.spell = spell
    }

    /// `PO104 at segment 13`, or with `detail` `PID05 in PO1 at segment 9`; `segment` negative: `BEG03 in ST..SE`.
    init(_ what: String, in detail: String = "", segment: Int) {
        base = what
        self.detail = detail
        self.segment = segment
        spell = nil
    }

    var text: String {
        if let spell { return spell() }
        var text = base
        if !detail.isEmpty { text += " in " + detail }
        if segment >= 0 { text += " at segment " + String(segment) }
        return text
    }
}

/// The source paths of the values that went into each canonical field, for mapping a decoding error back to its
/// source. Recorded only on the second pass over an order whose first pass did not build (see `translateOrder`).
struct Trace {
    let enabled: Bool
    private(set) var entries: [String: String] = [:]

    init(enabled: Bool) {
        self.enabled = enabled
    }

    mutating func record(_ key: @autoclosure () -> String, _ path: @autoclosure () -> String?) {
        guard enabled, let path = path() else { return }
        entries[key()] = path
    }
}

/// Format-specific access to a parsed document: JSON, XML or CSV.
protocol SourceAccess {
    associatedtype Context

    /// The context of a document that is one order.
    var rootContext: Context { get }

    /// The values `selector` yields in `context`.
    func items(_ selector: Selector, in context: Context) throws(MappingError) -> [SourceItem]

    /// The orders or lines `selector` yields in `context`.
    func contexts(_ selector: Selector, in context: Context) throws(MappingError) -> [Context]

    /// The orders of a CSV document grouped by a column (other formats never get `groupBy`).
    func groups(by column: String, in context: Context) throws(MappingError) -> [Context]

    /// The lines of an order when the mapping gives no `each:` (CSV: one line per row).
    func lineContexts(in order: Context) -> [Context]

    /// Where `selector` points from `context`, to name a value that is not there.
    func describe(_ selector: Selector, in context: Context) -> String

    /// ``describe(_:in:)``, spelled out only when needed (it is computed for every value that is not there).
    func location(of selector: Selector, in context: Context) -> SourcePath

    /// The source path of a context, e.g. `$.orders[1]` or `/Orders/Order[2]`.
    func path(of context: Context) -> String
}

extension SourceAccess {
    func location(of selector: Selector, in context: Context) -> SourcePath {
        SourcePath(describe(selector, in: context))
    }
}

/// The values a spec produced, and the source path they came from (or where they were looked for).
struct Evaluated {
    var values: [String]
    var location: SourcePath?

    /// The source path, spelled out.
    var path: String? { location?.text }

    init(values: [String], path: String?) {
        self.values = values
        self.location = path.map(SourcePath.init)
    }

    init(values: [String], location: SourcePath?) {
        self.values = values
        self.location = location
    }
}

/// A canonical order under construction: a JSON object tree of strings (never `null` or numbers).
typealias OutputValue = CanonicalTree

/// A canonical field path such as `lines[3].unitPrice`, joined only when an error or a trace needs it (it is
/// passed along for every value of every line).
struct FieldName {
    let prefix: String
    let name: String

    var text: String { prefix + name }
}

/// What one order's translation knows beyond its source: the total of its lines, once they are built.
private final class OrderState {
    var linesTotal: String?
}

/// Runs a ``MappingDefinition`` over one parsed document.
struct Translator<Access: SourceAccess> {
    let definition: MappingDefinition
    let access: Access
    private let state = OrderState()

    init(definition: MappingDefinition, access: Access) {
        self.definition = definition
        self.access = access
    }

    func translate(root: Access.Context) throws(MappingError) -> [CanonicalOrder] {
        let orders: [Access.Context]
        switch definition.orders {
        case .whole:
            orders = [root]
        case .select(let selector):
            orders = try access.contexts(selector, in: root)
            guard !orders.isEmpty else {
                throw .unmappable(
                    "the document holds no orders: the orders selector matched nothing",
                    field: access.describe(selector, in: root),
                    canonicalField: nil
                )
            }
        case .groupBy(let column):
            orders = try access.groups(by: column, in: root)
            guard !orders.isEmpty else {
                throw .unmappable("the document holds no orders: it has no data rows", field: nil, canonicalField: nil)
            }
        case .firstMatching(let selectors):
            orders = try firstMatching(selectors, in: root)
        }
        var result: [CanonicalOrder] = []
        result.reserveCapacity(orders.count)
        for order in orders {
            result.append(try translateOrder(order))
        }
        return result
    }

    /// The contexts of the first of `selectors` that selects any; unmappable when none does.
    func firstMatching(_ selectors: [Selector], in root: Access.Context) throws(MappingError) -> [Access.Context] {
        for selector in selectors {
            let found = try access.contexts(selector, in: root)
            if !found.isEmpty { return found }
        }
        throw .unmappable(
            "the document holds nothing the selectors select",
            field: selectors.map { access.describe($0, in: root) }.joined(separator: ", "),
            canonicalField: nil
        )
    }

    // MARK: Orders and lines

    /// Translates one order. The first pass records no trace; should the order not build, a second pass with a
    /// trace finds the same problem and names its source path.
    private func translateOrder(_ context: Access.Context, tracing: Bool = false) throws(MappingError)
        -> CanonicalOrder
    {
        var order: [String: OutputValue] = [
            "schemaVersion": .string(SchemaVersion.current.rawValue),
            "channel": .string(definition.channel),
            "buyer": .object([:]),
        ]
        var trace = Trace(enabled: tracing)
        state.linesTotal = nil
        // Fields that use `computed: linesTotal` wait for the lines.
        let deferred = definition.fields.filter { $0.spec.usesLinesTotal }
        let immediate = deferred.isEmpty ? definition.fields : definition.fields.filter { !$0.spec.usesLinesTotal }
        try fill(&order, with: immediate, in: context, canonicalPrefix: "", trace: &trace)

        var lines: [OutputValue] = []
        let lineContexts: [Access.Context]
        if let each = definition.lines.each {
            lineContexts = try access.contexts(each, in: context)
            trace.record("lines", access.describe(each, in: context))
        } else {
            lineContexts = access.lineContexts(in: context)
            trace.record("lines", access.path(of: context))
        }
        for lineContext in lineContexts {
            if let condition = definition.lines.condition,
                try !test(
                    condition,
                    in: lineContext,
                    canonicalField: FieldName(prefix: "lines[\(lines.count)]", name: "")
                )
            {
                continue
            }
            let prefix = "lines[\(lines.count)]."
            trace.record("lines[\(lines.count)]", access.path(of: lineContext))
            var line: [String: OutputValue] = [:]
            try fill(&line, with: definition.lines.fields, in: lineContext, canonicalPrefix: prefix, trace: &trace)
            if line["lineNumber"] == nil { line["lineNumber"] = .string(String(lines.count + 1)) }
            lines.append(.object(line))
        }
        if !deferred.isEmpty {
            state.linesTotal = Self.total(of: lines)
            try fill(&order, with: deferred, in: context, canonicalPrefix: "", trace: &trace)
        }
        order["lines"] = .array(lines)
        if let built = CanonicalOrderBuilder.order(order) { return built }
        guard tracing else { return try translateOrder(context, tracing: true) }
        return try decode(order, trace: trace.entries)
    }

    /// The sum of `lineTotal`, else `quantity × unitPrice`, of the built lines (their values are checked decimals).
    private static func total(of lines: [OutputValue]) -> String {
        var sum = DecimalAmount.zero
        for case .object(let line) in lines {
            if case .string(let text)? = line["lineTotal"], let amount = DecimalAmount(text) {
                sum = sum + amount
            } else if case .string(let quantityText)? = line["quantity"], let quantity = DecimalAmount(quantityText),
                case .string(let priceText)? = line["unitPrice"], let price = DecimalAmount(priceText)
            {
                sum = sum + quantity * price
            }
        }
        return sum.description
    }

    /// Evaluates `fields` into `object`, checking value types and the model's required fields.
    func fill(
        _ object: inout [String: OutputValue],
        with fields: [FieldMapping],
        in context: Access.Context,
        canonicalPrefix: String,
        trace: inout Trace
    ) throws(MappingError) {
        var presentGroups: Set<String> = []
        var missingInGroups: [(group: String, field: String, path: String?)] = []
        for mapping in fields {
            let canonicalField = FieldName(prefix: canonicalPrefix, name: mapping.field.name)
            let evaluated = try evaluate(mapping.spec, in: context, canonicalField: canonicalField)
            trace.record(canonicalField.text, evaluated.path)
            guard let value = try single(evaluated, canonicalField: canonicalField) else {
                let required = mapping.spec.required ?? mapping.field.isRequiredByModel
                guard required else { continue }
                if mapping.spec.required == nil, let group = mapping.field.optionalGroup {
                    missingInGroups.append((group, canonicalField.text, evaluated.path))
                    continue
                }
                throw .unmappable("missing required value", field: evaluated.path, canonicalField: canonicalField.text)
            }
            if let problem = mapping.field.problem(with: value) {
                throw .unmappable(problem, field: evaluated.path, canonicalField: canonicalField.text)
            }
            if let group = mapping.field.optionalGroup { presentGroups.insert(group) }
            Self.set(value, at: mapping.field.keys[...], in: &object)
        }
        for missing in missingInGroups where presentGroups.contains(missing.group) {
            throw .unmappable(
                "missing required value (\(missing.group) has other values, so it needs this one)",
                field: missing.path,
                canonicalField: missing.field
            )
        }
    }

    private static func set(_ value: String, at keys: ArraySlice<String>, in object: inout [String: OutputValue]) {
        guard let key = keys.first else { return }
        if keys.count == 1 {
            object[key] = .string(value)
            return
        }
        var child: [String: OutputValue] = [:]
        if case .object(let existing) = object[key] { child = existing }
        set(value, at: keys.dropFirst(), in: &child)
        object[key] = .object(child)
    }

    /// Decodes the tree's JSON with the canonical decoder (for an order ``CanonicalOrderBuilder`` did not build), for
    /// its precise error, mapped back to source paths.
    private func decode(_ order: [String: OutputValue], trace: [String: String]) throws(MappingError)
        -> CanonicalOrder
    {
        var json: [UInt8] = []
        json.reserveCapacity(2048)
        JSONWriter.write(.object(order), into: &json)
        do {
            return try CanonicalJSON.decodeOrder(from: json)
        } catch {
            var key = error.field
            var source = trace[key]
            while source == nil, let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) {
                key = String(key[..<cut])
                source = trace[key]
            }
            throw .unmappable(error.message, field: source, canonicalField: error.field.isEmpty ? nil : error.field)
        }
    }

    // MARK: Specs

    /// The single value of a field; `nil` when there is none; unmappable when there are several.
    func single(_ evaluated: Evaluated, canonicalField: FieldName) throws(MappingError) -> String? {
        guard evaluated.values.count <= 1 else {
            throw .unmappable(
                "expected one value but found \(evaluated.values.count); add the `first` or `join` transform",
                field: evaluated.path,
                canonicalField: canonicalField.text
            )
        }
        return evaluated.values.first
    }

    func evaluate(_ spec: ValueSpec, in context: Access.Context, canonicalField: FieldName) throws(MappingError)
        -> Evaluated
    {
        var result: Evaluated
        if let condition = spec.condition, try !test(condition, in: context, canonicalField: canonicalField) {
            result = Evaluated(values: [], location: sourcePath(of: spec.source, in: context))
        } else {
            result = try evaluateSource(spec.source, in: context, canonicalField: canonicalField)
            for step in spec.transforms where !result.values.isEmpty {
                result.values = try apply(step, to: result, in: context, canonicalField: canonicalField)
                result.values.removeAll { $0.isEmpty }
            }
        }
        guard result.values.isEmpty else { return result }
        if let elseSpec = spec.elseSpec {
            let alternative = try evaluate(elseSpec, in: context, canonicalField: canonicalField)
            if !alternative.values.isEmpty { return alternative }
            if result.location == nil { result.location = alternative.location }
        }
        if let defaultValue = spec.defaultValue { return Evaluated(values: [defaultValue], location: result.location) }
        return result
    }

    /// Where a source would read from, for naming a value that was not read.
    private func sourcePath(of source: ValueSource, in context: Access.Context) -> SourcePath? {
        switch source {
        case .constant: return nil
        case .select(let selector): return access.location(of: selector, in: context)
        case .linesTotal: return SourcePath("the lines")
        case .concat(let parts, _): return parts.lazy.compactMap { self.sourcePath(of: $0.source, in: context) }.first
        }
    }

    private func evaluateSource(
        _ source: ValueSource,
        in context: Access.Context,
        canonicalField: FieldName
    ) throws(MappingError) -> Evaluated {
        switch source {
        case .constant(let value):
            return Evaluated(values: value.isEmpty ? [] : [value], path: nil)
        case .linesTotal:
            return Evaluated(values: state.linesTotal.map { [$0] } ?? [], path: "the lines")
        case .select(let selector):
            let items = try access.items(selector, in: context)
            var values: [String] = []
            values.reserveCapacity(items.count)
            for item in items {
                switch item.value {
                case .text(let text):
                    if !text.isEmpty { values.append(text) }
                case .null:
                    continue
                case .composite(let kind):
                    throw .unmappable(
                        "expected a single value but found \(kind)",
                        field: item.path,
                        canonicalField: canonicalField.text
                    )
                }
            }
            return Evaluated(
                values: values,
                location: items.first?.location ?? access.location(of: selector, in: context)
            )
        case .concat(let parts, let separator):
            var pieces: [String] = []
            var location: SourcePath?
            for part in parts {
                let evaluated = try evaluate(part, in: context, canonicalField: canonicalField)
                if location == nil { location = evaluated.location }
                if let value = try single(evaluated, canonicalField: canonicalField) { pieces.append(value) }
            }
            return Evaluated(
                values: pieces.isEmpty ? [] : [pieces.joined(separator: separator)],
                location: location
            )
        }
    }

    // MARK: Conditions

    func test(_ condition: Condition, in context: Access.Context, canonicalField: FieldName) throws(MappingError)
        -> Bool
    {
        switch condition {
        case .all(let conditions):
            for condition in conditions where try !test(condition, in: context, canonicalField: canonicalField) {
                return false
            }
            return true
        case .any(let conditions):
            for condition in conditions where try test(condition, in: context, canonicalField: canonicalField) {
                return true
            }
            return false
        case .not(let condition):
            return try !test(condition, in: context, canonicalField: canonicalField)
        case .test(let selector, let test):
            let items = try access.items(selector, in: context)
            var texts: [String] = []
            var hasComposite = false
            for item in items {
                switch item.value {
                case .text(let text): if !text.isEmpty { texts.append(text) }
                case .composite: hasComposite = true
                case .null: break
                }
            }
            switch test {
            case .equals(let expected): return texts.contains(expected)
            case .notEquals(let expected): return !texts.contains(expected)
            case .oneOf(let expected): return texts.contains { expected.contains($0) }
            case .exists(let expected): return (!texts.isEmpty || hasComposite) == expected
            case .matches(let regex):
                return texts.contains { text in
                    regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                }
            }
        }
    }

    // MARK: Transforms

    private func apply(
        _ step: TransformStep,
        to input: Evaluated,
        in context: Access.Context,
        canonicalField: FieldName
    ) throws(MappingError) -> [String] {
        func failure(_ message: String) -> MappingError {
            .unmappable("\(step.name): \(message)", field: input.path, canonicalField: canonicalField.text)
        }
        func amount(_ text: String) throws(MappingError) -> DecimalAmount {
            guard let value = DecimalText.amount(text) else { throw failure("not a number: \"\(text)\"") }
            return value
        }
        let values = input.values
        switch step.transform {
        case .trim:
            return values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        case .upper:
            return values.map { $0.uppercased() }
        case .lower:
            return values.map { $0.lowercased() }
        case .htmlDecode:
            return values.map(HTMLEntities.decode)
        case .first:
            return Array(values.prefix(1))
        case .last:
            return Array(values.suffix(1))
        case .join(let separator):
            return [values.joined(separator: separator)]
        case .sum:
            var total = DecimalAmount.zero
            for value in values { total = total + (try amount(value)) }
            return [total.description]
        case .decimal(let decimalSeparator, let groupingSeparator):
            var result: [String] = []
            for value in values {
                guard
                    let normalized = DecimalText.normalize(
                        value,
                        decimalSeparator: decimalSeparator,
                        groupingSeparator: groupingSeparator
                    )
                else { throw failure("not a number: \"\(value)\"") }
                result.append(normalized)
            }
            return result
        case .split(let separator, let index):
            return values.map { value in
                let parts = value.components(separatedBy: separator)
                let resolved = index < 0 ? parts.count + index : index
                return parts.indices.contains(resolved) ? parts[resolved] : ""
            }
        case .replace(let regex, let template):
            if let literal = Self.literalPattern(regex.pattern), !template.contains("$"), !template.contains("\\") {
                // A pattern without metacharacters (`","`) is plain text replacement, far cheaper than the regex.
                return values.map { $0.contains(literal) ? $0.replacingOccurrences(of: literal, with: template) : $0 }
            }
            return values.map { value in
                regex.stringByReplacingMatches(
                    in: value,
                    range: NSRange(value.startIndex..., in: value),
                    withTemplate: template
                )
            }
        case .lookup(let table, let fallback):
            var result: [String] = []
            for value in values {
                if let mapped = table.resolve(value) {
                    result.append(mapped)
                    continue
                }
                switch fallback {
                case .constant(let constant): result.append(constant)
                case .passThrough: result.append(value)
                case .fail:
                    guard let tableDefault = table.defaultValue else {
                        throw failure("no entry for \"\(value)\" in table '\(table.name)'")
                    }
                    result.append(tableDefault)
                }
            }
            return result
        case .date(let transform):
            var result: [String] = []
            for value in values {
                switch transform.apply(value) {
                case .success(let converted): result.append(converted)
                case .failure(let error): throw failure(error.message)
                }
            }
            return result
        case .arithmetic(let operation, let operandSpec, let scale, let rounding):
            let operandResult = try evaluate(operandSpec, in: context, canonicalField: canonicalField)
            guard let operandText = try single(operandResult, canonicalField: canonicalField) else {
                throw .unmappable(
                    "\(step.name): the operand has no value (give it a `default:`)",
                    field: operandResult.path ?? input.path,
                    canonicalField: canonicalField.text
                )
            }
            guard let operand = DecimalText.amount(operandText) else {
                throw .unmappable(
                    "\(step.name): the operand is not a number: \"\(operandText)\"",
                    field: operandResult.path ?? input.path,
                    canonicalField: canonicalField.text
                )
            }
            var result: [String] = []
            for value in values {
                let lhs = try amount(value)
                var computed: DecimalAmount
                switch operation {
                case .add: computed = lhs + operand
                case .subtract: computed = lhs - operand
                case .multiply: computed = lhs * operand
                case .divide:
                    guard let quotient = DecimalText.divide(lhs, operand, scale: scale, rule: rounding) else {
                        throw .unmappable(
                            "\(step.name): division by zero",
                            field: operandResult.path ?? input.path,
                            canonicalField: canonicalField.text
                        )
                    }
                    computed = quotient
                }
                if let scale { computed = computed.rounded(toScale: scale, rule: rounding) }
                result.append(computed.description)
            }
            return result
        case .round(let scale, let rounding):
            var result: [String] = []
            for value in values { result.append(try amount(value).rounded(toScale: scale, rule: rounding).description) }
            return result
        case .stripPrefix(let prefix):
            return values.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
        case .stripSuffix(let suffix):
            return values.map { $0.hasSuffix(suffix) ? String($0.dropLast(suffix.count)) : $0 }
        }
    }
}

extension Translator {
    /// `pattern` itself when it has no regular-expression metacharacters, else `nil`.
    static func literalPattern(_ pattern: String) -> String? {
        guard !pattern.isEmpty, !pattern.contains(where: { "\\^$.|?*+()[]{}".contains($0) }) else { return nil }
        return pattern
    }
}

/// Writes an ``OutputValue`` tree as compact JSON.
enum JSONWriter {
    static func write(_ value: OutputValue, into output: inout [UInt8]) {
        switch value {
        case .string(let string):
            writeString(string, into: &output)
        case .null, .scalar:
            output.append(contentsOf: Array("null".utf8))
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(members[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
