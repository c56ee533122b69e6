import Foundation
import KontorServer
import KontorTestSupport
import Testing

/// `GET /metrics` and the HTTP metrics of the router `kontor run` builds, over real HTTP, with the fixture's own
/// registry (no process-wide bootstrap involved).
@Suite("Metrics endpoint and HTTP metrics", .serialized, .timeLimit(.minutes(2)))
struct MetricsRoutesTests {
    static let order = """
        {"schemaVersion":"1.0","orderNumber":"MET-1","channel":"web","orderDate":"2026-11-28","currency":"EUR",
         "buyer":{"id":"C-100","name":"Erika Mustermann"},
         "shipTo":{"name":"Erika Mustermann","street":"Heidestraße 17","city":"Köln","postalCode":"51147","country":"DE"},
         "lines":[{"lineNumber":"1","sku":"SKU-1","quantity":"2","unitPrice":"9.95"}],
         "totals":{"grandTotal":"19.90"}}
        """

    @Test("Requests are counted by route template and status, with latency buckets; the output is Prometheus text")
    func httpMetrics() async throws {
        try await ServerFixture.run { _, base in
            let accepted = try await HTTP.request("POST", "\(base)/v1/orders", body: Self.order)
            #expect(accepted.status == 202, "\(accepted.text)")
            #expect(try await HTTP.get("\(base)/v1/orders/ord_unknown").status == 404)
            #expect(try await HTTP.get("\(base)/v1/orders/ord_nothere").status == 404)
            #expect(try await HTTP.request("POST", "\(base)/v1/orders", body: "{").status == 400)
            #expect(try await HTTP.get("\(base)/v1/nowhere/\(UUID().uuidString)").status == 404)

            let scrape = try await HTTP.get("\(base)/metrics")
            #expect(scrape.status == 200)
            #expect(scrape.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            let metrics = try PrometheusExposition(scrape.text)
            let requests = HTTPMetrics.requests
            #expect(metrics.types[requests] == "counter")
            #expect(metrics.value(requests, ["method": "POST", "route": "/v1/orders", "status": "202"]) == 1)
            #expect(metrics.value(requests, ["method": "POST", "route": "/v1/orders", "status": "400"]) == 1)
            // Both order lookups share one series: the template, not the raw path.
            #expect(metrics.value(requests, ["method": "GET", "route": "/v1/orders/{id}", "status": "404"]) == 2)
            // Raw paths never become labels: neither ids nor paths no route matched.
            #expect(!metrics.samples.contains { $0.labels["route"]?.contains("ord_") == true })
            #expect(!metrics.samples.contains { $0.labels["route"]?.contains("nowhere") == true })

            let duration = HTTPMetrics.duration
            #expect(metrics.types[duration] == "histogram")
            let buckets = metrics.samples("\(duration)_bucket", ["method": "POST", "route": "/v1/orders"])
            #expect(buckets.count == 14, "\(buckets)")  // 13 bounds and +Inf
            #expect(buckets.first { $0.labels["le"] == "+Inf" }?.value == 2)
        }
    }

    @Test("The exposition reader refuses what Prometheus would refuse, naming the line")
    func readerRefusesBadText() throws {
        let good = """
            # TYPE a_total counter
            a_total{x="1"} 3
            # TYPE h histogram
            h_bucket{le="0.1"} 1
            h_bucket{le="+Inf"} 2
            h_sum 0.3
            h_count 2

            """
        let parsed = try PrometheusExposition(good)
        #expect(parsed.value("a_total", ["x": "1"]) == 3)
        let bad = [
            "a_total{x=1} 3",  // unquoted label value
            "a total 3",  // space in the name
            "a_total 3 4 5",  // too many fields
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3",  // count differs from +Inf
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1",  // not cumulative
        ]
        for text in bad {
            #expect(throws: PrometheusExposition.FormatError.self, "\(text)") { try PrometheusExposition(text) }
        }
    }
}
