import Foundation
import KontorEDIFACT
import KontorTestSupport
import Testing

@Suite struct EdifactFuzzTests {
    /// 2,000 random mutations of the samples: the parser, validator, order reader and CONTRL must neither crash nor
    /// hang; throwing is fine.
    @Test func mutationsNeverCrash() throws {
        var generator = SplitMix64(seed: 0x4B6F_6E74_6F72)
        let samples = try Fixture.names.map { try Fixture.bytes($0) }
        let interesting: [UInt8] = Array("'+:?*\r\nUNHTZBG0123456789, ".utf8) + [0x00, 0xFF, 0xC3]
        var parsed = 0
        for round in 0..<2_000 {
            var bytes = samples[round % samples.count]
            for _ in 0...Int(generator.next() % 8) {
                let index = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[index] = interesting[Int(generator.next() % UInt64(interesting.count))]
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: index)
                default: bytes.removeSubrange(index..<min(bytes.count, index + Int(generator.next() % 40)))
                }
                if bytes.isEmpty { bytes = [0x27] }
            }
            guard let interchange = try? EdifactParser.parse(bytes) else { continue }
            parsed += 1
            _ = EdifactValidator.validate(interchange)
            for message in interchange.messages { _ = try? EdifactOrderReader.read(message) }
            _ = EdifactControl.make(for: interchange, controlReference: "F")
        }
        #expect(parsed > 100)
    }
}
