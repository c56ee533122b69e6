import KontorModel

/// What both backends decide the same way about pickups.
enum PickupRules {
    /// The parcels of one task's labels when they were booked with `carrier`: each label's tracking number with the
    /// weight of the task's parcel carrying it.
    static func parcels(labelsJSON: String, parcelsJSON: String, carrier: String) throws -> [LabelledParcel] {
        let labels = try FulfillmentRules.decode(ShipmentLabels.self, labelsJSON)
        guard labels.carrier == carrier else { return [] }
        let parcels = try FulfillmentRules.decode([Parcel].self, parcelsJSON)
        return labels.labels.map { label in
            LabelledParcel(
                trackingNumber: label.trackingNumber,
                weightGrams: parcels.first { $0.trackingNumber == label.trackingNumber }?.weightGrams
            )
        }
    }

    /// The state and columns an outcome writes.
    static func columns(of outcome: PickupOutcome) -> (state: PickupRecord.State, pickupID: String?, error: String?) {
        switch outcome {
        case .scheduled(let id): (.scheduled, id, nil)
        case .failed(let error): (.failed, nil, error)
        case .retry(let error): (.retrying, nil, error)
        }
    }

    /// A stored state.
    static func state(_ text: String) throws -> PickupRecord.State {
        guard let state = PickupRecord.State(rawValue: text) else {
            throw StoreError.invalidValue(field: "pickups.state", value: text, reason: "unknown state")
        }
        return state
    }

    /// A stored key.
    static func key(locationID: String, carrier: String, date: String) throws -> PickupKey {
        guard let day = KontorDate(rawValue: date) else {
            throw StoreError.invalidValue(field: "pickups.pickup_date", value: date, reason: "not a date")
        }
        return PickupKey(locationID: locationID, carrier: carrier, date: day)
    }
}
