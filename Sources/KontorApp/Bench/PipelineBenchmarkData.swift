import Foundation
import KontorModel
import KontorStore

/// The synthetic network of the pipeline benchmark: locations spread over Germany (four in five warehouses, every
/// fifth a store), a catalog, and stock deep enough that most orders allocate at once while some SKUs are scarce.
struct PipelineBenchmarkData {
    var locations: Int
    var products: Int

    static func sku(_ number: Int) -> String { "BENCH-\(number)" }

    func load(into store: any KontorStoreBackend) async throws {
        try await store.upsertProducts(
            (0..<products).map {
                Product(
                    sku: Self.sku($0),
                    description: "Benchmark article \($0)",
                    weightGrams: 500,
                    listPrice: DecimalAmount(10),
                    currency: CurrencyCode("EUR")
                )
            }
        )
        let germany = CountryCode("DE")!
        let sites = (0..<locations).map { number -> Location in
            let isStore = number % 5 == 4
            // Postal regions 01...99 and coordinates across Germany (47.3–55.0 N, 6.0–15.0 E).
            let region = 1 + (number * 37) % 99
            return Location(
                id: String(format: "L-%03d", number),
                name: "Location \(number)",
                kind: isStore ? .store : .warehouse,
                address: Address(
                    street: "Lagerstraße \(number + 1)",
                    city: "Ort \(number)",
                    postalCode: String(format: "%02d%03d", region, number),
                    country: germany
                ),
                latitude: 47.3 + Double((number * 53) % 77) / 10,
                longitude: 6.0 + Double((number * 29) % 90) / 10,
                dailyCapacity: isStore ? 200 : nil,
                canShip: true,
                canPickup: isStore
            )
        }
        try await store.upsertLocations(sites)
        var counts: [StockCount] = []
        for product in 0..<products {
            for site in sites.indices where (product + site) % 3 == 0 || site % 5 != 4 {
                // One SKU in fifty is scarce: a few units at one location in three.
                let onHand = product % 50 == 0 ? (site % 3 == 0 ? 3 : 0) : 100_000
                counts.append(StockCount(sku: Self.sku(product), locationID: sites[site].id, onHand: onHand))
            }
        }
        try await store.setStock(counts)
    }
}

/// Synthetic orders: paid web orders to German addresses, `linesPerOrder` distinct SKUs each, at list price.
struct PipelineOrderGenerator: Sendable {
    var products: Int
    var linesPerOrder: Int

    func orders(prefix: String, count: Int) -> [CanonicalOrder] {
        (0..<count).map { order(prefix: prefix, number: $0) }
    }

    private func order(prefix: String, number: Int) -> CanonicalOrder {
        let lines = (0..<linesPerOrder).map { index in
            OrderLine(
                lineNumber: "\(index + 1)",
                sku: PipelineBenchmarkData.sku((number * 7 + index * 13) % products),
                quantity: DecimalAmount(1 + (number + index) % 3),
                unitPrice: DecimalAmount(10)
            )
        }
        let total = lines.reduce(DecimalAmount.zero) { $0 + $1.quantity * $1.unitPrice }
        let region = 1 + (number * 11) % 99
        var order = CanonicalOrder(
            orderNumber: "\(prefix)-\(number)",
            channel: "bench",
            orderDate: KontorDate(year: 2026, month: 11, day: 29)!,
            currency: CurrencyCode("EUR")!,
            buyer: Party(
                id: "B-\(prefix)-\(number)",
                name: "Kundin \(number)",
                email: "kundin.\(prefix).\(number)@example.com"
            ),
            shipTo: Address(
                name: "Kundin \(number)",
                street: "Hauptstraße \(number % 200 + 1)",
                city: "Stadt \(region)",
                postalCode: String(format: "%02d%03d", region, number % 1000),
                country: CountryCode("DE")!
            ),
            lines: lines,
            totals: OrderTotals(grandTotal: total),
            payment: Payment(method: .creditCard, status: .paid, amount: total)
        )
        order.id = OrderID.derived(channel: order.channel, orderNumber: order.orderNumber)
        return order
    }
}
