/// Parses an XML document with the mapping engine's safe settings (no network, no DTD or entity loading) and drops
/// the tree: the XML counterpart of tokenizing EDI to segments, for benchmarks and well-formedness checks.
public enum XMLParseCheck {
    /// Throws ``MappingError/Kind/malformedInput`` when the bytes are not well-formed XML (or declare entities).
    public static func parse(_ bytes: [UInt8]) throws(MappingError) {
        _ = try XMLSourceDocument(parsing: bytes)
    }
}
