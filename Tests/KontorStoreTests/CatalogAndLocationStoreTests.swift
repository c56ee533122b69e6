import KontorModel
import KontorStore
import Testing

@Suite("Catalog and locations, on both backends")
struct CatalogAndLocationStoreTests {
    static let drill = Product(
        sku: "BOS-GSR18V-55",
        gtin: GTIN("4059952566474"),
        description: "Bosch GSR 18V-55 cordless drill driver",
        weightGrams: 1_100,
        listPrice: DecimalAmount("179.90"),
        currency: .eur
    )

    @Test("Products are found by SKU, by GTIN and by a customer's own article number", arguments: StoreBackend.allCases)
    func lookups(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let bits = Product(sku: "WER-BIT-32", description: "Wera bit set, 32 pieces")
            try await store.upsertProducts([Self.drill, bits])
            #expect(try await store.product(sku: "BOS-GSR18V-55") == Self.drill)
            #expect(try await store.product(sku: "BOS-GSR18V-55")?.listPrice?.description == "179.90")
            #expect(try await store.product(gtin: GTIN("4059952566474")!) == Self.drill)
            #expect(try await store.product(gtin: GTIN("4006381333931")!) == nil)
            #expect(try await store.product(sku: "missing") == nil)
            #expect(
                try await Set(store.products(skus: ["WER-BIT-32", "BOS-GSR18V-55", "nope"])) == [Self.drill, bits]
            )

            try await store.upsertBuyerSKUs([
                BuyerSKU(customerID: "C-1001", buyerSKU: "HW-000417", sku: "BOS-GSR18V-55"),
                BuyerSKU(customerID: "C-2002", buyerSKU: "HW-000417", sku: "WER-BIT-32"),
            ])
            #expect(try await store.product(customerID: "C-1001", buyerSKU: "HW-000417") == Self.drill)
            #expect(try await store.product(customerID: "C-2002", buyerSKU: "HW-000417") == bits)
            #expect(try await store.product(customerID: "C-3003", buyerSKU: "HW-000417") == nil)

            var repriced = Self.drill
            repriced.listPrice = DecimalAmount("169.00")
            repriced.gtin = nil
            try await store.upsertProducts([repriced])
            #expect(try await store.product(sku: "BOS-GSR18V-55") == repriced)
            #expect(try await store.product(gtin: GTIN("4059952566474")!) == nil)
        }
    }

    @Test("Locations keep address, coordinates, capacity and abilities", arguments: StoreBackend.allCases)
    func locations(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let leipzig = Location(
                id: "WH-DE-LEJ",
                name: "Leipzig distribution centre",
                kind: .warehouse,
                address: Address(street: "Am Exer 10", city: "Leipzig", postalCode: "04158", country: .de),
                latitude: 51.3397,
                longitude: 12.3731,
                dailyCapacity: 1_200,
                canShip: true,
                canPickup: false
            )
            let vienna = Location(
                id: "ST-AT-VIE",
                name: "Wien Mariahilfer Straße",
                kind: .store,
                address: Address(street: "Mariahilfer Straße 77", city: "Wien", postalCode: "1060", country: .at),
                canShip: false,
                canPickup: true,
                active: false
            )
            try await store.upsertLocations([vienna, leipzig])
            #expect(try await store.location(id: "WH-DE-LEJ") == leipzig)
            #expect(try await store.location(id: "ST-AT-VIE") == vienna)
            #expect(try await store.locations(activeOnly: false).map(\.id) == ["ST-AT-VIE", "WH-DE-LEJ"])
            #expect(try await store.locations(activeOnly: true).map(\.id) == ["WH-DE-LEJ"])
        }
    }
}
