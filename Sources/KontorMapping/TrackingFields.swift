import KontorModel

/// The fields a `target: tracking` mapping fills: those of ``TrackingEvent`` (see `mappings/README.md`).
enum TrackingFields {
    /// Field name → type. `location.*` fill the scan's ``TrackingLocation``.
    static let types: [String: CanonicalFieldType] = [
        "trackingNumber": .string,
        "carrier": .string,
        "status": .oneOf(TrackingStatus.allCases.map(\.rawValue)),
        "occurredAt": .timestamp,
        "description": .string,
        "estimatedDelivery": .date,
        "location.city": .string,
        "location.region": .string,
        "location.postalCode": .string,
        "location.country": .country,
    ]

    /// Every event needs these, from the shipment's `fields:` or the event's own.
    static let required = ["trackingNumber", "carrier", "status", "occurredAt"]

    /// The tracking field named `name`, or `nil` when there is none.
    static func field(_ name: String) -> CanonicalField? {
        guard let type = types[name] else { return nil }
        return CanonicalField(
            name: name,
            keys: name.split(separator: ".").map(String.init),
            type: type,
            optionalGroup: nil,
            // Required fields may come from either level; the translator checks them on the merged event.
            isRequiredByModel: false
        )
    }
}
