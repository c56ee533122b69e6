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

    /// The benchmarks `kontor bench` knows, in the order `all` runs them.
    static let suites = ["map", "edi", "routing", "pipeline", "kafka", "http"]

    @Argument(help: "Which benchmark: \(BenchCommand.suites.joined(separator: ", ")), or all.") var suite: String =
        "all"
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
    @Option(help: "Concurrent connections of the HTTP benchmark (wrk -c).") var connections: Int = 64
    @Option(help: "wrk threads of the HTTP benchmark (wrk -t).") var threads: Int = 2
    @Option(help: "Seconds of the HTTP benchmark's measured run.") var duration: Int = 20
    @Option(help: "Webhook connector of the HTTP benchmark (a file in --connectors).") var connector: String = "shopify"
    @Option(help: "Folder of connectors (HTTP benchmark).") var connectors: String = "connectors"
    @Option(help: "The wrk binary (HTTP benchmark); default: wrk on PATH.") var wrk: String?

    func run() async throws {
        guard Self.suites.contains(suite) || suite == "all" else {
            throw ValidationError("unknown benchmark '\(suite)': \(Self.suites.joined(separator: ", ")), all")
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
                benchmark.rawHopMessages = messages
                benchmark.rawHopMessageSize = size
                benchmark.rawHopPartitions = partitions
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
        if suite == "http" || suite == "all" {
            var benchmark = HTTPBenchmark(
                executable: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            )
            benchmark.connections = connections
            benchmark.threads = threads
            benchmark.seconds = duration
            benchmark.connector = connector
            benchmark.connectorsDirectory = connectors
            benchmark.mappingsDirectory = mappings
            benchmark.wrk = wrk
            for line in try await benchmark.run().lines { print(line) }
        }
    }
}
