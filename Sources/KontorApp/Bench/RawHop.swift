import Foundation
import KontorKafka
import Logging

/// One consume→produce hop with librdkafka and no work in between: the raw limit that the Kafka benchmark reports
/// as `kafka.hop.msgs_per_s` and that the pipeline benchmark compares its figures with (on its own cluster).
///
/// A batch is consumed, produced onward, and its offsets are stored once its acknowledgements are in (in order),
/// with up to ``window`` batches in flight.
struct RawHop {
    /// Batches produced onward but not yet acknowledged.
    var window = 8
    var fetchWaitMax: Duration = .milliseconds(10)
    var linger: Duration = .milliseconds(5)
    let logger: Logger

    /// Produces a backlog of `messages` messages of `messageSize` bytes to a new topic of `cluster` and hops it to
    /// another; returns messages per second through the hop.
    func measure(
        on cluster: EmbeddedKafkaCluster,
        messages: Int,
        messageSize: Int,
        partitions: Int
    ) async throws -> Double {
        let input = "bench.raw-hop.input"
        let output = "bench.raw-hop.output"
        for topic in [input, output] {
            try cluster.createTopic(topic, partitions: partitions, replicationFactor: cluster.brokerCount)
        }
        let producer = try makeProducer(cluster)
        let payload = [UInt8](repeating: 0x6B, count: messageSize)
        let backlog = (0..<messages).map {
            KafkaProducerMessage(topic: input, key: "order-\($0 % 10_007)", value: payload)
        }
        if let failure = await producer.send(backlog).first(where: { (try? $0.get()) == nil }) {
            _ = try failure.get()
        }
        let consumer = try makeConsumer(cluster, group: "bench-raw-hop", topic: input)
        let (hopped, seconds) = try await run(consumer, producer: producer, to: output, messages: messages)
        await consumer.close()
        await producer.shutdown()
        return Double(hopped) / seconds
    }

    /// Messages through one hop as fast as it goes, until `messages` are through or the input stays empty for
    /// 10 s; returns the count and the seconds from the first batch to the last stored one.
    func run(
        _ hop: KafkaConsumer,
        producer: KafkaProducer,
        to output: String,
        messages: Int
    ) async throws -> (messages: Int, seconds: Double) {
        var hopped = 0
        var start: UInt64 = 0
        var end: UInt64 = 0
        try await withThrowingTaskGroup(of: (Int, [KafkaConsumerMessage]).self) { inFlight in
            var next = 0
            var stored = 0
            var done: [Int: [KafkaConsumerMessage]] = [:]
            var running = 0
            while hopped < messages {
                if running < window {
                    // With batches in flight, only look for more; idle, wait for the first.
                    let wait: Duration = running > 0 ? .milliseconds(1) : .seconds(10)
                    let batch = try await hop.poll(maxWait: wait) ?? []
                    if !batch.isEmpty {
                        if start == 0 { start = monotonicNanoseconds() }
                        let sequence = next
                        next += 1
                        running += 1
                        inFlight.addTask {
                            _ = await producer.send(
                                batch.map { KafkaProducerMessage(topic: output, key: $0.key, value: $0.value) }
                            )
                            return (sequence, batch)
                        }
                        continue
                    }
                    if running == 0 { break }
                }
                guard let (sequence, batch) = try await inFlight.next() else { break }
                running -= 1
                done[sequence] = batch
                while let ready = done.removeValue(forKey: stored) {
                    hop.store(ready)
                    hopped += ready.count
                    stored += 1
                }
                end = monotonicNanoseconds()
            }
        }
        return (hopped, Double(end - start) / 1e9)
    }

    /// The benchmarks' producer: acknowledgements awaited, batches lingering ``linger``.
    func makeProducer(_ cluster: EmbeddedKafkaCluster) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
        configuration.linger = linger
        return try KafkaProducer(configuration: configuration, logger: logger)
    }

    /// The benchmarks' consumer: batches of up to 1,000 messages, fetches waiting at most ``fetchWaitMax``.
    func makeConsumer(_ cluster: EmbeddedKafkaCluster, group: String, topic: String) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group)
        configuration.fetchWaitMax = fetchWaitMax
        configuration.maxBatchSize = 1000
        return try KafkaConsumer(configuration: configuration, topics: [topic], logger: logger)
    }
}
