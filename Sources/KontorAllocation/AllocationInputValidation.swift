import KontorModel

/// The checks ``AllocationPlanner`` makes before routing, each failing with the path of the offending field.
enum AllocationInputValidation {
    static func validate(
        _ request: AllocationRequest,
        candidates: [CandidateLocation],
        inbound: [String: [InboundSupply]],
        policy: RoutingPolicy
    ) throws(AllocationError) {
        try validate(request)
        var seen: Set<String> = []
        for (index, candidate) in candidates.enumerated() {
            let path = "candidates[\(index)]"
            guard !candidate.id.isEmpty else { throw AllocationError(field: "\(path).id", message: "id is empty") }
            guard seen.insert(candidate.id).inserted else {
                throw AllocationError(field: "\(path).id", message: "duplicate location id \"\(candidate.id)\"")
            }
            if let coordinate = candidate.coordinate, !coordinate.isValid {
                throw invalidCoordinate(coordinate, at: "\(path).coordinate")
            }
            guard candidate.remainingDailyCapacity >= 0 else {
                throw AllocationError(
                    field: "\(path).remainingDailyCapacity",
                    message: "must not be negative, got \(candidate.remainingDailyCapacity) at \"\(candidate.id)\""
                )
            }
        }
        if let pickup = request.pickupLocationID {
            guard let store = candidates.first(where: { $0.id == pickup }) else {
                throw AllocationError(
                    field: "request.pickupLocationID",
                    message: "pickup location \"\(pickup)\" is not among the candidates"
                )
            }
            guard store.canPickup else {
                throw AllocationError(
                    field: "request.pickupLocationID",
                    message: "location \"\(pickup)\" does not offer pickup"
                )
            }
        }
        for sku in inbound.keys.sorted() {
            for (index, supply) in (inbound[sku] ?? []).enumerated() where supply.quantity < 0 {
                throw AllocationError(
                    field: "inbound[\"\(sku)\"][\(index)].quantity",
                    message: "must not be negative, got \(supply.quantity)"
                )
            }
        }
        try validate(policy)
    }

    private static func validate(_ request: AllocationRequest) throws(AllocationError) {
        guard !request.lines.isEmpty else {
            throw AllocationError(field: "request.lines", message: "the order has no lines")
        }
        var lineNumbers: Set<String> = []
        for (index, line) in request.lines.enumerated() {
            let path = "request.lines[\(index)]"
            guard !line.lineNumber.isEmpty else {
                throw AllocationError(field: "\(path).lineNumber", message: "line number is empty")
            }
            guard lineNumbers.insert(line.lineNumber).inserted else {
                throw AllocationError(
                    field: "\(path).lineNumber",
                    message: "duplicate line number \"\(line.lineNumber)\""
                )
            }
            guard !line.sku.isEmpty else {
                throw AllocationError(field: "\(path).sku", message: "line \(line.lineNumber): SKU is empty")
            }
            guard line.quantity > 0 else {
                throw AllocationError(
                    field: "\(path).quantity",
                    message: "line \(line.lineNumber): quantity must be positive, got \(line.quantity)"
                )
            }
        }
        if let coordinate = request.destination.coordinate, !coordinate.isValid {
            throw invalidCoordinate(coordinate, at: "request.destination.coordinate")
        }
    }

    static func validate(_ policy: RoutingPolicy) throws(AllocationError) {
        guard policy.maxShipments >= 1 else {
            throw AllocationError(
                field: "policy.maxShipments",
                message: "must be at least 1, got \(policy.maxShipments)"
            )
        }
        let amounts: [(String, Double)] =
            [
                ("policy.weights.costPerKm", policy.weights.costPerKm),
                ("policy.weights.costPerExtraShipment", policy.weights.costPerExtraShipment),
                ("policy.weights.capacityPressure", policy.weights.capacityPressure),
                ("policy.unknownDistanceKm", policy.unknownDistanceKm),
                ("policy.rateTable.defaultRate.baseCost", policy.rateTable.defaultRate.baseCost),
                ("policy.rateTable.defaultRate.costPer100Km", policy.rateTable.defaultRate.costPer100Km),
            ]
            + policy.rateTable.rates.enumerated().flatMap { index, entry in
                [
                    ("policy.rateTable.rates[\(index)].rate.baseCost", entry.rate.baseCost),
                    ("policy.rateTable.rates[\(index)].rate.costPer100Km", entry.rate.costPer100Km),
                ]
            }
        for (field, value) in amounts where !(value.isFinite && value >= 0) {
            throw AllocationError(field: field, message: "must be a finite number ≥ 0, got \(value)")
        }
        for key in policy.rules.excludedLocations.keys.sorted() where CountryCode(key) == nil {
            throw AllocationError(
                field: "policy.rules.excludedLocations.\(key)",
                message: "\"\(key)\" is not a country code (two uppercase letters, like \"DE\")"
            )
        }
    }

    private static func invalidCoordinate(_ coordinate: GeoCoordinate, at field: String) -> AllocationError {
        AllocationError(
            field: field,
            message: "latitude must be within -90...90 and longitude within -180...180, got "
                + "(\(coordinate.latitude), \(coordinate.longitude))"
        )
    }
}
