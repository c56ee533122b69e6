import Foundation
import HTTPTypes
import Hummingbird
import KontorModel
import KontorStore
import Testing

@testable import KontorServer

/// The dashboard's routes over real HTTP, on a real SQLite store and the embedded cluster. The fixture's consumer lag
/// and connector list are fixed values (no worker runs in this suite).
@Suite("Dashboard routes", .serialized, .timeLimit(.minutes(2)))
struct DashboardRoutesTests {
    @Test("Summary: counts by status and channel, exceptions with the newest orders, open dead letters per stage")
    func summary() async throws {
        try await ServerFixture.run { fixture, base in
            try await fixture.project(try ServerFixture.order(number: "SO-D1"))
            try await fixture.project(try ServerFixture.order(number: "SO-D2", channel: "b2b"), status: .onHold)
            try await fixture.project(try ServerFixture.order(number: "SO-D3"), status: .backordered)
            try await fixture.store.record(
                processed: [:],
                progress: [],
                deadLetters: [
                    DeadLetterRoutesTests.record("E-1", message: "down", payload: [1], at: 1_000),
                    DeadLetterRoutesTests.record("E-2", message: "down", payload: [2], at: 2_000),
                ]
            )
            try await fixture.store.purgeDeadLetters(ids: ["validation:E-2"])

            let reply = try await HTTP.get("\(base)/v1/dashboard/summary")
            #expect(reply.status == 200, "\(reply.text)")
            let body = reply.json
            let orders = try #require(body["orders"] as? [String: Any])
            #expect(orders["total"] as? Int == 3)
            #expect(orders["byStatus"] as? [String: Int] == ["received": 1, "on-hold": 1, "backordered": 1])
            #expect(orders["byChannel"] as? [String: Int] == ["web": 2, "b2b": 1])
            let exceptions = try #require(body["exceptions"] as? [String: [String: Any]])
            #expect(Set(exceptions.keys) == ["on-hold", "backordered", "rejected", "delayed", "exception"])
            #expect(exceptions["delayed"]?["count"] as? Int == 0)
            #expect(exceptions["on-hold"]?["count"] as? Int == 1)
            let held = exceptions["on-hold"]?["newest"] as? [[String: Any]]
            #expect(held?.map { $0["orderNumber"] as? String } == ["SO-D2"])
            #expect(exceptions["rejected"]?["count"] as? Int == 0)
            #expect((exceptions["rejected"]?["newest"] as? [Any])?.isEmpty == true)
            let deadLetters = try #require(body["deadLetters"] as? [String: Any])
            #expect(deadLetters["open"] as? Int == 1)
            #expect(deadLetters["byStage"] as? [String: Int] == ["validation": 1])
            #expect(body["consumerLag"] as? [String: Int] == ["kontor-validation": 3])
            let shopify = try #require((body["connectors"] as? [[String: Any]])?.first)
            #expect(shopify["state"] as? String == "unavailable")
            // Activity since start: orders, errors, the error rate per delivery, the last message and error.
            #expect(shopify["orders"] as? Int == 3 && shopify["errors"] as? Int == 1)
            #expect(shopify["errorRate"] as? Double == 0.25)
            #expect(
                shopify["lastMessageAt"] as? String
                    == Timestamp(Date(timeIntervalSince1970: 1_764_403_200)).rfc3339String
            )
            #expect(shopify["lastError"] as? String == "bad signature")
            #expect((body["ordersPerHour"] as? [Any])?.count == 24)
        }
    }

    @Test("Orders per hour: by arrival, 24 whole UTC hours, oldest first, the current one last")
    func ordersPerHour() async throws {
        try await ServerFixture.run { fixture, _ in
            try await fixture.project(try ServerFixture.order(number: "SO-H1"))
            try await fixture.project(try ServerFixture.order(number: "SO-H2"))
            let now = Date()
            let hours = try await DashboardSummary.ordersPerHour(fixture.store, now: now)
            #expect(hours.count == 24)
            let counts = hours.compactMap { $0["count"] as? Int }
            // Both arrived just now: in the current hour, or the one before when an hour began in between.
            #expect(counts.reduce(0, +) == 2, "\(counts)")
            #expect(counts.dropLast(2).allSatisfy { $0 == 0 }, "\(counts)")
            let starts = hours.compactMap { ($0["hour"] as? String).flatMap(Timestamp.init(rfc3339:)) }
            #expect(starts.count == 24)
            #expect(starts.allSatisfy { $0.microsecondsSinceEpoch % 3_600_000_000 == 0 })
            #expect(
                zip(starts, starts.dropFirst()).allSatisfy {
                    $1.microsecondsSinceEpoch - $0.microsecondsSinceEpoch == 3_600_000_000
                }
            )
            let current = try #require(starts.last).microsecondsSinceEpoch
            let nowMicros = Timestamp(now).microsecondsSinceEpoch
            #expect(current <= nowMicros && nowMicros - current < 3_600_000_000)
            // A day later they are out of the window.
            let later = try await DashboardSummary.ordersPerHour(fixture.store, now: now.addingTimeInterval(86_400))
            #expect(later.compactMap { $0["count"] as? Int }.reduce(0, +) == 0)
        }
    }

    @Test("Stream: server-sent events, the summary at once; ?events ends it; a bad events value is refused")
    func stream() async throws {
        try await ServerFixture.run { fixture, base in
            try await fixture.project(try ServerFixture.order(number: "SO-S1"))
            let reply = try await HTTP.get("\(base)/v1/dashboard/stream?events=1")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/event-stream")
            let events = reply.text.components(separatedBy: "\n\n").filter { $0.hasPrefix("event: summary") }
            #expect(events.count == 1, "\(reply.text)")
            let data = events.first?.components(separatedBy: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6)
            let summary = data.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect((summary?["orders"] as? [String: Any])?["total"] as? Int == 1, "\(reply.text)")

            let refused = try await HTTP.get("\(base)/v1/dashboard/stream?events=0")
            #expect(refused.status == 400)
            #expect(refused.json["field"] as? String == "events")
        }
    }

    /// Records what the stream writes and runs `onWrite` after each write (here: change the store once the first
    /// summary went out). A recorder instead of an HTTP client: Linux Foundation cannot read a response as it arrives.
    struct RecordingWriter: ResponseBodyWriter {
        var written: [String] = []
        let onWrite: @Sendable ([String]) async throws -> Void

        mutating func write(_ buffer: ByteBuffer) async throws {
            written.append(String(buffer: buffer))
            try await onWrite(written)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    @Test("Stream: a change is pushed without a new request; unchanged summaries are not sent again")
    func streamPushesChanges() async throws {
        try await ServerFixture.run { fixture, _ in
            let sources = DashboardSources(orders: fixture.store, streamInterval: .milliseconds(20))
            var writer: any ResponseBodyWriter = RecordingWriter { written in
                // After the first summary and two unchanged looks, an order arrives.
                if written.filter({ $0.hasPrefix(": unchanged") }).count == 2,
                    written.filter({ $0.hasPrefix("event: summary") }).count == 1
                {
                    try await fixture.project(try ServerFixture.order(number: "SO-S2"))
                }
            }
            try await DashboardRoutes.stream(sources, limit: 2, to: &writer)
            let written = (writer as? RecordingWriter)?.written ?? []
            let totals = written.filter { $0.hasPrefix("event: summary") }.map { event in
                let data = event.components(separatedBy: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6) ?? ""
                let summary = (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any]
                return (summary?["orders"] as? [String: Any])?["total"] as? Int
            }
            #expect(totals == [0, 1], "\(written)")
            #expect(written.first == "retry: 3000\n\n")
        }
    }

    @Test("The page: HTML with everything inline, a login form and the dashboard's elements")
    func page() async throws {
        try await ServerFixture.run { _, base in
            let reply = try await HTTP.get("\(base)/dashboard")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/html; charset=utf-8")
            #expect(reply.headers["content-security-policy"]?.contains("default-src 'none'") == true)
            for id in ["login-form", "status-counts", "hourly-chart", "exceptions", "dlq", "search-q", "order-panel"] {
                #expect(reply.text.contains("id=\"\(id)\""), "\(id)")
            }
            #expect(reply.text.contains("new EventSource(\"/v1/dashboard/stream\")"))
            // Nothing from elsewhere: no absolute URL other than the SVG namespace.
            let external = reply.text.components(separatedBy: "http").dropFirst()
                .filter { !$0.hasPrefix("://www.w3.org/2000/svg") }
            #expect(external.isEmpty, "\(external)")
        }
    }
}
