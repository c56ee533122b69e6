import Foundation
import Testing

/// `kontor bench` as a user runs it: an unknown benchmark is refused, and `kontor bench http` drives a real
/// `kontor run` with the real `wrk` (briefly; nothing is timed here, only that every signed webhook was a new,
/// accepted delivery and that the figures come out).
@Suite("kontor bench", .serialized, .timeLimit(.minutes(5)))
struct BenchCommandTests {
    /// The `name=value` lines of a run's output.
    static func figures(_ output: Data) -> [String: String] {
        var figures: [String: String] = [:]
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            figures[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return figures
    }

    @Test("An unknown benchmark fails naming the valid ones")
    func unknownBenchmark() throws {
        let run = try TranslateCommandTests.kontor(["bench", "nope"])
        #expect(run.status != 0)
        for name in ["map", "edi", "routing", "pipeline", "kafka", "http", "all"] {
            #expect(run.stderr.contains(name), "\(run.stderr)")
        }
        #expect(run.stderr.contains("nope"))
    }

    @Test(
        "kontor bench http: wrk posts signed Shopify webhooks into kontor run; all are accepted, none is a duplicate",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk"), "needs wrk (apt-get install wrk)")
    )
    func httpBenchmark() throws {
        let run = try TranslateCommandTests.kontor([
            "bench", "http", "--duration", "1", "--connections", "4", "--threads", "2",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let figures = Self.figures(run.stdout)
        let requests = try #require(figures["http.requests"].flatMap { Int($0) }, "\(figures)")
        #expect(requests > 0)
        #expect(figures["http.non_2xx"] == "0")
        #expect(figures["http.socket_errors"] == "0")
        #expect(figures["http.server.duplicates"] == "0")
        #expect(figures["http.server.rejected_signatures"] == "0")
        // The warm-up's requests are counted by the server too.
        #expect((figures["http.server.orders_accepted"].flatMap { Int($0) } ?? 0) >= requests)
        for name in ["http.webhooks_per_s", "http.latency_p50_ms", "http.latency_p95_ms", "http.latency_p99_ms"] {
            #expect(figures[name].flatMap { Double($0) } != nil, "\(name) in \(figures)")
        }
    }
}
