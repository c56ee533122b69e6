/// Checks and results about stock shared by both backends.
enum StockRules {
    /// Refuses negative counted stock, naming the SKU and location.
    static func check(_ count: StockCount) throws {
        let field = "stock[sku=\(count.sku), location=\(count.locationID)]"
        guard count.onHand >= 0 else {
            throw StoreError.invalidValue(field: field + ".onHand", value: String(count.onHand), reason: "is negative")
        }
        guard count.safetyStock >= 0 else {
            throw StoreError.invalidValue(
                field: field + ".safetyStock",
                value: String(count.safetyStock),
                reason: "is negative"
            )
        }
    }

    /// Refuses an adjustment that would take on hand below zero.
    static func checkAdjustment(sku: String, locationID: String, delta: Int, resultingOnHand: Int) throws {
        guard resultingOnHand >= 0 else {
            throw StoreError.invalidValue(
                field: "stock[sku=\(sku), location=\(locationID)].onHand",
                value: String(delta),
                reason: "would take on hand to \(resultingOnHand)"
            )
        }
    }

    /// One shortfall per line that asked for `need`'s SKU at its location.
    static func shortfalls(
        for need: ReservationPlan.Need,
        plan: ReservationPlan,
        available: Int
    ) -> [ReservationShortfall] {
        plan.lines.filter { $0.sku == need.sku && $0.locationID == need.locationID }.map { line in
            ReservationShortfall(
                reason: .insufficientStock,
                lineNumber: line.lineNumber,
                sku: line.sku,
                locationID: line.locationID,
                requested: line.quantity,
                available: available
            )
        }
    }

    /// The shortfall of a location whose day is full.
    static func capacityShortfall(locationID: String, capacity: Int, used: Int) -> ReservationShortfall {
        ReservationShortfall(
            reason: .capacityExhausted,
            lineNumber: nil,
            sku: nil,
            locationID: locationID,
            requested: 1,
            available: max(0, capacity - used)
        )
    }

    /// A copy of `reservation` with another status.
    static func with(_ reservation: Reservation, status: Reservation.Status) -> Reservation {
        var copy = reservation
        copy.status = status
        return copy
    }
}
