import Foundation
import Testing

/// EDI and XML documents into a real `kontor run` with the repository's connectors and trading partner profiles:
/// over HTTP (`POST /v1/documents`) and through the file-drop inbox, read back with `kcat`.
@Suite("End to end: B2B documents", .serialized, .timeLimit(.minutes(5)))
struct B2BEndToEndTests {
    static let repositoryRoot = WebhookEndToEndTests.repositoryRoot

    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent(path))
    }

    @Test("POST /v1/documents: the content type picks the parser, the envelope the partner; refusals are specific")
    func httpDocuments() async throws {
        let kontor = try await WebhookEndToEndTests.startKontor()
        let url = "\(kontor.httpAddress)/v1/documents"

        let x12 = try Self.fixture("Tests/KontorX12Tests/Fixtures/node-x12_850.edi")
        let accepted = try await HTTPClient.request(
            "POST",
            url,
            body: x12,
            headers: ["Content-Type": "application/EDI-X12"]
        )
        #expect(accepted.status == 202, "\(accepted.text)")
        #expect(accepted.headers["kontor-document-status"] == "accepted")
        #expect(accepted.json["partner"] as? String == "onesource-sample")
        let transactions = try #require(accepted.json["transactions"] as? [[String: Any]])
        let orderID = try #require(transactions.first?["orderId"] as? String)
        let acknowledgement = try #require(accepted.json["acknowledgement"] as? [String: Any])
        #expect(acknowledgement["kind"] as? String == "997")
        #expect((acknowledgement["content"] as? String)?.contains("AK9*A*1*1*1") == true)
        // The 2008 sample order may be validated or rejected (with reasons); either way the pipeline decided it.
        var decided: Kcat.Record?
        for _ in 0..<60 where decided == nil {
            for topic in ["kontor.order.validated.v1", "kontor.order.rejected.v1"] {
                if decided == nil {
                    decided = try Kcat.read(kontor.bootstrapServers, topic: topic).first { $0.key == orderID }
                }
            }
            if decided == nil { try await Task.sleep(for: .milliseconds(250)) }
        }
        let order = (try #require(decided).json["data"] as? [String: Any])?["order"] as? [String: Any]
        #expect(order?["channel"] as? String == "b2b-onesource-sample")

        let garbage = try await HTTPClient.request(
            "POST",
            url,
            body: Data("hello".utf8),
            headers: ["Content-Type": "text/plain"]
        )
        #expect(garbage.status == 400)
        #expect((garbage.json["detail"] as? String)?.contains("not an X12") == true)
        let quarantineID = try #require(garbage.json["quarantineId"] as? String)
        let quarantined = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.ingest.quarantine.v1") {
            $0.contains { $0.key == quarantineID }
        }
        #expect(quarantined.first { $0.key == quarantineID }?.payload == "hello")

        let brokenEnvelope = try Self.fixture("Tests/KontorEDIFACTTests/Fixtures/pydifact_D96A_wikipedia_de.edi")
        let refused = try await HTTPClient.request(
            "POST",
            url,
            body: brokenEnvelope,
            headers: ["Content-Type": "application/EDIFACT"]
        )
        #expect(refused.status == 422)
        #expect((refused.json["detail"] as? String)?.contains("UNZ") == true)
        #expect((refused.json["acknowledgement"] as? String)?.contains("+4+28+UNZ") == true)

        var stranger = String(decoding: x12, as: UTF8.self)
        stranger = stranger.replacingOccurrences(of: "*12*4405197800     *", with: "*ZZ*STRANGER       *")
        let unknown = try await HTTPClient.request(
            "POST",
            url,
            body: Data(stranger.utf8),
            headers: ["Content-Type": "application/EDI-X12"]
        )
        #expect(unknown.status == 403)
        #expect((unknown.json["detail"] as? String)?.contains("ZZ:STRANGER") == true)

        let json = try await HTTPClient.request("POST", url, body: Data("{}".utf8))
        #expect(json.status == 415)
        #expect(try await kontor.terminate() == 0)
    }

    @Test("A file dropped into the inbox is taken once: order published, 999 in the outbox, file in processed")
    func fileDrop() async throws {
        let kontor = try await WebhookEndToEndTests.startKontor()
        let b2b = kontor.stateDirectory.appendingPathComponent("b2b")
        let document = try Self.fixture("Tests/KontorX12Tests/Fixtures/stedi_5010_850_input.edi")
        let temporary = b2b.appendingPathComponent("inbox/.po.edi.tmp")
        try document.write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: b2b.appendingPathComponent("inbox/po.edi"))

        var processed: [String] = []
        for _ in 0..<100 where processed.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            processed =
                (try? FileManager.default.contentsOfDirectory(atPath: b2b.appendingPathComponent("processed").path))
                ?? []
        }
        #expect(processed.count == 1)
        #expect(processed.first?.hasSuffix("-po.edi") == true)
        let outbox = try FileManager.default.contentsOfDirectory(atPath: b2b.appendingPathComponent("outbox").path)
        #expect(outbox == ["999-stedi-demo-000000001.x12"])
        let received = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.order.received.v1") {
            $0.contains { $0.json["source"] as? String == "/kontor/ingest/edi-inbox" }
        }
        let event = try #require(received.first { $0.json["source"] as? String == "/kontor/ingest/edi-inbox" })
        let order = (event.json["data"] as? [String: Any])?["order"] as? [String: Any]
        #expect(order?["channel"] as? String == "b2b-stedi-demo")
        #expect(try await kontor.terminate() == 0)
    }
}
