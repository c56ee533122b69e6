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

    @Argument(help: "Which benchmark: kafka, or all.") var suite: String = "all"
    @Option(help: "Messages for the throughput runs.") var messages: Int = 200_000
    @Option(help: "Message size in bytes.") var size: Int = 1024
    @Option(help: "Brokers of the embedded cluster.") var brokers: Int = 1
    @Option(help: "Offered rate (messages/s) of the latency run.") var rate: Int = 5_000
    @Option(help: "Partitions per benchmark topic.") var partitions: Int = 64

    func run() async throws {
        guard ["kafka", "all"].contains(suite) else {
            throw ValidationError("unknown benchmark '\(suite)': kafka, all")
        }
        let logger = bootstrapLogging(level: .error)
        var benchmark = KafkaBenchmark(logger: logger)
        benchmark.messages = messages
        benchmark.messageSize = size
        benchmark.brokers = brokers
        benchmark.latencyRate = rate
        benchmark.partitions = partitions
        let report = try await benchmark.run()
        for line in report.lines {
            print(line)
        }
    }
}
