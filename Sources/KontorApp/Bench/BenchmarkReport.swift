import Foundation

/// Benchmark figures printed as `name=value` lines, in the order measured.
public struct BenchmarkReport: Sendable {
    public private(set) var figures: [(name: String, value: String)] = []

    public init() {}

    public mutating func add(_ name: String, _ value: Double, decimals: Int = 1) {
        figures.append((name, String(format: "%.\(decimals)f", value)))
    }

    public mutating func add(_ name: String, _ value: String) {
        figures.append((name, value))
    }

    public var lines: [String] { figures.map { "\($0.name)=\($0.value)" } }
}

/// Percentiles of latency samples in milliseconds.
struct LatencySamples {
    private(set) var nanoseconds: [UInt64] = []

    mutating func add(_ value: UInt64) { nanoseconds.append(value) }

    func percentile(_ p: Double) -> Double {
        guard !nanoseconds.isEmpty else { return .nan }
        let sorted = nanoseconds.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * p / 100).rounded(.up)) - 1)
        return Double(sorted[max(0, index)]) / 1_000_000
    }
}

/// Monotonic nanoseconds, comparable across threads of one process.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
