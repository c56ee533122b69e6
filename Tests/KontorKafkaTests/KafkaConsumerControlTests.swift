import Foundation
import KontorKafka
import Synchronization
import Testing

@Suite("Kafka consumer control, admin and the embedded cluster's limits", .serialized, .timeLimit(.minutes(3)))
struct KafkaConsumerControlTests {
    @Test("Seek replays a partition; pause stops it and resume restarts it")
    func seekPauseResume() async throws {
        let cluster = try KafkaTestSupport.cluster()
        let topic = KafkaTestSupport.uniqueName("seek")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(cluster)
        _ = await producer.send(KafkaTestSupport.messages(topic: topic, count: 20))
        let consumer = try KafkaTestSupport.consumer(cluster, group: KafkaTestSupport.uniqueName("g"), topics: [topic])
        #expect(try await KafkaTestSupport.consume(consumer, count: 20).count == 20)

        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        try await consumer.seek(partition, to: .exact(15))
        let replayed = try await KafkaTestSupport.consume(consumer, count: 5)
        #expect(replayed.map(\.offset) == [15, 16, 17, 18, 19])

        try consumer.pause([partition])
        _ = await producer.send(KafkaTestSupport.messages(topic: topic, count: 5, from: 20))
        let whilePaused = try await KafkaTestSupport.consume(consumer, count: 1, timeout: .seconds(1))
        #expect(whilePaused.isEmpty)
        try consumer.resume([partition])
        let consumer2Result = try await KafkaTestSupport.consume(consumer, count: 5)
        #expect(consumer2Result.map(\.offset) == [20, 21, 22, 23, 24])
        await consumer.close()
        await producer.shutdown()
    }

    @Test("Topics are created idempotently; admin lists them and reports lag per partition")
    func adminTopicsAndLag() async throws {
        let cluster = try KafkaTestSupport.cluster()
        let admin = try KafkaAdmin(bootstrapServers: cluster.bootstrapServers, logger: KafkaTestSupport.logger)
        let topic = KafkaTestSupport.uniqueName("admin")
        // The embedded cluster has no CreateTopics request; real brokers go through KafkaAdmin.createTopics.
        try cluster.createTopic(topic, partitions: 3)
        try cluster.createTopic(topic, partitions: 3)
        let listed = try await admin.listTopics()
        #expect(listed.contains(KafkaTopicMetadata(name: topic, partitions: 3)))

        let producer = try KafkaTestSupport.producer(cluster)
        _ = await producer.send(
            (0..<30).map { KafkaProducerMessage(topic: topic, partition: Int32($0 % 3), value: Array("m\($0)".utf8)) }
        )
        let group = KafkaTestSupport.uniqueName("g")
        let before = try await admin.consumerLag(group: group, topics: [topic])
        #expect(before.map(\.lag).reduce(0, +) == 30)
        #expect(before.allSatisfy { $0.committed == nil })

        let consumer = try KafkaTestSupport.consumer(cluster, group: group, topics: [topic])
        let received = try await KafkaTestSupport.consume(consumer, count: 30, store: false)
        consumer.store(Array(received.filter { $0.partition != 0 }))
        try await consumer.commit()
        await consumer.close()
        let after = try await admin.consumerLag(group: group, topics: [topic])
        #expect(after.first { $0.partition.partition == 0 }?.lag == 10)
        #expect(after.filter { $0.partition.partition != 0 }.allSatisfy { $0.lag == 0 && $0.committed == 10 })
        await producer.shutdown()
    }

    @Test("Creating topics through the admin API fails with an error, not a hang, where CreateTopics is missing")
    func createTopicsWithoutBrokerSupport() async throws {
        // The embedded cluster does not implement CreateTopics; real brokers do (see the README).
        let cluster = try KafkaTestSupport.cluster()
        let admin = try KafkaAdmin(bootstrapServers: cluster.bootstrapServers, logger: KafkaTestSupport.logger)
        await #expect(throws: KafkaError.self) {
            try await admin.createTopics([KafkaTopicSpec(name: "unsupported", partitions: 1)], timeout: .seconds(1))
        }
    }

    @Test("Messages trimmed before a group read them are reported as a loss, not skipped silently")
    func trimmedMessagesAreReported() async throws {
        let cluster = try KafkaTestSupport.cluster()
        let topic = KafkaTestSupport.uniqueName("trim")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(cluster)
        _ = await producer.send(KafkaTestSupport.messages(topic: topic, count: 10, size: 16))
        let group = KafkaTestSupport.uniqueName("g")
        let first = try KafkaTestSupport.consumer(cluster, group: group, topics: [topic])
        #expect(try await KafkaTestSupport.consume(first, count: 10).count == 10)
        await first.close()

        // The embedded cluster keeps the newest ~5 MiB of a partition: write 12 MiB more.
        for chunk in 0..<12 {
            _ = await producer.send(
                KafkaTestSupport.messages(topic: topic, count: 1000, from: 10 + chunk * 1000, size: 1024)
            )
        }
        let losses = Mutex<[KafkaDataLoss]>([])
        let second = try KafkaTestSupport.consumer(cluster, group: group, topics: [topic]) { loss in
            losses.withLock { $0.append(loss) }
        }
        let received = try await KafkaTestSupport.consume(second, count: 1)
        await second.close()
        let loss = try #require(losses.withLock { $0.first })
        #expect(loss.lastPosition == 10)
        #expect(loss.skippedCount > 0)
        #expect(received.first?.offset == loss.resumesAt)
        #expect(second.dataLossCount == 1)
        await producer.shutdown()
    }

    @Test("Transactional API: init, begin, produce, send offsets, commit and abort")
    func transactions() async throws {
        let cluster = try KafkaTestSupport.cluster(brokers: 3)
        let topic = KafkaTestSupport.uniqueName("txn")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 3)
        var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
        configuration.transactionalID = KafkaTestSupport.uniqueName("txn-id")
        let producer = try KafkaProducer(configuration: configuration, logger: KafkaTestSupport.logger)
        try await producer.initTransactions()
        try producer.beginTransaction()
        try await producer.send(KafkaTestSupport.messages(topic: topic, count: 1)[0])
        let consumer = try KafkaTestSupport.consumer(cluster, group: KafkaTestSupport.uniqueName("g"), topics: [topic])
        try await producer.sendOffsetsToTransaction([KafkaTopicPartition(topic: topic, partition: 0): 0], of: consumer)
        try await producer.commitTransaction()
        try producer.beginTransaction()
        try await producer.send(KafkaTestSupport.messages(topic: topic, count: 1, from: 1)[0])
        try await producer.abortTransaction()
        await consumer.close()
        await producer.shutdown()
    }
}
