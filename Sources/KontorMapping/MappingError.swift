/// Why a mapping could not be loaded or could not translate a document.
///
/// Three kinds: ``Kind/invalidMapping`` (the mapping file is wrong; ``file`` and ``line`` say where),
/// ``Kind/malformedInput`` (the input is not JSON, XML or CSV at all) and ``Kind/unmappable`` (the input parses, but a
/// value the mapping needs is missing or invalid; ``field`` is the source path, ``canonicalField`` the canonical one).
public struct MappingError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kind of problem.
    public struct Kind: RawRepresentable, Hashable, Sendable {
        /// The kind's name: `invalid-mapping`, `malformed-input` or `unmappable`.
        public let rawValue: String

        /// Wraps a kind name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The mapping file is wrong: YAML syntax, unknown key or transform, bad selector, unknown canonical field,
        /// a required canonical field not mapped. ``MappingError/file`` and ``MappingError/line`` say where.
        public static let invalidMapping = Kind(rawValue: "invalid-mapping")

        /// The input is not a JSON, XML or CSV document at all, or is one Kontor refuses to read (an XML document
        /// type declaration with entities).
        public static let malformedInput = Kind(rawValue: "malformed-input")

        /// The input parses, but a required value is missing or a value is invalid.
        public static let unmappable = Kind(rawValue: "unmappable")
    }

    /// The kind of problem.
    public var kind: Kind

    /// What is wrong, for humans.
    public var message: String

    /// The mapping file, for ``Kind/invalidMapping``.
    public var file: String?

    /// The 1-based line in the mapping file, for ``Kind/invalidMapping``.
    public var line: Int?

    /// The source path that failed, e.g. `$.line_items[0].quantity`, `/Order/Line[2]/Qty` or `row 3, column "qty"`.
    public var field: String?

    /// The canonical field path, e.g. `lines[0].quantity`, when known.
    public var canonicalField: String?

    /// Creates an error.
    public init(
        kind: Kind,
        message: String,
        file: String? = nil,
        line: Int? = nil,
        field: String? = nil,
        canonicalField: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.canonicalField = canonicalField
    }

    /// `mappings/shopify/mapping.yaml:42: unknown transform 'uppercase'`,
    /// `unmappable at $.line_items[0].price (lines[0].unitPrice): not a decimal: "abc"` or
    /// `malformed input: not valid JSON at line 1, column 9: ...`.
    public var description: String {
        switch kind {
        case .invalidMapping:
            guard let file else { return "invalid mapping: \(message)" }
            return line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
        case .malformedInput:
            return "malformed input: \(message)"
        default:
            var text = kind == .unmappable ? "unmappable" : kind.rawValue
            if let field { text += " at \(field)" }
            if let canonicalField { text += " (\(canonicalField))" }
            return text + ": " + message
        }
    }
}

extension MappingError {
    static func invalidMapping(_ message: String, file: String, line: Int?) -> MappingError {
        MappingError(kind: .invalidMapping, message: message, file: file, line: line)
    }

    static func malformedInput(_ message: String) -> MappingError {
        MappingError(kind: .malformedInput, message: message)
    }

    static func unmappable(_ message: String, field: String?, canonicalField: String?) -> MappingError {
        MappingError(kind: .unmappable, message: message, field: field, canonicalField: canonicalField)
    }
}
