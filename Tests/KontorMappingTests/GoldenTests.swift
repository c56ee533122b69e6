import Foundation
import KontorMapping
import KontorModel
import Testing

/// Every sample of every mapping in `mappings/` translates to its `.expected.json`.
///
/// Set `KONTOR_UPDATE_GOLDEN=1` to (re)write the expected files from the current output; review the diff.
@Suite("Golden samples")
struct GoldenTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        let mapping: String
        let file: String

        var testDescription: String { "\(mapping)/\(URL(fileURLWithPath: file).lastPathComponent)" }
    }

    static let sampleExtensions: Set<String> = ["json", "xml", "csv", "edi"]

    /// Every `mappings/<name>/samples/<file>.<json|xml|csv|edi>` that is not itself an expectation.
    static func samples() throws -> [Sample] {
        let root = TestSupport.mappingsDirectory
        var samples: [Sample] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            let directory = "\(root)/\(name)/samples"
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for file in files.sorted()
            where !file.hasSuffix(".expected.json")
                && sampleExtensions.contains(URL(fileURLWithPath: file).pathExtension)
            {
                samples.append(Sample(mapping: name, file: "\(directory)/\(file)"))
            }
        }
        return samples
    }

    @Test("The catalog loads every mapping, and each has at least one sample")
    func catalogLoads() throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        #expect(catalog.names.count >= 5)
        for name in ["shopify", "woocommerce", "amazon-sp-api", "generic-json", "csv-orders"] {
            #expect(catalog.mapping(named: name) != nil, "missing mapping \(name)")
        }
        let sampled = Set(try Self.samples().map(\.mapping))
        for mapping in catalog.mappings {
            #expect(sampled.contains(mapping.name), "mapping \(mapping.name) has no sample")
            #expect(!mapping.summary.isEmpty, "mapping \(mapping.name) has no description")
        }
    }

    /// The samples of order mappings (tracking mappings have their own golden test).
    static func orderSamples() throws -> [Sample] {
        try samples().filter { !$0.mapping.hasPrefix("tracking-") }
    }

    @Test("Sample translates to its expected canonical orders", arguments: try orderSamples())
    func sample(_ sample: Sample) throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let mapping = try #require(catalog.mapping(named: sample.mapping))
        let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: sample.file)))
        let orders = try mapping.translate(input)
        let actualText = String(decoding: try CanonicalJSON.encode(orders, prettyPrinted: true), as: UTF8.self) + "\n"
        let expectedURL = URL(fileURLWithPath: sample.file + ".expected.json")

        if ProcessInfo.processInfo.environment["KONTOR_UPDATE_GOLDEN"] == "1" {
            try Data(actualText.utf8).write(to: expectedURL)
        }
        let expectedData = try Data(contentsOf: expectedURL)
        let expected = try CanonicalJSON.decode([CanonicalOrder].self, from: expectedData)
        let expectedText =
            String(decoding: try CanonicalJSON.encode(expected, prettyPrinted: true), as: UTF8.self)
            + "\n"
        #expect(
            orders == expected,
            "\(sample.testDescription) differs from its .expected.json:\n\(TestSupport.diff(actualText, expectedText))"
        )
        for order in orders {
            #expect(order.id == nil, "mapped orders carry no id")
            #expect(order.channel == mapping.channel)
        }
    }
}

@Suite("Mapped samples and business validation")
struct SampleValidationTests {
    @Test("Complete samples pass validation; Amazon's, UBL's and the public EDI samples have known gaps")
    func samplesValidate() throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        for sample in try GoldenTests.orderSamples() {
            let mapping = try #require(catalog.mapping(named: sample.mapping))
            let orders = try mapping.translate([UInt8](Data(contentsOf: URL(fileURLWithPath: sample.file))))
            for order in orders {
                var reasons = BasicOrderValidator().validate(order)
                // Lines sold by weight, by the set or by the carton do not convert to the pieces stock is kept in
                // (the catalog has no pack sizes): exactly those lines are refused as not convertible.
                let unconvertible = order.lines.indices.filter { order.lines[$0].pieces == nil }
                #expect(
                    reasons.filter { $0.code == .unitNotConvertible }.map(\.field)
                        == unconvertible.map { "lines[\($0)].quantity" },
                    "\(sample.testDescription): \(reasons)"
                )
                reasons.removeAll { $0.code == .unitNotConvertible }
                if sample.mapping == "amazon-sp-api" {
                    #expect(
                        Set(reasons.map(\.field)) == [
                            "shipTo.name", "shipTo.street", "shipTo.city", "shipTo.postalCode",
                        ]
                    )
                } else if sample.mapping == "ubl-order" {
                    // The official OASIS example's GTINs have wrong check digits; the validator must say so.
                    #expect(reasons.map(\.code.rawValue) == ["invalid-gtin", "invalid-gtin"])
                    #expect(reasons.map(\.field) == ["lines[0].gtin", "lines[1].gtin"])
                } else if sample.mapping == "x12-850" {
                    // Both public 850 samples name no buyer (no N1*BY or N1*BT): the validator must say so.
                    #expect(reasons.map(\.field) == ["buyer"], "\(sample.testDescription): \(reasons)")
                } else if sample.testDescription.hasSuffix("pydifact_D96A_wikipedia_de.edi") {
                    // The textbook example's buyer (and so ship-to) country is "xx".
                    #expect(reasons.map(\.code.rawValue) == ["unknown-country"], "\(reasons)")
                } else {
                    #expect(reasons.isEmpty, "\(sample.testDescription): \(reasons)")
                }
            }
        }
    }
}
