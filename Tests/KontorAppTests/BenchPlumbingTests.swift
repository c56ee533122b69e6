import Foundation
import Testing

@testable import KontorApp

/// The benchmarks' plumbing that needs no measurement: reading wrk's figures, the Lua script, the comparison with
/// the raw hop, and finding wrk. (The benchmarks themselves are not timed in tests; `kontor bench http` runs once,
/// briefly, in the end-to-end tests.)
@Suite("Benchmarks: plumbing")
struct BenchPlumbingTests {
    /// wrk's own report with the bench script's `wrk.*` lines after it, as wrk 4.1 prints them.
    static let wrkOutput = """
        Running 20s test @ http://127.0.0.1:8080/v1/webhooks/shopify
          2 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency    21.51ms    8.02ms 131.20ms   80.12%
            Req/Sec     1.49k   210.33     2.01k    71.25%
          59560 requests in 20.01s, 14.72MB read
          Non-2xx or 3xx responses: 60
        Requests/sec:   2976.51
        Transfer/sec:    753.15KB
        wrk.requests=59560
        wrk.duration_us=20010000
        wrk.bytes=15435776
        wrk.errors.connect=0
        wrk.errors.read=2
        wrk.errors.write=0
        wrk.errors.status=60
        wrk.errors.timeout=1
        wrk.latency_p50_us=19870
        wrk.latency_p95_us=35112
        wrk.latency_p99_us=48001
        wrk.latency_max_us=131204
        """

    @Test("wrk's figures are read from the script's lines; successes per second leave out non-2xx answers")
    func parsesWrkOutput() throws {
        let summary = try WrkSummary(parsing: Self.wrkOutput)
        #expect(summary.requests == 59560)
        #expect(summary.seconds == 20.01)
        #expect(summary.non2xx == 60)
        #expect(summary.socketErrors == 3)
        #expect(summary.latencyP50Milliseconds == 19.87)
        #expect(summary.latencyP95Milliseconds == 35.112)
        #expect(summary.latencyP99Milliseconds == 48.001)
        #expect(summary.latencyMaxMilliseconds == 131.204)
        #expect(abs(summary.successesPerSecond - 59500 / 20.01) < 1e-9)

        let lines = HTTPBenchmark.report(summary, connections: 64, threads: 2, cpuSeconds: 29.75, peakMB: 180.4).lines
        #expect(lines.contains("http.webhooks_per_s=2974"))
        #expect(lines.contains("http.latency_p95_ms=35.11"))
        #expect(lines.contains("http.non_2xx=60"))
        #expect(lines.contains("http.socket_errors=3"))
        #expect(lines.contains("http.connections=64"))
        #expect(lines.contains("http.server_cpu_s_per_1000_webhooks=0.50"))
    }

    @Test("Output without the script's figures (wrk run without it, or cut short) is refused, naming the figure")
    func refusesIncompleteOutput() {
        let cut = Self.wrkOutput.split(separator: "\n").filter { !$0.hasPrefix("wrk.latency_p95") }.joined(
            separator: "\n"
        )
        #expect(throws: WrkSummary.ParseError.self) { try WrkSummary(parsing: cut) }
        do {
            _ = try WrkSummary(parsing: cut)
        } catch {
            #expect("\(error)".contains("wrk.latency_p95_us"))
        }
    }

    @Test("Every pipeline rate is set against the raw hop and the hop-based target")
    func comparesWithRawHop() {
        var report = BenchmarkReport()
        RawHopComparison(rawHopPerSecond: 72_000, hops: 2)
            .add(to: &report, prefix: "pipeline.sqlite", rates: [("orders_per_s", 90)])
        #expect(
            report.lines == [
                "pipeline.sqlite.raw_hop_msgs_per_s=72000",
                "pipeline.sqlite.hops=2",
                "pipeline.sqlite.hop_target_orders_per_s=36000",
                "pipeline.sqlite.orders_per_s_vs_raw_hop=0.00125",
                "pipeline.sqlite.orders_per_s_vs_hop_target=0.00250",
            ]
        )
    }

    @Test("The Lua script quotes any byte exactly and varies the delivery id per request")
    func luaScript() {
        #expect(WrkScript.quoted(Array("a\"b\\c\n\u{e9}".utf8)) == #""a\034b\092c\010\195\169""#)
        let script = WrkScript(
            bodies: [.init(body: Array("{\"id\":1}".utf8), signature: "c2ln")],
            signatureHeader: "X-Shopify-Hmac-Sha256",
            deliveryHeader: "X-Shopify-Webhook-Id",
            threads: 2
        ).text
        #expect(script.contains(#"  "{\034id\034:1}","#))
        #expect(script.contains(#"wrk.headers["X-Shopify-Hmac-Sha256"] = signatures[i]"#))
        #expect(script.contains(#"wrk.headers["X-Shopify-Webhook-Id"] = run .. "-" .. thread_number .. "-" .. sent"#))
        #expect(script.contains("local i = (sent * 2 + thread_number - 1) % #bodies + 1"))
        #expect(script.contains("function done(summary, latency, requests)"))
    }

    @Test("Server counters are read from Prometheus text by connector")
    func readsCounters() {
        let metrics = """
            # TYPE kontor_connector_orders_total counter
            kontor_connector_orders_total{connector="woocommerce"} 3
            kontor_connector_orders_total{connector="shopify"} 61234
            """
        #expect(HTTPBenchmark.counter("kontor_connector_orders_total", connector: "shopify", in: metrics) == 61234)
        #expect(
            HTTPBenchmark.counter("kontor_connector_duplicate_deliveries_total", connector: "shopify", in: metrics) == 0
        )
    }

    @Test("A missing wrk fails naming the package to install")
    func missingWrk() throws {
        do {
            _ = try HTTPBenchmark.locateWrk(nil, searchPath: "/nonexistent-bin")
            Issue.record("wrk found in an empty PATH")
        } catch {
            #expect("\(error)".contains("apt-get install wrk"))
        }
        #expect(throws: BenchmarkError.self) { try HTTPBenchmark.locateWrk("/nonexistent/wrk") }
    }
}
