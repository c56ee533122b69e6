import Foundation
import KontorModel
import KontorStore
import Testing

@Suite("CSV imports of catalog, locations and stock")
struct CSVImportTests {
    /// The repository's `seed/` folder.
    static let seedFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seed")

    @Test("The demo seed files load into both backends", arguments: StoreBackend.allCases)
    func seedFiles(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let catalog = try await CatalogCSVImporter(store: store)
                .importFile(atPath: Self.seedFolder.appendingPathComponent("catalog.csv").path)
            let locations = try await LocationCSVImporter(store: store)
                .importFile(atPath: Self.seedFolder.appendingPathComponent("locations.csv").path)
            let stock = try await StockCSVImporter(store: store)
                .importFile(atPath: Self.seedFolder.appendingPathComponent("stock.csv").path)
            #expect(catalog == CSVImportSummary(file: "catalog.csv", records: 52))
            #expect(locations.records == 7)
            #expect(stock.records > 150)

            let impact = try #require(try await store.product(sku: "PT-IMP-18V-200"))
            #expect(impact.description == #"Cordless impact driver 18 V, 200 Nm, 1/4" hex, body only"#)
            #expect(try await store.product(gtin: try #require(impact.gtin)) == impact)
            let active = try await store.locations(activeOnly: true)
            #expect(Set(active.map(\.address.country.rawValue)) == ["DE", "AT", "NL", "FR", "GB", "US"])
            #expect(Set(active.map(\.kind)) == [.warehouse, .store])
            let vienna = try #require(try await store.location(id: "ST-AT-VIE"))
            #expect(vienna.canPickup && !vienna.canShip)
            #expect(try await store.stockLevels(skus: ["PT-DRL-18V-055"], locationIDs: nil).count >= 3)

            // Importing again replaces rather than duplicates.
            let again = try await StockCSVImporter(store: store)
                .importFile(atPath: Self.seedFolder.appendingPathComponent("stock.csv").path)
            #expect(again.records == stock.records)

            let customers = try await CustomerCSVImporter(store: store)
                .importFile(atPath: Self.seedFolder.appendingPathComponent("customers.csv").path)
            #expect(customers.records == 5)
            let mueller = try #require(try await store.customer(id: "K-10023"))
            #expect(mueller.creditLimit == DecimalAmount("25000.00") && mueller.openBalance == DecimalAmount("3120.50"))
            let references = try await BuyerSKUCSVImporter(store: store)
                .importFile(atPath: Self.seedFolder.appendingPathComponent("buyer-skus.csv").path)
            #expect(references.records == 6)
            #expect(try await store.product(customerID: "K-10023", buyerSKU: "MS-471-200")?.sku == "PT-IMP-18V-200")
        }
    }

    @Test(
        "Customer and buyer SKU rows are checked; a buyer SKU must name a catalog product",
        arguments: StoreBackend.allCases
    )
    func customerAndBuyerSKUErrors(backend: StoreBackend) async throws {
        #expect(throws: CSVImportError.self) {
            try CustomerCSVImporter.customers("id,name,credit_limit\nK-1,A,100\n", fileName: "c.csv")
        }
        do {
            _ = try CustomerCSVImporter.customers("id,name\nK-1,A\nK-1,B\n", fileName: "c.csv")
            Issue.record("a repeated id must be refused")
        } catch {
            #expect("\(error)".contains("row 3") && "\(error)".contains("appears again"), "\(error)")
        }
        try await withTestStore(backend) { store, _ async throws in
            try await store.upsertProducts([Product(sku: "A-1", description: "Widget")])
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("buyer-\(UUID().uuidString).csv")
            try "customer_id,buyer_sku,sku\nK-1,X-1,A-1\nK-1,X-2,NOPE\n".write(
                to: file,
                atomically: true,
                encoding: .utf8
            )
            do {
                _ = try await BuyerSKUCSVImporter(store: store).importFile(atPath: file.path)
                Issue.record("an unknown SKU must be refused")
            } catch {
                #expect("\(error)".contains("NOPE") && "\(error)".contains("not in the catalog"), "\(error)")
            }
            #expect(try await store.product(customerID: "K-1", buyerSKU: "X-1") == nil, "nothing stored")
        }
    }

    @Test("Quoted fields hold commas, quotes and line breaks; CRLF, a byte order mark and blank lines are fine")
    func rfc4180() throws {
        let text =
            "\u{FEFF}sku,description,list_price,currency\r\n"
            + "A-1,\"Hammer, claw \"\"pro\"\"\",19.90,EUR\r\n\r\n"
            + "A-2,\"Two\nlines\",,\r\n"
            + "A-3,Plain,1,EUR"
        let products = try CatalogCSVImporter.products(text, fileName: "catalog.csv")
        #expect(products.map(\.description) == [#"Hammer, claw "pro""#, "Two\nlines", "Plain"])
        #expect(products[0].listPrice?.description == "19.90")
        #expect(products[1].listPrice == nil)
    }

    @Test(
        "Bad files are refused with the file, row and column named",
        arguments: [
            (
                "sku,description,gtin\nA-1,Hammer,4006381333932\n",
                "catalog.csv row 2, column gtin: \"4006381333932\" is not a valid GTIN (8, 12, 13 or 14 digits with a correct check digit)"
            ),
            (
                "sku,description,colour\n",
                "catalog.csv row 1, column colour: unknown column; expected sku, description, gtin, weight_grams, list_price, currency"
            ),
            ("sku,gtin\n", "catalog.csv row 1, column description: required column missing from the header"),
            ("sku,description\nA-1,Hammer\nA-2\n", "catalog.csv row 3: 1 fields, but the header has 2 columns"),
            ("sku,description\nA-1,\n", "catalog.csv row 2, column description: a value is required"),
            (
                "sku,description,list_price,currency\nA-1,Hammer,19.90,\n",
                "catalog.csv row 2, column currency: a list price needs a currency"
            ),
            (
                "sku,description,list_price,currency\nA-1,Hammer,\"19,90\",EUR\n",
                "catalog.csv row 2, column list_price: \"19,90\" is not an amount like 19.99"
            ),
            (
                "sku,description,weight_grams\nA-1,Hammer,heavy\n",
                "catalog.csv row 2, column weight_grams: \"heavy\" is not a whole number"
            ),
            (
                "sku,description\nA-1,Hammer\nA-1,Again\n",
                "catalog.csv row 3, column sku: \"A-1\" appears again (first in row 2)"
            ),
            (
                "sku,description\nA-1,\"Hammer\n",
                "catalog.csv: line 2: a quoted field is not closed before the end of the file"
            ),
            (
                "sku,description\nA-1,Ham\"mer\n",
                "catalog.csv: line 2: a quote inside an unquoted field (quote the whole field and double the quote: \"\"\"\")"
            ),
            ("", "catalog.csv: the file is empty; expected a header row"),
        ]
    )
    func catalogErrors(text: String, message: String) throws {
        let error = #expect(throws: CSVImportError.self) {
            try CatalogCSVImporter.products(text, fileName: "catalog.csv")
        }
        #expect(error?.description == message)
    }

    @Test("Location and stock rows are checked field by field")
    func locationAndStockErrors() throws {
        let header = "id,name,kind,country,latitude,longitude,can_ship\n"
        func locationError(_ row: String) -> String? {
            do {
                _ = try LocationCSVImporter.locations(header + row, fileName: "locations.csv")
                return nil
            } catch {
                return (error as? CSVImportError)?.description
            }
        }
        #expect(
            locationError("WH1,Leipzig,depot,DE,,,\n")
                == "locations.csv row 2, column kind: \"depot\" is neither warehouse nor store"
        )
        #expect(
            locationError("WH1,Leipzig,warehouse,XX,,,\n")
                == "locations.csv row 2, column country: \"XX\" is not an ISO 3166-1 alpha-2 country code like DE"
        )
        #expect(
            locationError("WH1,Leipzig,warehouse,DE,91,12,\n")
                == "locations.csv row 2, column latitude: \"91\" is not a number in -90.0...90.0"
        )
        #expect(
            locationError("WH1,Leipzig,warehouse,DE,51.3,,\n")
                == "locations.csv row 2, column longitude: give both coordinates or neither"
        )
        #expect(
            locationError("WH1,Leipzig,warehouse,DE,,,maybe\n")
                == "locations.csv row 2, column can_ship: \"maybe\" is not true or false"
        )
        #expect(locationError("WH1,Leipzig,Warehouse,DE,51.34,12.37,no\n") == nil)

        let error = #expect(throws: CSVImportError.self) {
            try StockCSVImporter.counts("sku,location_id,on_hand\nA,WH1,5\nB,WH1,-2\n", fileName: "stock.csv")
        }
        #expect(error?.description == "stock.csv row 3, column on_hand: -2 is below 0")
    }

    @Test("A bad row stores nothing from the file", arguments: StoreBackend.allCases)
    func allOrNothing(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let importer = StockCSVImporter(store: store)
            await #expect(throws: CSVImportError.self) {
                try await importer.importCSV("sku,location_id,on_hand\nA,WH1,5\nB,WH1,x\n", fileName: "stock.csv")
            }
            #expect(try await store.stockLevels(skus: ["A", "B"], locationIDs: nil).isEmpty)
            let summary = try await importer.importCSV(
                "location_id,sku,on_hand,safety_stock\nWH1,A,5,1\nWH1,B,2,\n",
                fileName: "stock.csv"
            )
            #expect(summary.records == 2)
            #expect(try await store.availableToPromise(sku: "A", locationID: "WH1") == 4)
            #expect(try await store.availableToPromise(sku: "B", locationID: "WH1") == 2)
        }
    }
}
