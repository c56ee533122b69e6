import Foundation
import KontorEDIFACT
import Testing

enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    static func expected(_ name: String) throws -> [String: Any] {
        let data = Data(try bytes(name + ".expected.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let names = ["pydifact_D96A_wikipedia_de.edi", "kontor_D01B_orders.edi"]
}

/// `text` with `'` terminators, one segment per line for readability.
func edi(_ lines: String...) -> String {
    lines.map { $0 + "'\n" }.joined()
}
