import Foundation
import KontorConnectors
import KontorMapping

/// Shared pieces of the B2B tests: the repository's mappings, sample documents and trading partners that match the
/// samples' envelopes.
enum B2BFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func catalog() throws -> MappingCatalog {
        try MappingCatalog(directory: repositoryRoot.appendingPathComponent("mappings").path)
    }

    /// A sample document: `x12/NAME`, `edifact/NAME` or a path under the repository.
    static func bytes(_ path: String) throws -> [UInt8] {
        let resolved =
            path.hasPrefix("x12/")
            ? "Tests/KontorX12Tests/Fixtures/" + path.dropFirst(4)
            : path.hasPrefix("edifact/") ? "Tests/KontorEDIFACTTests/Fixtures/" + path.dropFirst(8) : path
        return Array(try Data(contentsOf: repositoryRoot.appendingPathComponent(resolved)))
    }

    /// Partners named after the samples' senders: `onesource` (X12 12:4405197800), `stedi` (X12 ZZ:ANOTHERMERCH),
    /// `wiki` (EDIFACT Senderkennung), `kontor-handel` (EDIFACT 14:4012345000009), `oasis` (UBL buyer 7300070011115).
    static let partners = TradingPartnerDirectory([
        TradingPartner(name: "onesource", x12: [.init(qualifier: "12", id: "4405197800")]),
        TradingPartner(name: "stedi", x12: [.init(qualifier: "ZZ", id: "ANOTHERMERCH")]),
        TradingPartner(name: "wiki", edifact: [.init(qualifier: "", id: "Senderkennung")]),
        TradingPartner(name: "kontor-handel", edifact: [.init(qualifier: "14", id: "4012345000009")]),
        TradingPartner(name: "oasis", buyerIDs: ["7300070011115"], sendsAcknowledgements: false),
        TradingPartner(
            name: "acme",
            x12: [.init(qualifier: "ZZ", id: "SENDER")],
            ourX12: .init(qualifier: "ZZ", id: "RECEIVER")
        ),
    ])

    /// A processor numbering acknowledgements 1, 2, 3 … per run.
    static func processor(partners: TradingPartnerDirectory = partners) throws -> B2BDocumentProcessor {
        let counter = Counter()
        return B2BDocumentProcessor(partners: partners, catalog: try catalog()) { _ in await counter.next() }
    }

    actor Counter {
        var value = 0
        func next() -> Int {
            value += 1
            return value
        }
    }

    /// An X12 004010 interchange from ZZ:SENDER to ZZ:RECEIVER with the given 850 bodies (segments without ST/SE).
    static func x12(_ bodies: [[String]], isaControl: String = "000000042", ieaControl: String? = nil) -> [UInt8] {
        var text =
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *200101*1200*U*00401*"
            + "\(isaControl)*0*T*>~GS*PO*SENDER*RECEIVER*20200101*1200*7*X*004010~"
        for (index, body) in bodies.enumerated() {
            let control = String(format: "%04d", index + 1)
            text += "ST*850*\(control)~" + body.map { $0 + "~" }.joined() + "SE*\(body.count + 2)*\(control)~"
        }
        text += "GE*\(bodies.count)*7~IEA*1*\(ieaControl ?? isaControl)~"
        return Array(text.utf8)
    }

    static func order(_ number: String, date: String = "20200101") -> [String] {
        [
            "BEG*00*SA*\(number)**\(date)", "N1*ST*Jane Doe", "N3*1 Main St", "N4*Springfield*IL*62701*US",
            "PO1*1*2*EA*3.5**VN*X1", "CTT*1",
        ]
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0.dropLast()) }
    }
}
