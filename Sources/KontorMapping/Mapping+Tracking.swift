import KontorModel

extension Mapping {
    /// The tracking format name: the mapping's name without its `tracking-` prefix (`tracking-dhl` → `dhl`); it is
    /// the ``TrackingEvent/format`` of the events and the `{format}` of `POST /v1/tracking/{format}`.
    public var trackingFormat: String {
        name.hasPrefix("tracking-") ? String(name.dropFirst("tracking-".count)) : name
    }

    /// Translates a carrier's tracking document (webhook or tracking API response) into its scans, one
    /// ``TrackingEvent`` per event the mapping's `events:` selects, in document order.
    ///
    /// Throws ``MappingError/Kind/malformedInput`` when the bytes are not a document of ``sourceFormat`` and
    /// ``MappingError/Kind/unmappable`` (naming the source path and the field, e.g. `events[1].status`) when a
    /// required value is missing or a value is invalid (such as a carrier status the mapping's table lacks).
    public func translateTracking(_ input: [UInt8]) throws(MappingError) -> [TrackingEvent] {
        guard definition.target == .tracking else {
            throw .invalidMapping("mapping '\(name)' produces orders, not tracking events", file: path, line: nil)
        }
        switch definition.format {
        case .json:
            let root: JSONNode
            do {
                root = try JSONParser.parse(input)
            } catch {
                throw .malformedInput("not valid JSON: \(error.message)")
            }
            let access = JSONAccess(root: root)
            return try Translator(definition: definition, access: access)
                .translateTracking(root: access.rootContext, format: trackingFormat)
        case .xml:
            let document = try XMLSourceDocument(parsing: input)
            let access = try XMLAccess(document: document, namespaces: definition.namespaces)
            return try Translator(definition: definition, access: access)
                .translateTracking(root: access.rootContext, format: trackingFormat)
        default:
            let table = try CSVTable(parsing: input, options: definition.csv)
            let access = CSVAccess(table: table)
            return try Translator(definition: definition, access: access)
                .translateTracking(root: access.rootContext, format: trackingFormat)
        }
    }
}
