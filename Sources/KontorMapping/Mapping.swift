import KontorEDIFACT
import KontorModel
import KontorX12

/// The kind of document a mapping reads: `json`, `xml`, `csv`, `x12` or `edifact`.
public struct SourceFormat: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// `json`, `xml`, `csv`, `x12` or `edifact`.
    public let rawValue: String

    /// Wraps a format name; ``MappingLoader`` accepts only the five below.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// JSON, addressed with a JSONPath subset.
    public static let json = SourceFormat(rawValue: "json")
    /// XML, addressed with XPath 1.0 (libxml2).
    public static let xml = SourceFormat(rawValue: "xml")
    /// CSV with a header row, addressed by column name.
    public static let csv = SourceFormat(rawValue: "csv")
    /// One X12 transaction set (ST..SE), addressed with segment selectors like `N1[N101=ST].N102`.
    public static let x12 = SourceFormat(rawValue: "x12")
    /// One EDIFACT message (UNH..UNT), addressed with segment selectors like `DTM[DTM01.1=137].DTM01.2`.
    public static let edifact = SourceFormat(rawValue: "edifact")

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
    /// The `channel:` every order it produces carries (empty for a tracking mapping).
    public let channel: SalesChannel
    /// What the mapping produces: orders, or tracking events (`target: tracking`).
    public let target: MappingTarget

    let definition: MappingDefinition

    init(name: String, path: String, definition: MappingDefinition) {
        self.name = name
        self.path = path
        self.definition = definition
        self.sourceFormat = definition.format
        self.summary = definition.summary
        self.channel = SalesChannel(rawValue: definition.channel)
        self.target = definition.target
    }

    /// Translates one document into one or more canonical orders, without ids (Kontor assigns them at ingest).
    ///
    /// Throws ``MappingError/Kind/malformedInput`` when the bytes are not a document of ``sourceFormat`` and
    /// ``MappingError/Kind/unmappable`` when a required value is missing or a value is invalid. For `x12` and
    /// `edifact` the document is a whole interchange and each transaction set / message gives one order; the first
    /// that fails fails the call (``translateInterchange(_:)`` gives one result each).
    public func translate(_ input: [UInt8]) throws(MappingError) -> [CanonicalOrder] {
        guard definition.target == .order else {
            throw .invalidMapping("mapping '\(name)' produces tracking events, not orders", file: path, line: nil)
        }
        switch definition.format {
        case .x12, .edifact:
            var orders: [CanonicalOrder] = []
            for result in try translateInterchange(input) { orders.append(try result.get()) }
            return orders
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

// MARK: - X12 and EDIFACT

extension Mapping {
    /// Translates one X12 transaction set (ST..SE) that the caller has already parsed (and validated).
    ///
    /// Throws ``MappingError/Kind/invalidMapping`` when the mapping is not `format: x12`.
    public func translate(_ transaction: X12Transaction) throws(MappingError) -> CanonicalOrder {
        guard definition.format == .x12 else { throw wrongFormat(.x12) }
        let access = SegmentAccess(document: SegmentDocument(transaction: transaction), rootName: "ST..SE")
        return try translateOne(access)
    }

    /// Translates one EDIFACT message (UNH..UNT) that the caller has already parsed (and validated).
    ///
    /// Throws ``MappingError/Kind/invalidMapping`` when the mapping is not `format: edifact`.
    public func translate(_ message: EdifactMessage) throws(MappingError) -> CanonicalOrder {
        guard definition.format == .edifact else { throw wrongFormat(.edifact) }
        let access = SegmentAccess(document: SegmentDocument(message: message), rootName: "UNH..UNT")
        return try translateOne(access)
    }

    /// Parses a whole X12 or EDIFACT interchange and translates each transaction set / message, in document order:
    /// one result per transaction, so one bad order does not hide the others.
    ///
    /// Throws ``MappingError/Kind/malformedInput`` when the bytes do not parse or hold no transaction.
    public func translateInterchange(_ input: [UInt8]) throws(MappingError) -> [Result<CanonicalOrder, MappingError>] {
        switch definition.format {
        case .x12:
            let interchange: X12Interchange
            do {
                interchange = try X12Parser().parse(input)
            } catch {
                throw .malformedInput("not valid X12: \(error)")
            }
            let transactions = interchange.transactions
            guard !transactions.isEmpty else { throw .malformedInput("the X12 interchange holds no transaction set") }
            return transactions.map { transaction in Result { () throws(MappingError) in try translate(transaction) } }
        case .edifact:
            let interchange: EdifactInterchange
            do {
                interchange = try EdifactParser.parse(input)
            } catch {
                throw .malformedInput("not valid EDIFACT: \(error)")
            }
            guard !interchange.messages.isEmpty else {
                throw .malformedInput("the EDIFACT interchange holds no message")
            }
            return interchange.messages.map { message in Result { () throws(MappingError) in try translate(message) } }
        default:
            throw wrongFormat(.x12)
        }
    }

    private func translateOne(_ access: SegmentAccess) throws(MappingError) -> CanonicalOrder {
        let orders = try Translator(definition: definition, access: access).translate(root: access.rootContext)
        // One transaction is one order: the loader refuses `orders:` for these formats.
        return orders[0]
    }

    private func wrongFormat(_ expected: SourceFormat) -> MappingError {
        .invalidMapping(
            "mapping '\(name)' reads \(definition.format), not \(expected)",
            file: path,
            line: nil
        )
    }
}
