import Foundation
import KontorX12
import Testing

enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    static func interchange(_ name: String) throws -> X12Interchange {
        try X12Parser().parse(try bytes(name))
    }

    static let all = [
        "node-x12_850.edi", "stedi_5010_850_input.edi", "node-x12_855.edi", "node-x12_856.edi", "indice_x12.810a.edi",
    ]
}
