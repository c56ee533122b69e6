import Foundation
import KontorKafka
import Logging

/// `kontor bench kafka`: raw Kafka-layer figures on the embedded cluster, 1 KiB messages:
/// produce throughput, consumer-group throughput, and one consume→produce hop (throughput on a
/// backlog, latency percentiles at a steady rate below saturation).
public struct KafkaBenchmark: Sendable {
    public var messages = 200_000
    public var messageSize = 1024
    public var brokers = 1
    /// Enough partitions that the backlog stays within what the embedded cluster keeps per
    /// partition (~5 MiB): 200,000 messages of 1 KiB over 64 partitions is ~3 MiB each.
    public var partitions = 64
    /// Messages per second offered in the latency run.
    public var latencyRate = 5_000
    public var latencySeconds = 5
    public var fetchWaitMax: Duration = .milliseconds(10)
    public var linger: Duration = .milliseconds(5)
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func run() async throws -> BenchmarkReport {
        var report = BenchmarkReport()
        let cluster = try EmbeddedKafkaCluster(brokers: brokers, logger: logger)
        defer { cluster.shutdown() }
        let input = "bench.input"
        let output = "bench.output"
        for topic in [input, output, "bench.latency.in", "bench.latency.out"] {
            try cluster.createTopic(topic, partitions: partitions, replicationFactor: brokers)
        }
        let producer = try rawHop.makeProducer(cluster)

        // Produce: every message queued at once, then every acknowledgement awaited.
        let payload = [UInt8](repeating: 0x6B, count: messageSize)
        let all = (0..<messages).map { KafkaProducerMessage(topic: input, key: "order-\($0 % 10_007)", value: payload) }
        let produceStart = monotonicNanoseconds()
        let results = await producer.send(all)
        if let failure = results.first(where: { (try? $0.get()) == nil }) { _ = try failure.get() }
        let produceSeconds = seconds(since: produceStart)
        report.add("kafka.produce.msgs_per_s", Double(messages) / produceSeconds, decimals: 0)
        report.add("kafka.produce.mb_per_s", Double(messages * messageSize) / produceSeconds / 1_048_576)

        // Consume as a group from the backlog (timed from the first message, after the group join).
        let consumer = try makeConsumer(cluster, group: "bench-consume", topic: input)
        var consumed = 0
        var consumeStart: UInt64 = 0
        var consumeEnd: UInt64 = 0
        while consumed < messages, let batch = try await consumer.poll(maxWait: .seconds(30)), !batch.isEmpty {
            if consumeStart == 0 { consumeStart = monotonicNanoseconds() }
            consumed += batch.count
            consumer.store(batch)
            consumeEnd = monotonicNanoseconds()
        }
        let consumeSeconds = Double(consumeEnd - consumeStart) / 1e9
        await consumer.close()
        report.add("kafka.consume.messages", "\(consumed)")
        report.add("kafka.consume.msgs_per_s", Double(consumed) / consumeSeconds, decimals: 0)
        report.add("kafka.consume.mb_per_s", Double(consumed * messageSize) / consumeSeconds / 1_048_576)

        // One hop on the backlog (see ``RawHop``).
        let hop = try makeConsumer(cluster, group: "bench-hop", topic: input)
        let (hopped, hopSeconds) = try await rawHop.run(hop, producer: producer, to: output, messages: messages)
        await hop.close()
        report.add("kafka.hop.msgs_per_s", Double(hopped) / hopSeconds, decimals: 0)

        // Hop latency at a steady rate: producer → topic → hop → topic → measuring consumer.
        let latencies = try await measureHopLatency(cluster, producer: producer)
        report.add("kafka.hop.rate_msgs_per_s", Double(latencyRate), decimals: 0)
        report.add("kafka.hop.latency_p50_ms", latencies.percentile(50), decimals: 2)
        report.add("kafka.hop.latency_p99_ms", latencies.percentile(99), decimals: 2)
        await producer.shutdown()
        return report
    }

    private func measureHopLatency(_ cluster: EmbeddedKafkaCluster, producer: KafkaProducer) async throws
        -> LatencySamples
    {
        let total = latencyRate * latencySeconds
        let hop = try makeConsumer(cluster, group: "bench-latency-hop", topic: "bench.latency.in")
        let sink = try makeConsumer(cluster, group: "bench-latency-sink", topic: "bench.latency.out")
        // Both consumers join their groups, and the producer learns both topics' leaders, before
        // the clock starts (the first send to a topic waits for its metadata). The warm-up
        // messages are shorter than a timestamp, so the sink ignores them.
        try await waitForAssignment(hop)
        try await waitForAssignment(sink)
        for topic in ["bench.latency.in", "bench.latency.out"] {
            for partition in 0..<partitions {
                try await producer.send(KafkaProducerMessage(topic: topic, partition: Int32(partition), value: [0x77]))
            }
        }

        return try await withThrowingTaskGroup(of: LatencySamples?.self) { tasks in
            tasks.addTask {
                while !hop.isShuttingDown {
                    guard let batch = try await hop.poll(maxWait: .milliseconds(200)) else { break }
                    guard !batch.isEmpty else { continue }
                    _ = await producer.send(
                        batch.map { KafkaProducerMessage(topic: "bench.latency.out", key: $0.key, value: $0.value) }
                    )
                    hop.store(batch)
                }
                return nil
            }
            tasks.addTask {
                let padding = [UInt8](repeating: 0x6C, count: max(0, messageSize - 8))
                let interval = 1_000_000_000 / UInt64(latencyRate)
                let start = monotonicNanoseconds()
                for index in 0..<total {
                    let due = start + UInt64(index) * interval
                    let now = monotonicNanoseconds()
                    if due > now { try await Task.sleep(for: .nanoseconds(Int64(due - now))) }
                    var stamp = monotonicNanoseconds().littleEndian
                    let value = withUnsafeBytes(of: &stamp) { Array($0) } + padding
                    // Not awaited one by one: the offered rate must not depend on acknowledgement latency.
                    try producer.produce(
                        KafkaProducerMessage(topic: "bench.latency.in", key: "k\(index % 101)", value: value)
                    )
                }
                return nil
            }
            tasks.addTask {
                var samples = LatencySamples()
                let deadline = ContinuousClock.now + .seconds(latencySeconds + 30)
                while samples.nanoseconds.count < total, ContinuousClock.now < deadline {
                    guard let batch = try await sink.poll(maxWait: .milliseconds(200)) else { break }
                    let now = monotonicNanoseconds()
                    for message in batch where message.value.count >= 8 {
                        let stamp = message.value.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                        samples.add(now - UInt64(littleEndian: stamp))
                    }
                }
                return samples
            }
            var result = LatencySamples()
            while let next = try await tasks.next() {
                if let samples = next {
                    result = samples
                    hop.triggerShutdown()
                }
            }
            await hop.close()
            await sink.close()
            return result
        }
    }

    private func waitForAssignment(_ consumer: KafkaConsumer) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while consumer.assignment.isEmpty, ContinuousClock.now < deadline {
            _ = try await consumer.poll(maxWait: .milliseconds(100))
        }
    }

    private func makeConsumer(_ cluster: EmbeddedKafkaCluster, group: String, topic: String) throws -> KafkaConsumer {
        try rawHop.makeConsumer(cluster, group: group, topic: topic)
    }

    private var rawHop: RawHop {
        RawHop(fetchWaitMax: fetchWaitMax, linger: linger, logger: logger)
    }

    private func seconds(since start: UInt64) -> Double {
        Double(monotonicNanoseconds() - start) / 1e9
    }
}
