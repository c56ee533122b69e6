import KontorModel

/// The kind of document a mapping reads: `json`, `xml` or `csv`.
public struct SourceFormat: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// `json`, `xml` or `csv`.
    public let rawValue: String

    /// Wraps a format name; ``MappingLoader`` accepts only the three below.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// JSON, addressed with a JSONPath subset.
    public static let json = SourceFormat(rawValue: "json")
    /// XML, addressed with XPath 1.0 (libxml2).
    public static let xml = SourceFormat(rawValue: "xml")
    /// CSV with a header row, addressed by column name.
    public static let csv = SourceFormat(rawValue: "csv")

    /// The format name.
    public var description: String { rawValue }
}

/// A loaded, validated declarative mapping: turns a partner document into canonical orders.
///
/// Immutable and `Sendable`: one instance can translate documents on many tasks at once.
public struct Mapping: Sendable {
    /// The mapping's name: its directory name, e.g. `shopify`.
    public let name: String
    /// What the mapping reads.
    public let sourceFormat: SourceFormat
    /// The mapping file it was loaded from.
    public let path: String
    /// The `description:` from the file.
    public let summary: String
    /// The `channel:` every order it produces carries.
    public let channel: SalesChannel

    let definition: MappingDefinition

    init(name: String, path: String, definition: MappingDefinition) {
        self.name = name
        self.path = path
        self.definition = definition
        self.sourceFormat = definition.format
        self.summary = definition.summary
        self.channel = SalesChannel(rawValue: definition.channel)
    }

    /// Translates one document into one or more canonical orders, without ids (Kontor assigns them at ingest).
    ///
    /// Throws ``MappingError/Kind/malformedInput`` when the bytes are not a document of ``sourceFormat`` and
    /// ``MappingError/Kind/unmappable`` when a required value is missing or a value is invalid.
    public func translate(_ input: [UInt8]) throws(MappingError) -> [CanonicalOrder] {
        switch definition.format {
        case .json:
            let root: JSONNode
            do {
                root = try JSONParser.parse(input)
            } catch {
                throw .malformedInput("not valid JSON: \(error.message)")
            }
            let access = JSONAccess(root: root)
            return try Translator(definition: definition, access: access).translate(root: access.rootContext)
        case .xml:
            let document = try XMLSourceDocument(parsing: input)
            let access = try XMLAccess(document: document, namespaces: definition.namespaces)
            return try Translator(definition: definition, access: access).translate(root: access.rootContext)
        default:
            let table = try CSVTable(parsing: input, options: definition.csv)
            let access = CSVAccess(table: table)
            return try Translator(definition: definition, access: access).translate(root: access.rootContext)
        }
    }
}
