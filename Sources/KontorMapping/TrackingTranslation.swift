import KontorModel

/// Translation of `target: tracking` mappings: each shipment's `fields:` are the defaults of its events; each event
/// selected by `events: each:` fills its own fields on top of them and becomes one ``TrackingEvent``.
extension Translator {
    func translateTracking(root: Access.Context, format: String) throws(MappingError) -> [TrackingEvent] {
        let shipments: [Access.Context]
        switch definition.orders {
        case .whole:
            shipments = [root]
        case .select(let selector):
            shipments = try access.contexts(selector, in: root)
            guard !shipments.isEmpty else {
                throw .unmappable(
                    "the document holds no shipments: the shipments selector matched nothing",
                    field: access.describe(selector, in: root),
                    canonicalField: nil
                )
            }
        case .groupBy(let column):
            shipments = try access.groups(by: column, in: root)
        case .firstMatching(let selectors):
            shipments = try firstMatching(selectors, in: root)
        }
        var events: [TrackingEvent] = []
        for (shipmentIndex, shipment) in shipments.enumerated() {
            let prefix = shipments.count > 1 ? "shipments[\(shipmentIndex)]." : ""
            var trace = Trace(enabled: false)
            var defaults: [String: OutputValue] = [:]
            try fill(&defaults, with: definition.fields, in: shipment, canonicalPrefix: prefix, trace: &trace)
            let scans: [Access.Context]
            if let each = definition.lines.each {
                scans = try access.contexts(each, in: shipment)
            } else {
                scans = access.lineContexts(in: shipment)
            }
            var produced = 0
            for (index, scan) in scans.enumerated() {
                let name = FieldName(prefix: prefix + "events[\(index)]", name: "")
                if let condition = definition.lines.condition, try !test(condition, in: scan, canonicalField: name) {
                    continue
                }
                var event = defaults
                try fill(
                    &event,
                    with: definition.lines.fields,
                    in: scan,
                    canonicalPrefix: name.text + ".",
                    trace: &trace
                )
                events.append(try build(event, format: format, scan: scan, shipment: shipment, prefix: name.text + "."))
                produced += 1
            }
            if produced == 0 {
                // A shipment without scans (a tracker just created) is one event from its own fields, if it has them.
                guard defaults["status"] != nil, defaults["occurredAt"] != nil else {
                    throw .unmappable(
                        "the shipment has no tracking events",
                        field: definition.lines.each.map { access.describe($0, in: shipment) }
                            ?? access.path(of: shipment),
                        canonicalField: prefix + "events"
                    )
                }
                events.append(try build(defaults, format: format, scan: shipment, shipment: shipment, prefix: prefix))
            }
        }
        return events
    }

    /// The event from its merged fields; a required field that neither level produced is unmappable, naming where
    /// the event's (else the shipment's) selector looked.
    private func build(
        _ values: [String: OutputValue],
        format: String,
        scan: Access.Context,
        shipment: Access.Context,
        prefix: String
    ) throws(MappingError) -> TrackingEvent {
        func text(_ key: String) -> String? {
            if case .string(let value)? = values[key] { return value }
            return nil
        }
        for required in TrackingFields.required where text(required) == nil {
            throw .unmappable(
                "missing required value",
                field: location(of: required, scan: scan, shipment: shipment),
                canonicalField: prefix + required
            )
        }
        var location: TrackingLocation?
        if case .object(let members)? = values["location"] {
            func member(_ key: String) -> String? {
                if case .string(let value)? = members[key] { return value }
                return nil
            }
            location = TrackingLocation(
                city: member("city"),
                region: member("region"),
                postalCode: member("postalCode"),
                country: member("country")
            )
        }
        // The values were checked against their types by `fill`.
        return TrackingEvent(
            trackingNumber: text("trackingNumber")!,
            carrier: text("carrier")!,
            status: TrackingStatus(rawValue: text("status")!)!,
            occurredAt: Timestamp(rfc3339: text("occurredAt")!)!,
            location: location,
            description: text("description"),
            estimatedDelivery: text("estimatedDelivery").flatMap(KontorDate.init(rawValue:)),
            format: format
        )
    }

    private func location(of field: String, scan: Access.Context, shipment: Access.Context) -> String? {
        if let mapping = definition.lines.fields.first(where: { $0.field.name == field }),
            case .select(let selector) = mapping.spec.source
        {
            return access.describe(selector, in: scan)
        }
        if let mapping = definition.fields.first(where: { $0.field.name == field }),
            case .select(let selector) = mapping.spec.source
        {
            return access.describe(selector, in: shipment)
        }
        return access.path(of: scan)
    }
}
