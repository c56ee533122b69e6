import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging
import ServiceLifecycle

/// `kontor bench pipeline`: synthetic orders through every pipeline stage `kontor run` runs (validation, allocation
/// and the read-model projection), on the embedded cluster and a fresh store (SQLite, or PostgreSQL when a URL is
/// given), injected at the Kafka edge as received events.
///
/// Two phases: a burst of ``orders`` orders measures throughput (orders/s from the first send to the last order's
/// final event); then orders offered at a steady ``rate`` (default: half the burst's throughput) measure end-to-end
/// latency, from sending the received event to reading the order's allocated (or backordered, held, rejected) event.
///
/// Then, with the workers stopped, the raw limit: a consume→produce hop with no work on the same cluster
/// (``RawHop``), against which the throughput is also reported (``RawHopComparison``). It runs last so that it does
/// not add its backlog to the pipeline's peak memory.
public struct PipelineBenchmark: Sendable {
    /// Orders of the burst.
    public var orders = 5_000
    /// Lines per order.
    public var linesPerOrder = 5
    /// Locations in the synthetic network (four in five warehouses, the rest stores).
    public var locations = 50
    /// SKUs in the synthetic catalog.
    public var products = 500
    /// Orders per second of the latency phase; 0 = half the burst's throughput.
    public var rate = 0
    /// Seconds of the latency phase.
    public var latencySeconds = 5
    /// Messages, message size and partitions of the raw hop.
    public var rawHopMessages = 200_000
    public var rawHopMessageSize = 1024
    public var rawHopPartitions = 64
    /// The store: nil for a new SQLite file, or a `postgres://` URL (a new schema is used and left behind).
    public var storeURL: String?
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// Consume→produce hops from an order's received event to its final one: validation, then allocation.
    static let hops = 2

    /// The topics on which an order's trip through the benchmarked stages ends.
    static let finalTopics = [
        KontorTopics.orderAllocated, KontorTopics.orderBackordered, KontorTopics.orderHeld, KontorTopics.orderRejected,
    ]

