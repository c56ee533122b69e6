import Foundation
import KontorModel
import Testing

/// `kontor translate` and `kontor map test` as a user runs them: the executable, its exit status,
/// stdout and stderr.
@Suite("kontor translate and map test")
struct TranslateCommandTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    static func kontor(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = KontorProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("A known format prints the canonical order and exits 0")
    func translates() throws {
        let run = try Self.kontor([
            "translate", "--format", "shopify", "mappings/shopify/samples/orders-create-paid.json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let order = try CanonicalJSON.decodeOrder(from: run.stdout)
        #expect(order.channel.rawValue == "shopify")
        #expect(!order.lines.isEmpty)

        // A document with several orders prints a JSON array.
        let csv = try Self.kontor([
            "translate", "--format", "csv-orders", "mappings/csv-orders/samples/shop-export-2025-09-02.csv",
        ])
        #expect(csv.status == 0, "\(csv.stderr)")
        let orders = try JSONDecoder().decode([CanonicalOrder].self, from: csv.stdout)
        #expect(orders.count == 2)
    }

    @Test("EDI and B2B XML formats: x12 (every 850 in the interchange), UBL, openTRANS, cXML, IDoc")
    func b2bFormats() throws {
        let x12 = try Self.kontor(["translate", "--format", "x12", "Tests/KontorX12Tests/Fixtures/node-x12_850.edi"])
        #expect(x12.status == 0, "\(x12.stderr)")
        let order = try CanonicalJSON.decodeOrder(from: x12.stdout)
        #expect(order.lines.count == 6)
        let edifact = try Self.kontor([
            "translate", "--format", "edifact", "Tests/KontorEDIFACTTests/Fixtures/kontor_D01B_orders.edi",
        ])
        #expect(edifact.status == 0, "\(edifact.stderr)")
        #expect((try? CanonicalJSON.decodeOrder(from: edifact.stdout))?.lines.count == 3)
        for (format, folder) in [
            ("ubl", "ubl-order"), ("opentrans", "opentrans-order"), ("cxml", "cxml-orderrequest"),
            ("idoc", "idoc-orders05"), ("ubl-order", "ubl-order"),
        ] {
            let samples = Self.root.appendingPathComponent("mappings/\(folder)/samples")
            let file = try #require(
                try FileManager.default.contentsOfDirectory(atPath: samples.path).first { $0.hasSuffix(".xml") }
            )
            let run = try Self.kontor(["translate", "--format", format, samples.appendingPathComponent(file).path])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect((try? CanonicalJSON.decodeOrder(from: run.stdout)) != nil, "\(format)")
        }
        let notEDI = try Self.kontor(["translate", "--format", "x12", "README.md"])
        #expect(notEDI.status == 1)
        #expect(notEDI.stderr.hasPrefix("error: "))
    }

    @Test("Bad input, unknown formats and broken mappings exit non-zero with a clear message on stderr")
    func errors() throws {
        let junk = try Self.kontor(["translate", "--format", "shopify", "README.md"])
        #expect(junk.status == 1)
        #expect(junk.stderr.hasPrefix("error: malformed input"))
        #expect(junk.stdout.isEmpty)

        let unknown = try Self.kontor(["translate", "--format", "telex", "README.md"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown format 'telex'"))

        let mapping = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try "format: json\nchannel: x\nfields:\n  orderNumber: {from: id, transform: [uppercase]}\n"
            .write(to: mapping, atomically: true, encoding: .utf8)
        let broken = try Self.kontor(["map", "test", mapping.path, "mappings/shopify/samples/orders-create-paid.json"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\(mapping.path):4"))
        #expect(broken.stderr.contains("uppercase"))
    }
}
