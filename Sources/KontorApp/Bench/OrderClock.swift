import Foundation
import Synchronization

/// When each benchmark order was sent and when its final event was read, shared by the sending and reading tasks.
final class OrderClock: Sendable {
    private struct State {
        var started: [String: UInt64] = [:]
        var finished: [String: (at: UInt64, topic: String)] = [:]
        var open = 0
        var lastFinish: UInt64 = 0
    }
    private let state = Mutex(State())

    /// Records the send time of orders.
    func started(_ ids: [String], at time: UInt64) {
        state.withLock { state in
            for id in ids where state.started.updateValue(time, forKey: id) == nil { state.open += 1 }
        }
    }

    /// Records the first final event of orders that were started; later events of an order (a re-allocation) and
    /// orders not started by this clock are ignored.
    func finished(_ events: [(id: String, topic: String)], at time: UInt64) {
        state.withLock { state in
            for event in events where state.started[event.id] != nil && state.finished[event.id] == nil {
                state.finished[event.id] = (time, event.topic)
                state.open -= 1
                state.lastFinish = max(state.lastFinish, time)
            }
        }
    }

    /// Forgets everything (between phases).
    func reset() {
        state.withLock { $0 = State() }
    }

    /// The time of the latest first final event.
    var lastFinish: UInt64 { state.withLock { $0.lastFinish } }

    /// Waits until every started order finished.
    /// - Throws: when `deadline` passes first, saying how many are missing.
    func waitForAll(deadline: Duration) async throws {
        let end = ContinuousClock.now + deadline
        while state.withLock({ $0.open }) > 0 {
            guard ContinuousClock.now < end else {
                throw BenchmarkError("\(state.withLock { $0.open }) orders did not finish within \(deadline)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// How many of `ids` ended on each topic.
    func outcomes(of ids: [String]) -> [String: Int] {
        state.withLock { state in
            ids.reduce(into: [:]) { counts, id in
                if let topic = state.finished[id]?.topic { counts[topic, default: 0] += 1 }
            }
        }
    }

    /// Send-to-final-event latencies of `ids`.
    func latencies(of ids: [String]) -> LatencySamples {
        state.withLock { state in
            var samples = LatencySamples()
            for id in ids {
                if let start = state.started[id], let end = state.finished[id]?.at { samples.add(end - start) }
            }
            return samples
        }
    }
}

/// A benchmark that could not complete.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// CPU seconds (user + system) the process used so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// A process's peak resident set size in MiB (`VmHWM` of `/proc/<process>/status`), since it started or since
/// ``resetPeakResident()``.
func peakResidentMegabytes(process: String = "self") -> Double {
    guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return .nan }
    return kilobytes / 1024
}

/// Starts this process's peak resident set size afresh at its current size, so that a benchmark reports its own
/// peak rather than an earlier one's in the same run (Linux `clear_refs`; best effort).
func resetPeakResident() {
    try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
}
