import Foundation
import KontorApp
import KontorModel
import KontorStore
import Synchronization
import Testing

/// `kill -9` of `kontor run` with the embedded cluster while orders stream in. The cluster dies with the process;
/// the store on the state folder is all that survives. A restart must carry every accepted order to its final state,
/// producing each unfinished order's output once on the new cluster.
@Suite("End to end: kill -9 and restart in embedded mode", .serialized, .timeLimit(.minutes(8)))
struct CrashRecoveryEndToEndTests {
    /// Where an order's pipeline ends without a warehouse reporting: rejected by validation, backordered by
    /// allocation, or a pick task waiting for the warehouse.
    static let finalTopics: Set<String> = [
        KontorTopics.orderRejected, KontorTopics.orderBackordered, KontorTopics.pickTask,
    ]
    /// Topics a stage still consumes: an order whose progress stopped there is unfinished.
    static let unfinishedTopics: Set<String> = [
        KontorTopics.orderReceived, KontorTopics.orderValidated, KontorTopics.orderAllocated,
    ]
    /// What `kontor run` re-drives against: every input topic of the default workers with its stages, the read-model
    /// projection included.
    static let consumers = KontorWorkerCatalog.consumers(of: KontorWorkerCatalog.started(KontorConfiguration()))

    @Test("Every accepted order reaches its final state exactly once after kill -9 and a restart")
    func killAndRestart() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-kill-\(UUID().uuidString)")
        let storePath = state.appendingPathComponent("kontor.sqlite").path
        // One message per worker batch keeps validation behind the clients, so the kill finds orders both finished
        // and still waiting.
        let first = try KontorProcess(
            stateDirectory: state,
            environment: ["KONTOR_LOG_LEVEL": "notice", "KONTOR_KAFKA_CONSUMER_MAX_BATCH": "1"]
        )
        try await first.start()

        let base = first.httpAddress
        let observer = try SQLiteStore(path: storePath)
        // A first order through the pipeline: the worker has joined its group before the stream starts.
        #expect(try await HTTPClient.postOrder(base, SampleOrders.json(number: "KILL-WARMUP")).status == 202)
        let warmupDeadline = ContinuousClock.now + .seconds(60)
        while try await observer.unfinishedProgress(topics: Self.finalTopics).isEmpty,
            ContinuousClock.now < warmupDeadline
        {
            try await Task.sleep(for: .milliseconds(20))
        }

