import Foundation
import KontorModel

/// Parsing of `target: tracking` mapping files: `shipments:` (optional), `fields:` (per shipment) and `events:`
/// (`each:`, `when:`, `fields:`; one ``TrackingEvent`` per selected scan).
extension MappingFileParser {
    static let trackingTopLevelKeys = [
        "format", "description", "target", "namespaces", "csv", "tables", "shipments", "fields", "events",
    ]

    mutating func parseTrackingMapping(_ entries: [(key: String, keyLine: Int, value: YAMLTree)]) throws(MappingError)
        -> MappingDefinition
    {
        for entry in entries where !Self.trackingTopLevelKeys.contains(entry.key) {
            throw error(
                "unknown key '\(entry.key)' in a tracking mapping\(Self.suggestion(entry.key, Self.trackingTopLevelKeys))"
                    + " (expected " + Self.trackingTopLevelKeys.joined(separator: ", ") + ")",
                entry.keyLine
            )
        }
        func entry(_ key: String) -> (keyLine: Int, value: YAMLTree)? {
            entries.first { $0.key == key }.map { ($0.keyLine, $0.value) }
        }
        guard [SourceFormat.json, .xml, .csv].contains(format) else {
            throw error("a tracking mapping reads json, xml or csv", entry("format")?.value.line)
        }
        let (summary, csv) = try parseSharedKeys(entries)
        var shipments = OrdersSelection.whole
        if let shipmentsEntry = entry("shipments") {
            if case .sequence(let items, _) = shipmentsEntry.value, format != .csv {
                var selectors: [Selector] = []
                for item in items {
                    guard let text = item.string, !text.isEmpty else {
                        throw error("shipments: lists selectors of the shipment nodes", item.line)
                    }
                    selectors.append(try selector(text, line: item.line))
                }
                guard !selectors.isEmpty else { throw error("shipments: lists no selector", shipmentsEntry.keyLine) }
                shipments = .firstMatching(selectors)
            } else {
                shipments = try parseOrders(shipmentsEntry.value)
            }
        }
        var fields: [FieldMapping] = []
        if let fieldsEntry = entry("fields") {
            fields = try parseTrackingFields(fieldsEntry.value)
        }
        guard let eventsEntry = entry("events") else {
            throw error("missing 'events:' (each: and fields: of the carrier's scans)", 1)
        }
        let events = try parseTrackingEvents(eventsEntry.value, keyLine: eventsEntry.keyLine)
        let mapped = Set((fields + events.fields).map(\.field.name))
        for required in TrackingFields.required where !mapped.contains(required) {
            throw error(
                "required tracking field '\(required)' is not mapped (in fields: or events:)",
                eventsEntry.keyLine
            )
        }
        return MappingDefinition(
            format: format,
            channel: "",
            summary: summary,
            namespaces: namespaces,
            orders: shipments,
            csv: csv,
            fields: fields,
            lines: events,
            target: .tracking
        )
    }

    private func parseTrackingFields(_ node: YAMLTree) throws(MappingError) -> [FieldMapping] {
        guard case .mapping(let entries, _) = node else {
            throw error("fields: must map tracking fields to value specs", node.line)
        }
        var result: [FieldMapping] = []
        for entry in entries {
            guard let field = TrackingFields.field(entry.key) else {
                let known = TrackingFields.types.keys.sorted()
                throw error(
                    "unknown tracking field '\(entry.key)'\(Self.suggestion(entry.key, known)) (tracking fields: "
                        + known.joined(separator: ", ") + ")",
                    entry.keyLine
                )
            }
            let spec = try parseSpec(entry.value)
            if spec.usesLinesTotal {
                throw error("computed: linesTotal is for orders; a tracking mapping cannot use it", spec.line)
            }
            result.append(FieldMapping(field: field, spec: spec, line: entry.keyLine))
        }
        return result
    }

    private func parseTrackingEvents(_ node: YAMLTree, keyLine: Int) throws(MappingError) -> LinesMapping {
        guard case .mapping(let entries, _) = node else {
            throw error("events: must be a mapping with each: and fields:", node.line)
        }
        for entry in entries where !["each", "when", "fields"].contains(entry.key) {
            throw error("unknown key '\(entry.key)' in events: (expected each, when, fields)", entry.keyLine)
        }
        var each: Selector?
        if let eachNode = node["each"] {
            guard format != .csv else {
                throw error("for CSV, leave out each: (every row of a shipment is a scan)", eachNode.line)
            }
            guard let text = eachNode.string else { throw error("each: must be a selector", eachNode.line) }
            each = try selector(text, line: eachNode.line)
        } else if format != .csv {
            throw error("events: needs each: (the selector of the carrier's scans)", keyLine)
        }
        let condition = try node["when"].map { (node) throws(MappingError) in try parseCondition(node) }
        var fields: [FieldMapping] = []
        if let fieldsEntry = entries.first(where: { $0.key == "fields" }) {
            fields = try parseTrackingFields(fieldsEntry.value)
        }
        return LinesMapping(each: each, condition: condition, fields: fields, line: keyLine)
    }
}
