import Foundation
import KontorMapping

/// `kontor bench map`: documents/s and MB/s of every mapping on its own sample inputs
/// (parse, select, transform and build canonical orders, decoding included).
public struct MappingBenchmark: Sendable {
    public var mappingsDirectory = "mappings"
    /// How long each mapping is measured.
    public var duration: Duration = .seconds(2)

    public init() {}

    public func run() throws -> BenchmarkReport {
        var report = BenchmarkReport()
        let catalog = try MappingCatalog(directory: mappingsDirectory)
        for mapping in catalog.mappings where mapping.target == .order {
            let samples = try Self.samples(of: mapping, in: mappingsDirectory)
            guard !samples.isEmpty else { continue }
            // Warm-up, and a check that every sample translates.
            for sample in samples { _ = try mapping.translate(sample) }
            var documents = 0
            var bytes = 0
            let start = monotonicNanoseconds()
            let end = start + UInt64(duration.components.seconds) * 1_000_000_000
            while monotonicNanoseconds() < end {
                for sample in samples {
                    _ = try mapping.translate(sample)
                    documents += 1
                    bytes += sample.count
                }
            }
            let seconds = Double(monotonicNanoseconds() - start) / 1e9
            report.add("map.\(mapping.name).docs_per_s", Double(documents) / seconds, decimals: 0)
            report.add("map.\(mapping.name).mb_per_s", Double(bytes) / seconds / 1_048_576, decimals: 2)
        }
        return report
    }

    static func samples(of mapping: Mapping, in directory: String) throws -> [[UInt8]] {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(mapping.name).appendingPathComponent(
            "samples"
        )
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.sorted()
            .filter { !$0.hasSuffix(".expected.json") && !$0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
    }
}
