import Foundation
import KontorConnectors
import KontorTestSupport
import Testing

/// The B2B entry point every transport calls, fuzzed with seeded random mutations of real X12, EDIFACT and XML
/// documents: sniffing, parsing, partner lookup, validation, order reading and acknowledgements must neither crash
/// nor hang on any input; refusing it is fine. (How to fuzz with libFuzzer for longer: see the README, *Fuzzing*.)
@Suite("B2B fuzzing")
struct B2BFuzzTests {
    @Test("3,000 mutations of X12, EDIFACT and XML samples never crash the document processor")
    func mutationsNeverCrash() async throws {
        let processor = try B2BFixtures.processor()
        let samples = try [
            "x12/node-x12_850.edi", "x12/stedi_5010_850_input.edi", "edifact/kontor_D01B_orders.edi",
            "edifact/pydifact_D96A_wikipedia_de.edi", "mappings/ubl-order/samples/oasis_UBL-Order-2.1-Example.xml",
            "mappings/cxml-orderrequest/samples/friendsofcxml_OrderRequest.xml",
        ].map { try B2BFixtures.bytes($0) }
        let interesting: [UInt8] = Array("~*>^:+'?<>/&;\"=!-[]ISAGSTUNBHZ0123456789 \r\n".utf8) + [0x00, 0xFF, 0xC3]
        var generator = SplitMix64(seed: 0x0B2B_F022)
        var outcomes: [String: Int] = [:]
        for round in 0..<3_000 {
            var bytes = samples[round % samples.count]
            for _ in 0...Int(generator.next() % 6) {
                let index = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[index] = interesting[Int(generator.next() % UInt64(interesting.count))]
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: index)
                default: bytes.removeSubrange(index..<min(bytes.count, index + Int(generator.next() % 60)))
                }
                if bytes.isEmpty { bytes = [0x3C] }
            }
            let result = try await processor.process(bytes)
            outcomes[result.status.rawValue, default: 0] += 1
        }
        // The mutations must exercise both paths, or the test proves nothing.
        #expect(outcomes["accepted", default: 0] > 100)
        #expect(outcomes["rejected", default: 0] > 100)
    }
}
