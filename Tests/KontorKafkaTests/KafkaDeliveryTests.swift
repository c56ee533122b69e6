import Foundation
import KontorKafka
import Testing

@Suite("Kafka delivery on the embedded cluster", .serialized, .timeLimit(.minutes(3)))
struct KafkaDeliveryTests {
    @Test("10,000 messages through a group: none lost, none duplicated; a restart resumes at the commit")
    func tenThousandMessagesExactlyOnceAndResume() async throws {
        let cluster = try KafkaTestSupport.cluster(brokers: 3)
        let topic = KafkaTestSupport.uniqueName("orders")
        try cluster.createTopic(topic, partitions: 6, replicationFactor: 3)
        let producer = try KafkaTestSupport.producer(cluster)
        let reports = await producer.send(KafkaTestSupport.messages(topic: topic, count: 10_000, size: 1024))
        #expect(reports.allSatisfy { (try? $0.get()) != nil })

        let group = KafkaTestSupport.uniqueName("group")
        let first = try KafkaTestSupport.consumer(cluster, group: group, topics: [topic])
        let received = try await KafkaTestSupport.consume(first, count: 10_000)
        try await first.commit()
        await first.close()
        #expect(received.count == 10_000)
        #expect(Set(received.map(\.text)) == Set((0..<10_000).map { "message-\($0)" }))

        // Per-key order holds: within a partition offsets rise, and one key stays on one partition.
        var partitionsByKey: [String: Set<Int32>] = [:]
        for message in received { partitionsByKey[message.keyString ?? "", default: []].insert(message.partition) }
        #expect(partitionsByKey.values.allSatisfy { $0.count == 1 })

        _ = await producer.send(KafkaTestSupport.messages(topic: topic, count: 500, from: 10_000))
        let second = try KafkaTestSupport.consumer(cluster, group: group, topics: [topic])
        let resumed = try await KafkaTestSupport.consume(second, count: 500, timeout: .seconds(20))
        await second.close()
        #expect(resumed.count == 500)
        #expect(Set(resumed.map(\.text)) == Set((10_000..<10_500).map { "message-\($0)" }))
        await producer.shutdown()
    }

    @Test("A consumer that stops before storing offsets gets the same messages again")
    func unstoredMessagesAreRedelivered() async throws {
        let cluster = try KafkaTestSupport.cluster()
        let topic = KafkaTestSupport.uniqueName("redeliver")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try KafkaTestSupport.producer(cluster)
        _ = await producer.send(KafkaTestSupport.messages(topic: topic, count: 100))
        let group = KafkaTestSupport.uniqueName("group")

        let first = try KafkaTestSupport.consumer(cluster, group: group, topics: [topic])
        let seen = try await KafkaTestSupport.consume(first, count: 100, store: false)
        await first.close()
        #expect(seen.count == 100)

        let second = try KafkaTestSupport.consumer(cluster, group: group, topics: [topic])
        let again = try await KafkaTestSupport.consume(second, count: 100)
        await second.close()
        #expect(Set(again.map(\.text)) == Set(seen.map(\.text)))
        await producer.shutdown()
    }

    @Test("With one broker of three down mid-stream, every message arrives once it is back")
    func brokerDownMidStream() async throws {
        let cluster = try KafkaTestSupport.cluster(brokers: 3)
        let topic = KafkaTestSupport.uniqueName("faults")
        try cluster.createTopic(topic, partitions: 6, replicationFactor: 3)
        let producer = try KafkaTestSupport.producer(cluster)
        let firstHalf = await producer.send(KafkaTestSupport.messages(topic: topic, count: 1000))
        #expect(firstHalf.allSatisfy { (try? $0.get()) != nil })

        try cluster.setBrokerDown(2)
        let secondHalf = Task { await producer.send(KafkaTestSupport.messages(topic: topic, count: 1000, from: 1000)) }
        // Whether sends wait meanwhile depends on how fast the cluster moves leadership away from the down broker,
        // so only the outcome is checked: after the outage every message is delivered, once.
        try await Task.sleep(for: .seconds(2))
        try cluster.setBrokerUp(2)
        let results = await secondHalf.value
        #expect(results.allSatisfy { (try? $0.get()) != nil })

        let consumer = try KafkaTestSupport.consumer(cluster, group: KafkaTestSupport.uniqueName("g"), topics: [topic])
        let received = try await KafkaTestSupport.consume(consumer, count: 2000)
        await consumer.close()
        #expect(received.count == 2000)
        #expect(Set(received.map(\.text)).count == 2000)
        await producer.shutdown()
    }

    @Test("Injected produce errors are retried by the idempotent producer without duplicates")
    func requestErrorsAreRetried() async throws {
        let cluster = try KafkaTestSupport.cluster()
        let topic = KafkaTestSupport.uniqueName("errors")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(cluster)
        try await producer.send(KafkaTestSupport.messages(topic: topic, count: 1)[0])
        cluster.pushRequestErrors(.produce, [.notLeaderForPartition, .requestTimedOut, .notEnoughReplicas])
        let results = await producer.send(KafkaTestSupport.messages(topic: topic, count: 50, from: 1))
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        let consumer = try KafkaTestSupport.consumer(cluster, group: KafkaTestSupport.uniqueName("g"), topics: [topic])
        let received = try await KafkaTestSupport.consume(consumer, count: 51)
        await consumer.close()
        #expect(received.map(\.text) == (0..<51).map { "message-\($0)" })
        await producer.shutdown()
    }

    @Test("Headers and keys survive the round trip")
    func headersAndKeys() async throws {
        let cluster = try KafkaTestSupport.cluster()
        let topic = KafkaTestSupport.uniqueName("headers")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(cluster)
        let report = try await producer.send(
            KafkaProducerMessage(
                topic: topic,
                key: "order-1",
                value: Array("{}".utf8),
                headers: [KafkaHeader(key: "kontor-event-id", string: "e-1"), KafkaHeader(key: "empty", value: nil)]
            )
        )
        #expect(report.topic == topic && report.offset == 0)
        let consumer = try KafkaTestSupport.consumer(cluster, group: KafkaTestSupport.uniqueName("g"), topics: [topic])
        let message = try #require(try await KafkaTestSupport.consume(consumer, count: 1).first)
        await consumer.close()
        #expect(message.keyString == "order-1")
        #expect(message.headers.value(forKey: "kontor-event-id") == "e-1")
        #expect(message.headers.contains(KafkaHeader(key: "empty", value: nil)))
        #expect(message.timestampMilliseconds != nil)
        await producer.shutdown()
    }

    @Test("Sends that cannot be delivered fail at shutdown instead of hanging")
    func shutdownFailsUndeliverable() async throws {
        let cluster = try KafkaTestSupport.cluster()
        let topic = KafkaTestSupport.uniqueName("down")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(cluster)
        try await producer.send(KafkaTestSupport.messages(topic: topic, count: 1)[0])
        try cluster.setBrokerDown(1)
        let pending = Task { await producer.send(KafkaTestSupport.messages(topic: topic, count: 10, from: 1)) }
        try await Task.sleep(for: .milliseconds(500))
        await producer.shutdown(flushTimeout: .milliseconds(500))
        let results = await pending.value
        #expect(results.allSatisfy { (try? $0.get()) == nil })
        await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaTestSupport.messages(topic: topic, count: 1)[0])
        }
    }
}
