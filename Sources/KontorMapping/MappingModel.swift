import Foundation
import KontorModel

/// A compiled selector: where a value comes from in the source document.
struct Selector: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case json(JSONPath)
        /// An XPath 1.0 expression, compiled with libxml2 at load (and again per translation).
        case xpath
        /// A CSV column; `allRows` (written `column[*]`) yields the column of every row of the order.
        case column(name: String, allRows: Bool)
        /// An X12 or EDIFACT segment selector, e.g. `N1[N101=ST]/N3.N301` or `PO1.after(VN|VP)`.
        case segment(SegmentPath)
    }

    /// As written in the mapping.
    let text: String
    let kind: Kind
    /// The mapping file line, for error messages.
    let line: Int
}

/// Where a value spec gets its raw values.
enum ValueSource: Sendable {
    case select(Selector)
    case constant(String)
    case concat([ValueSpec], separator: String)
    /// `computed: linesTotal`: the sum over the order's mapped lines of `lineTotal`, else `quantity × unitPrice`.
    case linesTotal
}

/// A value spec: a source, optional condition, transforms and fallbacks (see `mappings/README.md`).
final class ValueSpec: Sendable {
    let source: ValueSource
    let transforms: [TransformStep]
    let defaultValue: String?
    /// `nil` when not written: then the canonical model decides.
    let required: Bool?
    let condition: Condition?
    let elseSpec: ValueSpec?
    let line: Int

    init(
        source: ValueSource,
        transforms: [TransformStep] = [],
        defaultValue: String? = nil,
        required: Bool? = nil,
        condition: Condition? = nil,
        elseSpec: ValueSpec? = nil,
        line: Int
    ) {
        self.source = source
        self.transforms = transforms
        self.defaultValue = defaultValue
        self.required = required
        self.condition = condition
        self.elseSpec = elseSpec
        self.line = line
    }

    /// `true` when the spec, its `else:` or one of its parts or operands is `computed: linesTotal`; such order
    /// fields are evaluated after the lines.
    var usesLinesTotal: Bool {
        switch source {
        case .linesTotal: return true
        case .concat(let parts, _): if parts.contains(where: \.usesLinesTotal) { return true }
        default: break
        }
        for step in transforms {
            if case .arithmetic(_, let operand, _, _) = step.transform, operand.usesLinesTotal { return true }
        }
        return elseSpec?.usesLinesTotal ?? false
    }
}

/// One transform in a spec's `transform:` list.
struct TransformStep: Sendable {
    let name: String
    let transform: Transform
    let line: Int
}

enum ArithmeticOperation: String, Sendable {
    case add, subtract, multiply, divide
}

enum Transform: Sendable {
    case trim
    case upper
    case lower
    case htmlDecode
    case first
    case last
    case sum
    case join(separator: String)
    case decimal(decimalSeparator: Character, groupingSeparator: Character?)
    case split(separator: String, index: Int)
    case replace(NSRegularExpression, template: String)
    case lookup(LookupTable, fallback: LookupFallback)
    case date(DateTransform)
    case arithmetic(ArithmeticOperation, operand: ValueSpec, scale: Int?, rounding: DecimalAmount.RoundingRule)
    case round(scale: Int, rounding: DecimalAmount.RoundingRule)
    case stripPrefix(String)
    case stripSuffix(String)
}

/// What a lookup does with a value that is not in its table.
enum LookupFallback: Sendable {
    /// The value is unmappable (the default).
    case fail
    /// Use this constant.
    case constant(String)
    /// Keep the value unchanged.
    case passThrough
}

/// A lookup table: a user table from `tables:` or a built-in one.
struct LookupTable: Sendable {
    let name: String
    let entries: [String: String]
    /// Keys are matched after this normalization (identity for user tables unless `ignoreCase`).
    let normalize: @Sendable (String) -> String
    /// A table-level fallback for keys not in ``entries`` (`default:` in `tables:`), below the lookup's own.
    let defaultValue: String?
    /// Computes a value for keys not in ``entries`` (the built-ins' rules, e.g. a unit code that already is Rec. 20).
    let compute: (@Sendable (String) -> String?)?

    func resolve(_ key: String) -> String? {
        if let value = entries[normalize(key)] { return value }
        return compute?(key)
    }
}

/// A condition in `when:`.
indirect enum Condition: Sendable {
    case test(Selector, ConditionTest)
    case all([Condition])
    case any([Condition])
    case not(Condition)
}

enum ConditionTest: Sendable {
    case equals(String)
    case notEquals(String)
    case oneOf([String])
    case exists(Bool)
    case matches(NSRegularExpression)
}

/// One entry of `fields:`: a canonical field and its spec.
struct FieldMapping: Sendable {
    let field: CanonicalField
    let spec: ValueSpec
    let line: Int
}

/// How the document splits into orders.
enum OrdersSelection: Sendable {
    /// The document is one order (JSON root object, XML root element, all CSV rows).
    case whole
    /// Each node the selector yields is an order (JSON, XML).
    case select(Selector)
    /// CSV rows with the same value in this column form one order, in order of first appearance.
    case groupBy(String)
    /// The nodes of the first selector that selects any (a tracking mapping's `shipments: [result, $]`, for
    /// documents that come wrapped or bare).
    case firstMatching([Selector])
}

struct LinesMapping: Sendable {
    /// The repeating group relative to the order; `nil` for CSV, where each row of the order is a line.
    let each: Selector?
    /// Lines for which this is false are skipped.
    let condition: Condition?
    let fields: [FieldMapping]
    let line: Int
}

struct CSVOptions: Sendable {
    var delimiter: UInt8 = UInt8(ascii: ",")
    var encoding: CSVEncoding = .utf8
}

enum CSVEncoding: String, Sendable {
    case utf8 = "utf-8"
    case iso88591 = "iso-8859-1"
    case windows1252 = "windows-1252"
}

struct XMLNamespace: Sendable {
    let prefix: String
    let uri: String
}

/// A whole mapping file, validated.
struct MappingDefinition: Sendable {
    let format: SourceFormat
    let channel: String
    let summary: String
    let namespaces: [XMLNamespace]
    let orders: OrdersSelection
    let csv: CSVOptions
    let fields: [FieldMapping]
    let lines: LinesMapping
    /// What the mapping produces: canonical orders (the default) or tracking events (`target: tracking`).
    var target: MappingTarget = .order
}
