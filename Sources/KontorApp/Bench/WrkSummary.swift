import Foundation

/// What one `wrk` run measured, read from the `wrk.*=value` lines that ``WrkScript``'s `done` function prints
/// (wrk's own human-readable report around them is ignored).
public struct WrkSummary: Sendable, Equatable {
    /// Responses received, whatever their status.
    public var requests: Int
    public var seconds: Double
    /// Responses with a status of 400 or more (wrk counts these as status errors; webhooks never answer 3xx).
    public var non2xx: Int
    /// Connect, read and write errors and timeouts.
    public var socketErrors: Int
    public var latencyP50Milliseconds: Double
    public var latencyP95Milliseconds: Double
    public var latencyP99Milliseconds: Double
    public var latencyMaxMilliseconds: Double

    /// Successful (2xx) responses per second.
    public var successesPerSecond: Double { seconds > 0 ? Double(requests - non2xx) / seconds : 0 }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `output`; throws naming the first `wrk.*` figure that is missing or not a number.
    public init(parsing output: String) throws {
        var figures: [String: Double] = [:]
        for line in output.split(whereSeparator: \.isNewline) where line.hasPrefix("wrk.") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = String(line[line.index(line.startIndex, offsetBy: 4)..<equals])
            figures[name] = Double(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
        }
        func figure(_ name: String) throws -> Double {
            guard let value = figures[name] else {
                throw ParseError(description: "wrk printed no wrk.\(name) figure (was the bench script run?)")
            }
            return value
        }
        requests = Int(try figure("requests"))
        seconds = try figure("duration_us") / 1e6
        non2xx = Int(try figure("errors.status"))
        socketErrors = try ["connect", "read", "write", "timeout"].reduce(0) { $0 + Int(try figure("errors.\($1)")) }
        latencyP50Milliseconds = try figure("latency_p50_us") / 1000
        latencyP95Milliseconds = try figure("latency_p95_us") / 1000
        latencyP99Milliseconds = try figure("latency_p99_us") / 1000
        latencyMaxMilliseconds = try figure("latency_max_us") / 1000
    }
}
