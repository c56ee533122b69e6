import KontorAllocation
import KontorModel

/// Locations, orders and policies built in code for the planner tests.
enum Fixtures {
    static let berlin = GeoCoordinate(latitude: 52.5200, longitude: 13.4050)
    static let munich = GeoCoordinate(latitude: 48.1351, longitude: 11.5820)
    static let hamburg = GeoCoordinate(latitude: 53.5511, longitude: 9.9937)
    static let leipzig = GeoCoordinate(latitude: 51.3397, longitude: 12.3731)
    static let cologne = GeoCoordinate(latitude: 50.9375, longitude: 6.9603)
    static let potsdam = GeoCoordinate(latitude: 52.3906, longitude: 13.0645)

    static func warehouse(
        _ id: String,
        _ coordinate: GeoCoordinate?,
        country: CountryCode = .de,
        postalCode: String = "00000",
        capacity: Int = 100,
        canShip: Bool = true
    ) -> CandidateLocation {
        CandidateLocation(
            id: id,
            name: "Warehouse \(id)",
            kind: .warehouse,
            country: country,
            postalCode: postalCode,
            coordinate: coordinate,
            canShip: canShip,
            canPickup: false,
            remainingDailyCapacity: capacity
        )
    }

    static func store(_ id: String, _ coordinate: GeoCoordinate, canShip: Bool = false) -> CandidateLocation {
        CandidateLocation(
            id: id,
            name: "Store \(id)",
            kind: .store,
            country: .de,
            postalCode: "00000",
            coordinate: coordinate,
            canShip: canShip,
            canPickup: true,
            remainingDailyCapacity: 20
        )
    }

    /// An order to Potsdam (coordinates) with the given (sku, quantity) lines, numbered 1, 2, ...
    static func order(
        _ lines: [(String, Int)],
        to destination: Destination = Destination(country: .de, postalCode: "14467", coordinate: potsdam),
        pickupAt: String? = nil,
        requestedDate: KontorDate? = nil
    ) -> AllocationRequest {
        AllocationRequest(
            orderID: OrderID("ord_test"),
            lines: lines.enumerated().map {
                LineDemand(lineNumber: "\($0.offset + 1)", sku: $0.element.0, quantity: $0.element.1)
            },
            destination: destination,
            pickupLocationID: pickupAt,
            requestedDate: requestedDate
        )
    }

    static func date(_ text: String) -> KontorDate { KontorDate(text)! }
}

extension AllocationPlan {
    /// Location id → units per SKU shipped or reserved there, for compact expectations.
    var allocations: [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for shipment in shipments {
            for line in shipment.lines {
                result[shipment.locationID, default: [:]][line.sku, default: 0] += line.quantity
            }
        }
        return result
    }

    func candidate(_ id: String) -> CandidateEvaluation? {
        decision.candidates.first { $0.locationID == id }
    }
}
