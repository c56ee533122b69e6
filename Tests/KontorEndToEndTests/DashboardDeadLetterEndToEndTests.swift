import Foundation
import KontorKafka
import KontorModel
import Logging
import Testing

/// `kontor run` and its dashboard's dead letters in a real headless Chromium: a poison message is dead-lettered by
/// validation; the check script (`Browser/dead_letter_check.py`, selenium) finds it in the counts, inspects it (error
/// class, headers, payload) and replays it; the replay is audited under the dashboard's user and the message, still
/// poison, comes back with its attempts raised.
@Suite("End to end: dashboard dead letters in a headless browser", .serialized, .timeLimit(.minutes(5)))
struct DashboardDeadLetterEndToEndTests {
    @Test("Inspect a dead letter's error, headers and payload, replay it; audited, back with attempts raised")
    func inspectAndReplay() async throws {
        try DashboardEndToEndTests.requireBrowser()
        let kontor = try KontorProcess(arguments: [
            "--set", "kafka.embeddedBrokers=1", "--set", "workers.validation.retry.maxAttempts=1",
            "--set", "workers.enabled=validation,allocation",
        ])
        try await kontor.start()
        let base = kontor.httpAddress
        let token = try #require(kontor.adminToken, "no admin.token in \(kontor.stateDirectory.path)")
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: kontor.bootstrapServers),
            logger: Logger(label: "kontor.e2e")
        )
        let poison = #"{"specversion": "1.0", "id": "dash-poison-1", "#
        try await producer.send(
            KafkaProducerMessage(
                topic: KontorTopics.orderReceived,
                key: Array("ord_dash_poison".utf8),
                value: Array(poison.utf8),
                headers: [KafkaHeader(key: KontorHeaders.eventID, string: "dash-poison-1")]
            )
        )
        await producer.shutdown()
        let indexed = try await OrderReadModelEndToEndTests.poll("\(base)/v1/dlq?stage=validation") {
            ($0["deadLetters"] as? [Any])?.count == 1
        }
        #expect((indexed.json["deadLetters"] as? [Any])?.count == 1, "\(indexed.text)")

        let screenshots = kontor.stateDirectory.appendingPathComponent("screenshots")
        let check = try BrowserCheck.run(
            "dead_letter_check.py",
            [base, token, screenshots.path, "validation", poison]
        )
        #expect(
            check.status == 0,
            "dead_letter_check.py: \(check.complaints)\n\(check.printed)\nkontor log:\n\(kontor.log)"
        )
        let paths = check.screenshots
        #expect(paths.count == 2, "\(check.printed)")
        for path in paths {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size > 0, "\(path) is missing or empty")
        }

        // The replay is audited under the dashboard's user; the poison fails again and comes back.
        let audit = try await HTTPClient.request("GET", "\(base)/v1/audit")
        let entries = audit.json["entries"] as? [[String: Any]] ?? []
        #expect(
            entries.contains {
                $0["action"] as? String == "dlq.replay" && $0["count"] as? Int == 1
                    && ($0["actor"] as? String)?.hasPrefix("admin") == true
            },
            "\(audit.text)"
        )
        let again = try await OrderReadModelEndToEndTests.poll("\(base)/v1/dlq/validation:dash-poison-1") {
            $0["attempts"] as? Int == 2
        }
        #expect(again.json["attempts"] as? Int == 2, "\(again.text)")
        #expect(again.json["status"] as? String == "open")
        #expect(try await kontor.terminate() == 0, "\(kontor.log)")
    }
}
