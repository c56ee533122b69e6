import Foundation
import KontorStore
import Testing

/// `kontor import` and the store `kontor run` opens: seeding of a fresh SQLite store from `seed/`, CSV imports with
/// errors naming row and column, and the same binary on PostgreSQL (the server `make test` starts).
@Suite("End to end: store, seeding and import", .serialized, .timeLimit(.minutes(5)))
struct StoreCommandEndToEndTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("kontor import loads catalog, locations and stock; a bad file names row and column and stores nothing")
    func imports() async throws {
        let state = try Self.temporaryFolder()
        for kind in ["catalog", "locations", "stock"] {
            let run = try TranslateCommandTests.kontor(["import", kind, "seed/\(kind).csv", "--state-dir", state.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(String(decoding: run.stdout, as: UTF8.self).hasPrefix("imported "))
        }
        let bad = state.appendingPathComponent("bad.csv")
        try "sku,description,gtin\nA-1,Widget,4006381333931\nA-2,Gadget,4006381333932\n".write(
            to: bad,
            atomically: true,
            encoding: .utf8
        )
        let refused = try TranslateCommandTests.kontor(["import", "catalog", bad.path, "--state-dir", state.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("row 3") && refused.stderr.contains("gtin"), "\(refused.stderr)")
        let unknown = try TranslateCommandTests.kontor(["import", "prices", bad.path, "--state-dir", state.path])
        #expect(unknown.status != 0)

        let store = try SQLiteStore(path: state.appendingPathComponent("kontor.sqlite").path)
        #expect(try await store.product(sku: "A-1") == nil, "a refused file stores nothing")
        #expect(try await store.locations(activeOnly: false).count == 7)
        await store.close()
    }

    @Test("kontor run seeds a fresh store once, on SQLite and on PostgreSQL, and answers GET /v1/inventory/{sku}")
    func seedsFreshStores() async throws {
        let kontor = try KontorProcess(arguments: ["--set", "kafka.embeddedBrokers=1"])
        try await kontor.start()
        // GET /v1/inventory/{sku}: available-to-promise per location from the seeded stock.
        let inventory = try await HTTPClient.request("GET", "\(kontor.httpAddress)/v1/inventory/PT-DRL-18V-055")
        #expect(inventory.status == 200, "\(inventory.text)")
        let byLocation = (inventory.json["locations"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
            $0[$1["locationId"] as? String ?? ""] = $1["available"] as? Int
        }
        #expect(byLocation["WH-DE-LEJ"] == 371 && byLocation["WH-NL-VEN"] == 434, "\(inventory.text)")
        #expect(inventory.json["available"] as? Int == byLocation.values.reduce(0, +))
        #expect(inventory.json["gtin"] as? String == "4062249010000")
        let unknown = try await HTTPClient.request("GET", "\(kontor.httpAddress)/v1/inventory/NO-SUCH-SKU")
        #expect(unknown.status == 404)
        #expect(unknown.json["type"] as? String == "https://kontor.dev/problems/not-found")
        #expect(try await kontor.terminate() == 0)
        let store = try SQLiteStore(path: kontor.stateDirectory.appendingPathComponent("kontor.sqlite").path)
        let locations = try await store.locations(activeOnly: false)
        #expect(locations.count == 7)
        let atp = try await store.stockLevels(skus: ["PT-DRL-18V-055"], locationIDs: nil)
        #expect(!atp.isEmpty)
        await store.close()

        let base = try #require(
            ProcessInfo.processInfo.environment["KONTOR_TEST_POSTGRES_URL"],
            "KONTOR_TEST_POSTGRES_URL is not set: run the tests with `make test`, which starts PostgreSQL"
        )
        let schema = "e2e_\(UUID().uuidString.prefix(8).lowercased())"
        let url = "\(base)?schema=\(schema)"
        let onPostgres = try KontorProcess(arguments: ["--set", "kafka.embeddedBrokers=1", "--set", "store.url=\(url)"])
        try await onPostgres.start()
        #expect(try await onPostgres.terminate() == 0)
        let postgres = try await openStore(try StoreConfiguration(parsing: url))
        #expect(try await postgres.locations(activeOnly: false).count == 7)
        await postgres.close()
    }
}