        let tally = Tally()
        try await withThrowingTaskGroup(of: Void.self) { clients in
            for client in 0..<4 {
                clients.addTask {
                    for index in 0..<150 {
                        // Every fifth order fails validation; the others end allocated (or backordered once the
                        // drills run out).
                        let quantity = index.isMultiple(of: 5) ? "\"-1\"" : "\"2\""
                        do {
                            let reply = try await HTTPClient.postOrder(
                                base,
                                SampleOrders.json(number: "KILL-\(client)-\(index)", quantity: quantity)
                            )
                            if reply.status == 202, let id = reply.json["orderId"] as? String {
                                tally.accepted.withLock { $0.append(id) }
                            } else {
                                tally.refusedOrFailed.withLock { $0 += 1 }
                            }
                        } catch {
                            // The process is gone.
                            tally.refusedOrFailed.withLock { $0 += 1 }
                            return
                        }
                    }
                }
            }
            // Kill once orders were accepted and some already finished their pipeline ...
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                let accepted = tally.accepted.withLock { $0.count }
                let finished = try await observer.unfinishedProgress(topics: Self.finalTopics).count
                // ... and while some are still on their way (a fast machine may otherwise have caught up).
                let waiting = try await observer.unfinishedProgress(topics: Self.unfinishedTopics).count
                if accepted >= 100 && finished >= 6 && waiting > 0 { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            kill(first.process.processIdentifier, SIGKILL)
            try await clients.waitForAll()
        }
        _ = try await first.waitForExit(timeout: .seconds(30))
        #expect(first.process.terminationReason == .uncaughtSignal)
        let accepted = tally.accepted.withLock { $0 }
        #expect(accepted.count < 600, "the kill came mid-stream")
        #expect(Set(accepted).count == accepted.count)

        // Every 202 was recorded in the store before it was sent.
        var notRecorded: [String] = []
        for id in accepted where try await observer.progress(orderID: OrderID(id)) == nil {
            notRecorded.append(id)
        }
        #expect(notRecorded.isEmpty, "accepted but not in the store: \(notRecorded.prefix(5))")
        let unfinishedAtKill = Set(
            try await observer.unfinishedProgress(topics: Self.unfinishedTopics).map(\.orderID.rawValue)
        )
        let finishedAtKill = try await observer.unfinishedProgress(topics: Self.finalTopics).count
        #expect(!unfinishedAtKill.isEmpty, "the kill left orders unfinished")
        #expect(finishedAtKill >= 5, "the kill came after orders finished")
        // Re-driven: the latest event of every order some consumer had not processed, the projection's backlog too.
        let pendingAtKill = try await observer.pendingProgress(consumers: Self.consumers)
        #expect(unfinishedAtKill.isSubset(of: Set(pendingAtKill.map(\.orderID.rawValue))))

        // The restart gets a fresh embedded cluster and re-drives what had not finished.
        let second = try KontorProcess(stateDirectory: state, environment: ["KONTOR_LOG_LEVEL": "notice"])
        try await second.start()
        #expect(second.log.contains("re-drove \(pendingAtKill.count) unfinished orders"), "\(second.log)")
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !observer.pendingProgress(consumers: Self.consumers).isEmpty,
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(100))
        }
        // A stage produces before it records, so once nothing is unfinished every output (and any duplicate) exists.
        let expected = Set(pendingAtKill.map(\.orderID.rawValue))
        let outputs = try await Self.finalOutputs(second.bootstrapServers) { $0.count >= expected.count }
        #expect(try await second.terminate() == 0)

        // The new cluster holds each unfinished order's output once (new, or re-driven for the projection), and
        // nothing for orders finished and projected before.
        let outputIDs = outputs.compactMap(\.key)
        #expect(outputIDs.count == outputs.count)
        #expect(Set(outputIDs).count == outputIDs.count, "no order finished twice")
        #expect(Set(outputIDs) == expected)
        // Every accepted order is in its final state in the store.
        #expect(try await observer.unfinishedProgress(topics: Self.unfinishedTopics).isEmpty)
        var notFinal: [String] = []
        for id in accepted {
            let topic = try await observer.progress(orderID: OrderID(id))?.topic
            if !Self.finalTopics.contains(topic ?? "") { notFinal.append(id) }
        }
        #expect(notFinal.isEmpty, "not in a final state: \(notFinal.prefix(5))")

        // A second restart finds nothing to do: the re-drive runs before the process reports ready.
        let third = try KontorProcess(stateDirectory: state, environment: ["KONTOR_LOG_LEVEL": "notice"])
        try await third.start()
        #expect(third.log.contains("re-drove 0 unfinished orders"), "\(third.log)")
        #expect(try Kcat.read(third.bootstrapServers, topic: KontorTopics.orderReceived).isEmpty)
        #expect(try await third.terminate() == 0)
        await observer.close()
    }

    /// The final records of the cluster (rejected, allocated, backordered), read until `condition` holds (or a generous deadline).
    static func finalOutputs(
        _ bootstrapServers: String,
        until condition: @escaping ([Kcat.Record]) -> Bool
    ) async throws -> [Kcat.Record] {
        let deadline = ContinuousClock.now + .seconds(60)
        var records: [Kcat.Record] = []
        repeat {
            records = try finalTopics.sorted().flatMap { try Kcat.read(bootstrapServers, topic: $0) }
            if condition(records) { return records }
            try await Task.sleep(for: .milliseconds(250))
        } while ContinuousClock.now < deadline
        return records
    }
}
