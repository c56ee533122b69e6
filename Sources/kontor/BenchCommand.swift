import ArgumentParser
import Foundation
import KontorApp
import Logging

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run benchmarks on the embedded stack and print name=value lines.",
        discussion: "Build with -c release for figures worth recording (`make bench`)."
    )

    @Argument(help: "Which benchmark: kafka, map, edi, routing, pipeline, or all.") var suite: String = "all"
    @Option(help: "Messages for the throughput runs.") var messages: Int = 200_000
    @Option(help: "Message size in bytes.") var size: Int = 1024
    @Option(help: "Brokers of the embedded cluster.") var brokers: Int = 1
    @Option(help: "Offered rate (messages/s) of the latency run.") var rate: Int = 5_000
    @Option(help: "Partitions per benchmark topic.") var partitions: Int = 64
    @Option(help: "Folder of mappings (map benchmark).") var mappings: String = "mappings"
    @Option(help: "Orders of the pipeline benchmark's burst.") var orders: Int = 5_000
    @Option(help: "Lines per order (pipeline benchmark).") var lines: Int = 5
    @Option(help: "Orders/s of the pipeline latency phase; 0 = half the measured throughput.") var orderRate: Int = 0
    @Option(
        help:
            "Also run the pipeline benchmark on this PostgreSQL database (postgres:// URL); default: the environment's KONTOR_BENCH_POSTGRES_URL."
    ) var postgres: String?

    func run() async throws {
        guard ["kafka", "map", "edi", "routing", "pipeline", "all"].contains(suite) else {
            throw ValidationError("unknown benchmark '\(suite)': kafka, map, edi, routing, pipeline, all")
        }
        let logger = bootstrapLogging(level: .error)
        if suite == "map" || suite == "all" {
            var benchmark = MappingBenchmark()
            benchmark.mappingsDirectory = mappings
            for line in try benchmark.run().lines { print(line) }
        }
        if suite == "edi" || suite == "all" {
            for line in try EDIBenchmark().run().lines { print(line) }
        }
        // The pipeline benchmark reports one routing decision's time beside the pipeline's.
        if suite == "routing" || suite == "pipeline" || suite == "all" {
            for line in try RoutingBenchmark().run().lines { print(line) }
        }
        if suite == "pipeline" || suite == "all" {
            let postgresURL = postgres ?? ProcessInfo.processInfo.environment["KONTOR_BENCH_POSTGRES_URL"]
            // SQLite always; PostgreSQL too when a database is given.
            let stores: [String?] = postgresURL.map { [nil, $0] } ?? [nil]
            for storeURL in stores {
                var benchmark = PipelineBenchmark(logger: logger)
                benchmark.orders = orders
                benchmark.linesPerOrder = lines
                benchmark.rate = orderRate
                benchmark.storeURL = storeURL
                for line in try await benchmark.run().lines { print(line) }
            }
        }
        if suite == "kafka" || suite == "all" {
            var benchmark = KafkaBenchmark(logger: logger)
            benchmark.messages = messages
            benchmark.messageSize = size
            benchmark.brokers = brokers
            benchmark.latencyRate = rate
            benchmark.partitions = partitions
            for line in try await benchmark.run().lines { print(line) }
        }
    }
}
