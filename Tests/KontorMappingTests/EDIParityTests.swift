import Foundation
import KontorEDIFACT
import KontorMapping
import KontorModel
import KontorX12
import Testing

/// The `x12-850` and `edifact-orders` mappings produce the same canonical orders as the hand-written readers
/// (`X12PurchaseOrderReader`, `EdifactOrderReader`) for every sample.
///
/// Deliberate differences, removed from the reader's order before comparing:
/// - X12: the reader keeps every further PO1 qualifier/id pair as `attributes["x12.line.<line>.<qualifier>"]`; a
///   mapping names its fields up front, so the mapping keeps only sku, buyerSku and gtin. The reader also keeps
///   every header REF as `x12.ref.<qualifier>`; the mapping keeps the common qualifiers (DP, PS, CO, ZZ, IA, VR,
///   CT, PD).
/// - EDIFACT: the reader lists lines without a price in `attributes["edifact.unpricedLines"]`; the mapping gives
///   them unit price 0 like the reader, without the list.
///
/// Differences outside these samples, by design of the mapping (documented in `mappings/README.md`): with several
/// N3 segments the reader joins all further address lines into `street2`, the mapping takes the second line; the
/// EDIFACT ship-to is chosen field by field (DP, else ST, BY, IV) where the reader picks one party with an address.
@Suite("EDI mappings agree with the hand-written readers")
struct EDIParityTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        let mapping: String
        let file: String
        var testDescription: String { "\(mapping)/\(URL(fileURLWithPath: file).lastPathComponent)" }
    }

    static func samples() throws -> [Sample] {
        try ["x12-850", "edifact-orders"].flatMap { name in
            let directory = "\(TestSupport.mappingsDirectory)/\(name)/samples"
            return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
                .filter { $0.hasSuffix(".edi") }
                .map { Sample(mapping: name, file: "\(directory)/\($0)") }
        }
    }

    @Test("Mapping and reader give the same order", arguments: try samples())
    func parity(_ sample: Sample) throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let mapping = try #require(catalog.mapping(named: sample.mapping))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: sample.file)))
        var pairs: [(mapped: CanonicalOrder, read: CanonicalOrder)] = []
        if sample.mapping == "x12-850" {
            for transaction in try X12Parser().parse(bytes).transactions {
                var read = try X12PurchaseOrderReader.read(transaction)
                read.attributes = read.attributes?.filter { !$0.key.hasPrefix("x12.line.") }
                pairs.append((try mapping.translate(transaction), read))
            }
        } else {
            for message in try EdifactParser.parse(bytes).messages {
                var read = try EdifactOrderReader.read(message)
                read.attributes?.removeValue(forKey: "edifact.unpricedLines")
                if read.attributes?.isEmpty == true { read.attributes = nil }
                pairs.append((try mapping.translate(message), read))
            }
        }
        #expect(!pairs.isEmpty)
        for pair in pairs {
            let mappedText = String(
                decoding: CanonicalJSON.encodeOrder(pair.mapped, prettyPrinted: true),
                as: UTF8.self
            )
            let readText = String(decoding: CanonicalJSON.encodeOrder(pair.read, prettyPrinted: true), as: UTF8.self)
            #expect(pair.mapped == pair.read, "\(sample.testDescription):\n\(TestSupport.diff(mappedText, readText))")
        }
    }
}