    public func run() async throws -> BenchmarkReport {
        let backend = storeURL == nil ? "sqlite" : "postgres"
        let prefix = "pipeline.\(backend)"
        // This run's own peak, not that of an earlier benchmark (or store) in the same process.
        resetPeakResident()
        let store = try await openBenchmarkStore()
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        defer { cluster.shutdown() }
        for topic in KontorTopics.all {
            try cluster.createTopic(topic.name, partitions: topic.partitions)
        }
        let configuration = KontorConfiguration()
        try await PipelineBenchmarkData(locations: locations, products: products).load(into: store)

        let producer = try KafkaProducer(
            configuration: configuration.producerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: logger
        )
        var runtimes: [WorkerRuntime] = []
        for entry in KontorWorkerCatalog.entries {
            var worker = WorkerConfiguration(
                stage: entry.name,
                inputTopics: entry.inputTopics,
                deadLetterTopic: KontorTopics.deadLetter(stage: entry.name),
                bootstrapServers: cluster.bootstrapServers,
                retry: configuration.retryPolicy(stage: entry.name)
            )
            worker.pipelineStep = entry.pipelineStep
            worker.consumer = configuration.consumerConfiguration(
                bootstrapServers: cluster.bootstrapServers,
                groupID: worker.groupID
            )
            let context = KontorWorkerCatalog.Context(store: store, configuration: configuration, logger: logger)
            runtimes.append(
                WorkerRuntime(
                    handler: try entry.makeHandler(context),
                    configuration: worker,
                    producer: producer,
                    processedLog: store,
                    logger: logger
                )
            )
        }
        let group = ServiceGroup(services: runtimes, logger: logger)
        let workers = Task { try await group.run() }

        var sinkConfiguration = configuration.consumerConfiguration(
            bootstrapServers: cluster.bootstrapServers,
            groupID: "bench-pipeline-sink"
        )
        sinkConfiguration.maxBatchSize = 1000
        let sink = try KafkaConsumer(configuration: sinkConfiguration, topics: Self.finalTopics, logger: logger)
        let clock = OrderClock()
        let reader = Task { try await Self.readFinalEvents(sink, into: clock) }

        var report = BenchmarkReport()
        let generator = PipelineOrderGenerator(products: products, linesPerOrder: linesPerOrder)
        // Warm-up: every consumer group joined and every topic's leader known before the clock starts.
        try await inject(generator.orders(prefix: "WARM", count: 20), producer: producer, clock: clock)
        try await clock.waitForAll(deadline: .seconds(120))

        let cpuBefore = processCPUSeconds()
        let burst = generator.orders(prefix: "B", count: orders)
        let burstStart = monotonicNanoseconds()
        try await inject(burst, producer: producer, clock: clock)
        try await clock.waitForAll(deadline: .seconds(600))
        let burstSeconds = Double(clock.lastFinish - burstStart) / 1e9
        let throughput = Double(orders) / burstSeconds
        report.add("\(prefix).orders", "\(orders)")
        report.add("\(prefix).lines_per_order", "\(linesPerOrder)")
        report.add("\(prefix).orders_per_s", throughput, decimals: 0)
        report.add(
            "\(prefix).cpu_s_per_1000_orders",
            (processCPUSeconds() - cpuBefore) / Double(orders) * 1000,
            decimals: 2
        )
        let outcomes = clock.outcomes(of: burst.compactMap { $0.id?.rawValue })
        for topic in Self.finalTopics {
            let name = topic.split(separator: ".")[2]
            report.add("\(prefix).outcome.\(name)", "\(outcomes[topic, default: 0])")
        }

        // Latency at a steady rate below saturation.
        let offered = rate > 0 ? rate : max(1, Int(throughput / 2))
        let paced = generator.orders(prefix: "L", count: offered * latencySeconds)
        clock.reset()
        try await inject(paced, producer: producer, clock: clock, perSecond: offered)
        try await clock.waitForAll(deadline: .seconds(600))
        let latencies = clock.latencies(of: paced.compactMap { $0.id?.rawValue })
        report.add("\(prefix).latency_rate_orders_per_s", "\(offered)")
        report.add("\(prefix).latency_p50_ms", latencies.percentile(50), decimals: 1)
        report.add("\(prefix).latency_p99_ms", latencies.percentile(99), decimals: 1)
        report.add("\(prefix).peak_rss_mb", peakResidentMegabytes(), decimals: 0)

        await group.triggerGracefulShutdown()
        try await workers.value
        sink.triggerShutdown()
        _ = try? await reader.value
        await sink.close()
        await producer.shutdown()
        await store.close()

        let rawHop = try await RawHop(logger: logger).measure(
            on: cluster,
            messages: rawHopMessages,
            messageSize: rawHopMessageSize,
            partitions: rawHopPartitions
        )
        RawHopComparison(rawHopPerSecond: rawHop, hops: Self.hops)
            .add(to: &report, prefix: prefix, rates: [("orders_per_s", throughput)])
        return report
    }

    private func openBenchmarkStore() async throws -> any KontorStoreBackend {
        if let storeURL {
            let separator = storeURL.contains("?") ? "&" : "?"
            let schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
            return try await openStore(
                StoreConfiguration(parsing: "\(storeURL)\(separator)schema=\(schema)"),
                logger: logger
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try await openStore(.sqlite(path: folder.appendingPathComponent("kontor.sqlite").path), logger: logger)
    }

    /// Sends the orders' received events, all at once or `perSecond` (in ten slices a second).
    private func inject(
        _ orders: [CanonicalOrder],
        producer: KafkaProducer,
        clock: OrderClock,
        perSecond: Int? = nil
    ) async throws {
        let slice = perSecond.map { max(1, $0 / 10) } ?? 1000
        var next = ContinuousClock.now
        for start in stride(from: 0, to: orders.count, by: slice) {
            let chunk = orders[start..<min(start + slice, orders.count)]
            let messages = try chunk.map { order in
                let event = OrderReceivedEvent(
                    source: .ingest("bench"),
                    subject: order.id?.rawValue,
                    correlationID: CorrelationID(EventID.random()),
                    data: OrderReceived(order: order)
                )
                return try EventMessage.make(event, topic: KontorTopics.orderReceived)
            }
            clock.started(chunk.compactMap { $0.id?.rawValue }, at: monotonicNanoseconds())
            if perSecond == nil {
                for result in await producer.send(messages) { _ = try result.get() }
            } else {
                Task { _ = await producer.send(messages) }
                next = next + .milliseconds(100)
                try await Task.sleep(until: next)
            }
        }
    }

    private static func readFinalEvents(_ sink: KafkaConsumer, into clock: OrderClock) async throws {
        for try await batch in sink.batches {
            let now = monotonicNanoseconds()
            clock.finished(
                batch.compactMap { message in message.key.map { (String(decoding: $0, as: UTF8.self), message.topic) }
                },
                at: now
            )
            sink.store(batch)
        }
    }
}
