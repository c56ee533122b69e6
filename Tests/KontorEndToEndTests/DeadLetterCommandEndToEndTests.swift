import Foundation
import KontorKafka
import KontorModel
import KontorStore
import Logging
import Testing

/// `kontor dlq` as a child process beside a running `kontor run`: a poison message is dead-lettered and indexed,
/// listed, shown, replayed to the running Kafka (it fails again and returns with its attempts raised) and purged.
@Suite("End to end: kontor dlq", .serialized, .timeLimit(.minutes(5)))
struct DeadLetterCommandEndToEndTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    /// Runs `kontor dlq ...` with stdin from an empty pipe (not a terminal) and `$USER` set.
    static func dlq(_ arguments: [String], state: URL) throws -> Run {
        let process = Process()
        process.executableURL = KontorProcess.executable
        process.arguments = ["dlq"] + arguments + ["--state-dir", state.path]
        process.currentDirectoryURL = TranslateCommandTests.root
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KONTOR_") }
        environment["USER"] = "erika"
        process.environment = environment
        let input = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test("list, show, replay (fails again with attempts raised), purge refused without --yes, purge, audit")
    func deadLetterCommands() async throws {
        let kontor = try KontorProcess(arguments: [
            "--set", "kafka.embeddedBrokers=1", "--set", "workers.validation.retry.maxAttempts=1",
        ])
        try await kontor.start()
        let state = kontor.stateDirectory
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: kontor.bootstrapServers),
            logger: Logger(label: "kontor.e2e")
        )
        let poison: [UInt8] = Array(#"{"specversion": "1.0", "#.utf8) + [0xC3, 0x28]
        try await producer.send(
            KafkaProducerMessage(
                topic: KontorTopics.orderReceived,
                key: Array("ord_poison".utf8),
                value: poison,
                headers: [
                    KafkaHeader(key: KontorHeaders.eventID, string: "poison-1"),
                    KafkaHeader(key: "x-partner", string: "acme"),
                ]
            )
        )
        await producer.shutdown()

        // Wait for the index (not an assertion; the expectations follow). The projection, which reads the same
        // topic, dead-letters the poison too; this test follows validation's.
        let validationOnly = ["list", "--json", "--stage", "validation"]
        var listed = try Self.dlq(validationOnly, state: state)
        let deadline = ContinuousClock.now + .seconds(30)
        while (listed.json as? [Any])?.isEmpty ?? true, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            listed = try Self.dlq(validationOnly, state: state)
        }
        let entries = try #require(listed.json as? [[String: Any]], "\(listed.stdout)\(listed.stderr)")
        #expect(entries.count == 1)
        #expect(entries.first?["id"] as? String == "validation:poison-1")
        #expect(entries.first?["errorClass"] as? String == "unparseable")
        #expect(entries.first?["attempts"] as? Int == 1)
        let table = try Self.dlq(["list", "--stage", "validation", "--status", "open"], state: state)
        #expect(table.stdout.contains("validation:poison-1\tvalidation\topen\t1\t"), "\(table.stdout)")
        #expect(
            (try Self.dlq(["list", "--json", "--stage", "allocation"], state: state).json as? [Any])?.isEmpty == true
        )
        let badStatus = try Self.dlq(["list", "--status", "lost"], state: state)
        #expect(badStatus.status != 0)
        #expect(badStatus.stderr.contains("--status: 'lost' is not a status"), "\(badStatus.stderr)")

        let shown = try Self.dlq(["show", "validation:poison-1"], state: state)
        let detail = try #require(shown.json as? [String: Any], "\(shown.stderr)")
        #expect(detail["payloadEncoding"] as? String == "base64")
        #expect(detail["payload"] as? String == Data(poison).base64EncodedString())
        let headers = detail["headers"] as? [[String: Any]] ?? []
        #expect(headers.contains { $0["key"] as? String == "x-partner" && $0["value"] as? String == "acme" })
        #expect(try Self.dlq(["show", "validation:nope"], state: state).status == 1)

        let dry = try Self.dlq(["replay", "--stage", "validation", "--dry-run"], state: state)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would replay validation:poison-1"))
        let replay = try Self.dlq(["replay", "--id", "validation:poison-1", "--to-original"], state: state)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("replayed 1"))

        // Still poison: it comes back with its attempts raised.
        let store = try SQLiteStore(path: state.appendingPathComponent("kontor.sqlite").path)
        let again = ContinuousClock.now + .seconds(30)
        while try await store.deadLetter(id: "validation:poison-1")?.attempts != 2, ContinuousClock.now < again {
            try await Task.sleep(for: .milliseconds(100))
        }
        let record = try #require(try await store.deadLetter(id: "validation:poison-1"))
        #expect(record.attempts == 2)
        #expect(record.replayCount == 1)
        #expect(record.status == .open)

        let refused = try Self.dlq(["purge", "--stage", "validation"], state: state)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("refusing to purge without --yes"), "\(refused.stderr)")
        #expect(try await store.deadLetter(id: "validation:poison-1")?.status == .open)
        let purged = try Self.dlq(["purge", "--stage", "validation", "--yes", "--actor", "ops"], state: state)
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(purged.stdout.contains("purged 1"))
        #expect(try await store.deadLetter(id: "validation:poison-1")?.status == .purged)

        let audit = try await store.auditEntries(limit: 10, before: nil)
        #expect(audit.map(\.action) == ["dlq.purge", "dlq.replay"])
        #expect(audit.map(\.actor) == ["ops", "erika"])
        #expect(audit.map(\.count) == [1, 1])
        await store.close()
        #expect(try await kontor.terminate() == 0)
    }
}
