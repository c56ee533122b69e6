import Foundation
import KontorTestSupport
import Testing

/// `kontor run` (embedded cluster, seeded store) serves `GET /metrics`: after an order went through the pipeline,
/// the stage, outcome, HTTP and lag metrics show it, in valid Prometheus text.
@Suite("End to end: Prometheus metrics", .serialized, .timeLimit(.minutes(5)))
struct MetricsEndToEndTests {
    /// Scrapes until `done` accepts the metrics (the workers update them asynchronously); the last scrape otherwise.
    static func scrape(
        _ base: String,
        until done: (PrometheusExposition) -> Bool
    ) async throws -> PrometheusExposition {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let reply = try await HTTPClient.request("GET", "\(base)/metrics", headers: [:])
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            let metrics = try PrometheusExposition(reply.text)
            if done(metrics) || ContinuousClock.now >= deadline { return metrics }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("An order posted over HTTP is counted by the validation stage, its outcome, HTTP and lag metrics")
    func metricsAfterOneOrder() async throws {
        let kontor = try KontorProcess(arguments: ["--set", "kafka.embeddedBrokers=1"])
        try await kontor.start()
        let base = kontor.httpAddress

        let accepted = try await HTTPClient.postOrder(base, SampleOrders.json(number: "E2E-MET-1"))
        #expect(accepted.status == 202, "\(accepted.text)")
        let orderID = try #require(accepted.json["orderId"] as? String)

        let validation = ["stage": "validation"]
        let metrics = try await Self.scrape(base) { metrics in
            (metrics.value("kontor_stage_messages_processed_total", validation) ?? 0) >= 1
                && (metrics.value("kontor_order_outcomes_total", ["stage": "allocation", "outcome": "allocated"]) ?? 0)
                    >= 1
                && metrics.value("kontor_consumer_lag_messages", ["group": "kontor-validation"]) != nil
        }
        #expect((metrics.value("kontor_stage_messages_processed_total", validation) ?? 0) >= 1)
        #expect((metrics.value("kontor_stage_messages_dead_lettered_total", validation) ?? 0) == 0)
        #expect(
            (metrics.value("kontor_order_outcomes_total", ["stage": "validation", "outcome": "validated"]) ?? 0) >= 1
        )
        #expect(
            (metrics.value("kontor_order_outcomes_total", ["stage": "allocation", "outcome": "allocated"]) ?? 0) >= 1
        )
        #expect(
            metrics.value("kontor_http_requests_total", ["method": "POST", "route": "/v1/orders", "status": "202"]) == 1
        )
        #expect(metrics.value("kontor_consumer_lag_messages", ["group": "kontor-validation"]) != nil)
        #expect(metrics.value("kontor_consumer_lag_messages", ["group": "kontor-allocation"]) != nil)

        // Histograms with their buckets: handling per message and per batch, and HTTP latency.
        for family in ["kontor_stage_message_duration_seconds", "kontor_stage_batch_duration_seconds"] {
            #expect(metrics.types[family] == "histogram")
            let buckets = metrics.samples("\(family)_bucket", validation)
            #expect(buckets.count > 1, "\(family)")
            #expect((buckets.first { $0.labels["le"] == "+Inf" }?.value ?? 0) >= 1, "\(family)")
        }
        #expect(!metrics.samples("kontor_http_request_duration_seconds_bucket", ["route": "/v1/orders"]).isEmpty)

        // The log lines about the order carry its correlation id as well.
        let lines = kontor.log.split(separator: "\n").filter { $0.contains(orderID) }
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.contains("kontor.order.id=\(orderID)"), "\(line)")
            #expect(line.contains("kontor.correlation.id="), "\(line)")
        }
        #expect(try await kontor.terminate() == 0)
    }
}
