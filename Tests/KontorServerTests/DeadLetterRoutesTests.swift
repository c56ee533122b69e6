import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The `/v1/dlq` and `/v1/audit` routes over real HTTP, on a real SQLite store and the embedded cluster.
@Suite("Dead-letter API", .serialized, .timeLimit(.minutes(2)))
struct DeadLetterRoutesTests {
    static func record(_ eventID: String, message: String, payload: [UInt8], at seconds: Int64) -> DeadLetterRecord {
        DeadLetterRecord(
            id: "validation:\(eventID)",
            stage: "validation",
            eventID: eventID,
            originalTopic: KontorTopics.orderReceived,
            originalPartition: 0,
            originalOffset: seconds,
            key: Array("ord_\(eventID)".utf8),
            headers: [.init(key: KontorHeaders.eventID, value: Array(eventID.utf8))],
            payload: payload,
            errorClass: "transient",
            errorMessage: message,
            attempts: 5,
            firstFailure: Timestamp(microsecondsSinceEpoch: seconds * 1_000_000),
            lastFailure: Timestamp(microsecondsSinceEpoch: seconds * 1_000_000)
        )
    }

    @Test("List, show, replay (dry run and real), purge and audit; answers match the OpenAPI document")
    func routes() async throws {
        try await ServerFixture.run { fixture, base in
            let text = Self.record("E-1", message: "partner down", payload: Array(#"{"a":1}"#.utf8), at: 1_000)
            let binary = Self.record("E-2", message: "timeout", payload: [0xFF, 0x00, 0x01], at: 2_000)
            try await fixture.store.record(processed: [:], progress: [], deadLetters: [text, binary])
            try fixture.cluster.createTopic("kontor.replay.test", partitions: 1)

            let list = try await HTTP.get("\(base)/v1/dlq?stage=validation&limit=1")
            #expect(list.status == 200)
            let first = try #require(list.json["deadLetters"] as? [[String: Any]])
            #expect(first.map { $0["id"] as? String } == ["validation:E-2"])
            let cursor = try #require(list.json["nextCursor"] as? String)
            let next = try await HTTP.get(
                "\(base)/v1/dlq?limit=1&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            )
            #expect((next.json["deadLetters"] as? [[String: Any]])?.first?["id"] as? String == "validation:E-1")
            let filtered = try await HTTP.get("\(base)/v1/dlq?error=PARTNER&since=1970-01-01")
            #expect((filtered.json["deadLetters"] as? [[String: Any]])?.count == 1)
            #expect(try await HTTP.get("\(base)/v1/dlq?status=lost").status == 400)
            #expect(try await HTTP.get("\(base)/v1/dlq?since=yesterday").status == 400)

            let shown = try await HTTP.get("\(base)/v1/dlq/validation:E-1")
            #expect(shown.json["payload"] as? String == #"{"a":1}"#)
            #expect(shown.json["payloadEncoding"] as? String == "utf-8")
            // The id's colon percent-encoded, as browsers' encodeURIComponent sends it.
            #expect(try await HTTP.get("\(base)/v1/dlq/validation%3AE-1").json["id"] as? String == "validation:E-1")
            let shownBinary = try await HTTP.get("\(base)/v1/dlq/validation:E-2")
            #expect(shownBinary.json["payload"] as? String == Data([0xFF, 0x00, 0x01]).base64EncodedString())
            #expect(shownBinary.json["payloadEncoding"] as? String == "base64")
            #expect(try await HTTP.get("\(base)/v1/dlq/validation:nope").status == 404)

            let dry = try await HTTP.request(
                "POST",
                "\(base)/v1/dlq/replay",
                body: #"{"error": "timeout", "dryRun": true}"#
            )
            #expect(dry.json["selected"] as? Int == 1)
            #expect(dry.json["replayed"] as? Int == 0)
            let replay = try await HTTP.request(
                "POST",
                "\(base)/v1/dlq/replay",
                body: #"{"ids": ["validation:E-2"], "to": "kontor.replay.test"}"#,
                headers: ["X-Kontor-Actor": "erika"]
            )
            #expect(replay.status == 200)
            #expect(replay.json["replayed"] as? Int == 1)
            let published = try await Self.readOne(fixture, topic: "kontor.replay.test")
            #expect(published?.value == [0xFF, 0x00, 0x01])
            #expect(published?.headers.value(forKey: KontorHeaders.replayOf) == "validation:E-2")
            #expect(published?.headers.value(forKey: KontorHeaders.replayAttempts) == "5")
            #expect(try await fixture.store.deadLetter(id: "validation:E-2")?.status == .replayed)
            #expect(try await HTTP.request("POST", "\(base)/v1/dlq/replay", body: #"{"dryRun": "yes"}"#).status == 400)

            #expect(try await HTTP.request("POST", "\(base)/v1/dlq/purge", body: "{}").status == 400)
            let purge = try await HTTP.request("POST", "\(base)/v1/dlq/purge", body: #"{"stage": "validation"}"#)
            #expect(purge.json["purged"] as? Int == 2)

            let audit = try await HTTP.get("\(base)/v1/audit")
            let entries = try #require(audit.json["entries"] as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["dlq.purge", "dlq.replay"])
            #expect(entries.map { $0["actor"] as? String } == ["api", "erika"])
            #expect(entries.last?["filter"] as? String == "ids=validation:E-2 to=kontor.replay.test")

            let document = try await HTTP.get("\(base)/v1/openapi.json").body
            let answers: [(String, Data)] = [
                ("DeadLetterPage", list.body), ("DeadLetterDetail", shown.body), ("DeadLetterDetail", shownBinary.body),
                ("ReplayResult", replay.body), ("PurgeResult", purge.body), ("AuditPage", audit.body),
                ("Problem", try await HTTP.get("\(base)/v1/dlq?limit=0").body),
            ]
            #expect(try OpenAPIDocumentTests.validate(document: document, answers: answers) == [])
        }
    }

    /// The first message on `topic`, read from its beginning (nil when none came within 20 s).
    static func readOne(_ fixture: ServerFixture, topic: String) async throws -> KafkaConsumerMessage? {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                bootstrapServers: fixture.cluster.bootstrapServers,
                groupID: "reader-\(UUID().uuidString)"
            ),
            topics: [topic],
            logger: ServerFixture.logger
        )
        let deadline = ContinuousClock.now + .seconds(20)
        var received: [KafkaConsumerMessage] = []
        while received.isEmpty, ContinuousClock.now < deadline {
            received += try await consumer.poll(maxWait: .seconds(1)) ?? []
        }
        await consumer.close()
        return received.first
    }
}
