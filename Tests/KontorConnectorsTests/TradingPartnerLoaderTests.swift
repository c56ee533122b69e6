import Foundation
import KontorConnectors
import KontorModel
import Testing

@Suite("Trading partner profiles")
struct TradingPartnerLoaderTests {
    private func folder(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partners-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    @Test("A full profile loads with every setting")
    func fullProfile() throws {
        let directory = try folder([
            "acme.yaml": """
            description: ACME Distribution
            channel: edi-acme
            x12:
              - {qualifier: ZZ, id: ACMEBUYER}
              - {qualifier: "01", id: "123456789"}
            edifact: [{qualifier: "14", id: "4012345000009"}]
            buyerIds: ["4012345000009"]
            us:
              x12: {qualifier: ZZ, id: KONTOR}
            mappings: {xml: opentrans-order}
            acknowledgements: false
            outbound: {directory: var/b2b/acme/outbound}
            """
        ])
        let partner = try #require(TradingPartnerLoader.loadAll(directory: directory).partner(named: "acme"))
        #expect(partner.channel.rawValue == "edi-acme")
        #expect(partner.x12 == [.init(qualifier: "ZZ", id: "ACMEBUYER"), .init(qualifier: "01", id: "123456789")])
        #expect(partner.edifact == [.init(qualifier: "14", id: "4012345000009")])
        #expect(partner.buyerIDs == ["4012345000009"])
        #expect(partner.ourX12 == .init(qualifier: "ZZ", id: "KONTOR"))
        #expect(partner.mappings[.xml] == "opentrans-order")
        #expect(!partner.sendsAcknowledgements)
        #expect(partner.outboundDirectory == "var/b2b/acme/outbound")
        #expect(partner.x12[0].matches(qualifier: "ZZ", id: "ACMEBUYER      "))
        #expect(!partner.x12[0].matches(qualifier: "01", id: "ACMEBUYER"))
    }

    @Test("Unknown keys, missing ids and ids shared by two profiles are errors naming file and line")
    func errors() throws {
        let unknown = try folder(["a.yaml": "x12: [{id: A}]\nack: true\n"])
        #expect {
            try TradingPartnerLoader.loadAll(directory: unknown)
        } throws: { error in
            "\(error)".contains("a.yaml:2: unknown key 'ack'")
        }
        let noIDs = try folder(["b.yaml": "description: nobody\n"])
        #expect {
            try TradingPartnerLoader.loadAll(directory: noIDs)
        } throws: { error in
            "\(error)".contains("needs at least one id")
        }
        let shared = try folder([
            "a.yaml": "x12: [{qualifier: ZZ, id: SAME}]\n", "b.yaml": "x12: [{qualifier: ZZ, id: SAME}]\n",
        ])
        #expect {
            try TradingPartnerLoader.loadAll(directory: shared)
        } throws: { error in
            "\(error)".contains("X12 id ZZ:SAME is also used by")
        }
    }

    @Test("The repository's partner profiles load")
    func repositoryProfiles() throws {
        let directory = B2BFixtures.repositoryRoot.appendingPathComponent("connectors/partners").path
        #expect(try !TradingPartnerLoader.loadAll(directory: directory).partners.isEmpty)
    }
}
