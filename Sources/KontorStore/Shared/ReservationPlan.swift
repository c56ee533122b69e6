import KontorModel

/// A checked reservation request, shared by both backends: the units needed per SKU and location, in the order the
/// stock rows are locked (sorted, so that concurrent reservers cannot deadlock), and the replay check.
struct ReservationPlan: Sendable {
    /// Units needed of one SKU at one location, summed over the order's lines.
    struct Need: Sendable, Hashable {
        var sku: String
        var locationID: String
        var quantity: Int
    }

    let orderID: OrderID
    let lines: [ReservationRequest]
    /// Sorted by SKU, then location.
    let needs: [Need]
    /// The distinct locations, sorted.
    let locationIDs: [String]

    /// Checks the lines: at least one, each with a quantity of at least 1 and a SKU and location.
    init(orderID: OrderID, lines: [ReservationRequest]) throws {
        guard !lines.isEmpty else {
            throw StoreError.invalidValue(field: "reserve(\(orderID)).lines", value: "[]", reason: "is empty")
        }
        var totals: [String: Need] = [:]
        for line in lines {
            let field = "reserve(\(orderID)).lines[lineNumber=\(line.lineNumber)]"
            guard line.quantity >= 1 else {
                throw StoreError.invalidValue(
                    field: field + ".quantity",
                    value: String(line.quantity),
                    reason: "must be at least 1"
                )
            }
            guard !line.sku.isEmpty, !line.locationID.isEmpty else {
                throw StoreError.invalidValue(field: field, value: "", reason: "needs a SKU and a location")
            }
            let key = line.sku + "\u{0}" + line.locationID
            totals[key, default: Need(sku: line.sku, locationID: line.locationID, quantity: 0)].quantity +=
                line.quantity
        }
        self.orderID = orderID
        self.lines = lines
        self.needs = totals.values.sorted { ($0.sku, $0.locationID) < ($1.sku, $1.locationID) }
        self.locationIDs = Set(lines.map(\.locationID)).sorted()
    }

    /// `true` when `active` holds exactly the requested lines: the request is a replay.
    func isReplay(of active: [Reservation]) -> Bool {
        func key(_ line: Int, _ sku: String, _ location: String, _ quantity: Int) -> String {
            "\(line)\u{0}\(sku)\u{0}\(location)\u{0}\(quantity)"
        }
        let requested = lines.map { key($0.lineNumber, $0.sku, $0.locationID, $0.quantity) }.sorted()
        let held = active.map { key($0.lineNumber, $0.sku, $0.locationID, $0.quantity) }.sorted()
        return requested == held
    }

    /// The reservations to insert once every need is met.
    func reservations(at now: Timestamp) -> [Reservation] {
        lines.map { line in
            Reservation(
                id: "res_" + UUIDString.randomLowercaseHex(),
                orderID: orderID,
                lineNumber: line.lineNumber,
                sku: line.sku,
                locationID: line.locationID,
                quantity: line.quantity,
                status: .active,
                createdAt: now
            )
        }
    }
}

/// Thrown inside a reservation transaction to roll it back; turned into ``ReservationOutcome/refused(_:)``.
struct ReservationRefused: Error {
    let shortfalls: [ReservationShortfall]
}
