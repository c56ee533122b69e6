import Foundation
import KontorKafka
import KontorModel
import Logging
import Synchronization
import Testing

/// What the HTTP clients saw.
final class Tally: Sendable {
    let accepted = Mutex<[String]>([])
    let refusedOrFailed = Mutex(0)
}

/// SIGTERM while orders stream in: the process drains, commits and exits 0; nothing accepted is
/// lost and nothing is committed unprocessed. Kafka here is an embedded cluster owned by the
/// test, so the topics outlive the `kontor` process.
@Suite("End to end: SIGTERM during a stream", .serialized, .timeLimit(.minutes(5)))
struct GracefulShutdownEndToEndTests {
    @Test("No accepted order is lost, no offset is committed before its output exists")
    func sigtermDuringStream() async throws {
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        for topic in KontorTopics.all {
            try cluster.createTopic(topic.name, partitions: topic.partitions)
        }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-sigterm-\(UUID().uuidString)")
        let environment = ["KAFKA_BROKERS": cluster.bootstrapServers, "KONTOR_LOG_LEVEL": "notice"]
        let first = try KontorProcess(stateDirectory: state, environment: environment)
        try await first.start()

        // Post orders from 8 clients; SIGTERM lands once validation is under way.
        let tally = Tally()
        let base = first.httpAddress
        try await withThrowingTaskGroup(of: Void.self) { clients in
            for client in 0..<8 {
                clients.addTask {
                    for index in 0..<2000 {
                        do {
                            let reply = try await HTTPClient.postOrder(
                                base,
                                SampleOrders.json(number: "SIG-\(client)-\(index)")
                            )
                            if reply.status == 202, let id = reply.json["orderId"] as? String {
                                tally.accepted.withLock { $0.append(id) }
                            } else {
                                tally.refusedOrFailed.withLock { $0 += 1 }
                            }
                        } catch {
                            tally.refusedOrFailed.withLock { $0 += 1 }
                            return
                        }
                    }
                }
            }
            _ = try await Kcat.waitFor(cluster.bootstrapServers, topic: KontorTopics.orderValidated) { $0.count >= 30 }
            #expect(tally.accepted.withLock { $0.count } < 16_000, "the stop came mid-stream")
            kill(first.process.processIdentifier, SIGTERM)
            try await clients.waitForAll()
        }
        #expect(try await first.waitForExit(timeout: .seconds(30)) == 0)
        let acceptedIDs = Set(tally.accepted.withLock { $0 })

        // Every 202 was acknowledged by the broker before it was sent.
        let received = try Kcat.read(cluster.bootstrapServers, topic: KontorTopics.orderReceived)
        #expect(acceptedIDs.isSubset(of: Set(received.compactMap(\.key))))

        // Every input below the committed offsets has its output.
        let admin = try KafkaAdmin(bootstrapServers: cluster.bootstrapServers, logger: logger)
        let lag = try await admin.consumerLag(group: "kontor-validation", topics: [KontorTopics.orderReceived])
        let outputs = try Kcat.read(cluster.bootstrapServers, topic: KontorTopics.orderValidated)
        let causes = Set(outputs.compactMap { $0.headers[KontorHeaders.causationID] })
        let committedInputs = received.filter { record in
            let committed = lag.first { $0.partition.partition == Int32(record.partition) }?.committed ?? 0
            return record.offset < committed
        }
        #expect(!committedInputs.isEmpty, "the first process committed progress before it stopped")
        #expect(committedInputs.allSatisfy { causes.contains($0.headers[KontorHeaders.eventID] ?? "") })

        // A restart finishes the rest: every accepted order validated exactly once.
        let second = try KontorProcess(stateDirectory: state, environment: environment)
        try await second.start()
        let all = try await Kcat.waitFor(cluster.bootstrapServers, topic: KontorTopics.orderValidated) { records in
            acceptedIDs.isSubset(of: Set(records.compactMap(\.key)))
        }
        #expect(try await second.terminate() == 0)
        let validatedIDs = all.compactMap(\.key)
        #expect(acceptedIDs.isSubset(of: Set(validatedIDs)))
        #expect(Set(validatedIDs).count == validatedIDs.count, "no order validated twice")
        cluster.shutdown()
    }
}
