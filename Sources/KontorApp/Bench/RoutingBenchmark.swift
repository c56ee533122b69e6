import Foundation
import KontorAllocation
import KontorModel

/// `kontor bench routing`: the time of one routing decision (``AllocationPlanner/plan``) for orders of 10 lines over
/// 50 candidate locations with seeded random stock, destinations and capacities.
///
/// Half the locations and destinations have coordinates, the rest only German postal codes, so both the exact and
/// the estimated distances are exercised. Besides the timings it reports the share of decisions that split the order
/// and that backorder something, to show what the timings were measured on.
public struct RoutingBenchmark: Sendable {
    /// Candidate locations per decision.
    public var locations = 50
    /// Lines per order.
    public var linesPerOrder = 10
    /// Timed decisions.
    public var decisions = 20_000
    /// Seed of the generated data, so that runs are comparable.
    public var seed: UInt64 = 42

    public init() {}

    public func run() throws -> BenchmarkReport {
        var random = SeededRandom(seed: seed)
        let skus = (0..<500).map { "SKU-\($0)" }
        let candidates = (0..<locations).map { Self.location($0, &random) }
        // Warehouses carry most SKUs, stores fewer and less; one SKU in twenty is scarce (two locations at most).
        var availability: [String: [String: Int]] = [:]
        for (number, sku) in skus.enumerated() {
            if number % 20 == 0 {
                for _ in 0..<2 {
                    availability[sku, default: [:]][candidates[random.below(locations)].id] = random.below(4)
                }
                continue
            }
            for location in candidates {
                let stocked = location.kind == .warehouse ? random.below(10) < 9 : random.below(10) < 3
                guard stocked else { continue }
                availability[sku, default: [:]][location.id] = random.below(location.kind == .warehouse ? 30 : 6)
            }
        }
        let orders = (0..<1_000).map { number in
            AllocationRequest(
                orderID: OrderID("ord_bench_\(number)"),
                lines: Array(skus.shuffled(using: &random).prefix(linesPerOrder)).enumerated().map {
                    LineDemand(lineNumber: "\($0.offset + 1)", sku: $0.element, quantity: 1 + random.below(4))
                },
                destination: Destination(
                    country: .de,
                    postalCode: Self.postalCode(&random),
                    coordinate: random.below(2) == 0 ? Self.coordinate(&random) : nil
                )
            )
        }
        let policy = RoutingPolicy(
            rateTable: RateTable(rates: [
                CountryPairRate(origin: .de, destination: .de, rate: ShippingRate(baseCost: 4.9, costPer100Km: 0.8))
            ])
        )
        var shipments = 0
        for order in orders.prefix(200) {  // warm-up
            let plan = try AllocationPlanner.plan(
                order,
                candidates: candidates,
                availability: availability,
                policy: policy
            )
            shipments += plan.shipments.count
        }
        var samples = LatencySamples()
        var splits = 0
        var withBackorders = 0
        let start = monotonicNanoseconds()
        for index in 0..<decisions {
            let before = monotonicNanoseconds()
            let plan = try AllocationPlanner.plan(
                orders[index % orders.count],
                candidates: candidates,
                availability: availability,
                policy: policy
            )
            samples.add(monotonicNanoseconds() - before)
            shipments += plan.shipments.count
            if plan.shipments.count > 1 { splits += 1 }
            if !plan.backorders.isEmpty { withBackorders += 1 }
        }
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        precondition(shipments > 0, "no order was allocated: the generated stock is wrong")
        var report = BenchmarkReport()
        report.add("routing.decisions_per_s", Double(decisions) / seconds, decimals: 0)
        report.add("routing.p50_ms", samples.percentile(50), decimals: 3)
        report.add("routing.p99_ms", samples.percentile(99), decimals: 3)
        report.add("routing.split_pct", Double(splits) * 100 / Double(decisions))
        report.add("routing.backordered_pct", Double(withBackorders) * 100 / Double(decisions))
        return report
    }

    private static func location(_ number: Int, _ random: inout SeededRandom) -> CandidateLocation {
        let isStore = number % 5 == 4
        return CandidateLocation(
            id: String(format: "loc-%02d", number),
            name: isStore ? "Store \(number)" : "Warehouse \(number)",
            kind: isStore ? .store : .warehouse,
            country: .de,
            postalCode: postalCode(&random),
            coordinate: number % 2 == 0 ? coordinate(&random) : nil,
            canShip: true,
            canPickup: isStore,
            remainingDailyCapacity: random.below(10) == 0 ? 0 : 1 + random.below(200)
        )
    }

    /// A German postal code in one of the built-in regions (10–99, leaving out 11, 43 and 62).
    private static func postalCode(_ random: inout SeededRandom) -> String {
        var region = 10 + random.below(90)
        if [11, 43, 62].contains(region) { region += 1 }
        return String(format: "%02d%03d", region, random.below(1000))
    }

    /// A point inside Germany's bounding box.
    private static func coordinate(_ random: inout SeededRandom) -> GeoCoordinate {
        GeoCoordinate(
            latitude: 47.5 + Double(random.below(7000)) / 1000,
            longitude: 6.0 + Double(random.below(9000)) / 1000
        )
    }
}

/// SplitMix64: a tiny seeded generator, so that every run routes the same orders.
private struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
