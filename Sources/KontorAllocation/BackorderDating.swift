import KontorModel

/// Backorder lines with the date inbound supply will cover them.
enum BackorderDating {
    /// A backorder line for every line with units left open. Inbound supply counts only at `locations` (those that may
    /// serve the order); it is used in date order (then by location id), lines of the same SKU in line order, and a
    /// line's expected date is the date by which the cumulative inbound quantity covers it.
    static func backorders(
        _ demand: OrderDemand,
        open: [Int],
        inbound: [String: [InboundSupply]],
        locations: Set<String>,
        requestedDate: KontorDate?
    ) -> [BackorderLine] {
        var schedules: [String: [InboundSupply]] = [:]
        var claimed: [String: Int] = [:]
        var result: [BackorderLine] = []
        for (index, line) in demand.lines.enumerated() where open[index] > 0 {
            if schedules[line.sku] == nil {
                schedules[line.sku] = (inbound[line.sku] ?? [])
                    .filter { $0.quantity > 0 && locations.contains($0.locationID) }
                    .sorted { ($0.eta.timestamp, $0.locationID) < ($1.eta.timestamp, $1.locationID) }
            }
            let needed = claimed[line.sku, default: 0] + open[index]
            claimed[line.sku] = needed
            var arriving = 0
            var expected: KontorDate?
            for supply in schedules[line.sku] ?? [] {
                arriving += supply.quantity
                if arriving >= needed {
                    expected = supply.eta
                    break
                }
            }
            var meets: Bool?
            if let expected, let requestedDate {
                meets =
                    (expected.year, expected.month, expected.day)
                    <= (requestedDate.year, requestedDate.month, requestedDate.day)
            }
            result.append(
                BackorderLine(
                    lineNumber: line.lineNumber,
                    sku: line.sku,
                    quantity: open[index],
                    expectedDate: expected,
                    meetsRequestedDate: meets
                )
            )
        }
        return result
    }
}
