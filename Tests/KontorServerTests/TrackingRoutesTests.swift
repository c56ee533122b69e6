import Foundation
import KontorConnectors
import KontorServer
import Testing

/// `POST /v1/tracking/{format}` on a real server and embedded Kafka: the carrier's signature (good, bad, missing),
/// unknown formats, and documents that cannot be translated (problem details naming the field).
@Suite("Tracking webhooks")
struct TrackingRoutesTests {
    static func sample(_ mapping: String, _ file: String) throws -> String {
        try String(
            contentsOf: ServerFixture.repositoryRoot.appendingPathComponent("mappings/\(mapping)/samples/\(file)"),
            encoding: .utf8
        )
    }

    @Test("EasyPost with its secret: a good signature publishes every scan; a bad or missing one is 401")
    func signatures() async throws {
        try await ServerFixture.run { _, base in
            let body = try Self.sample("tracking-easypost", "easypost_event_tracker-updated.json")
            let scheme = TrackingSignatures.scheme(for: "easypost")
            let good = WebhookSignature(configuration: scheme, secret: ServerFixture.trackingSecret).sign(
                Array(body.utf8)
            )
            #expect(good.hasPrefix("hmac-sha256-hex="))
            let url = base + "/v1/tracking/easypost"
            let accepted = try await HTTP.request("POST", url, body: body, headers: ["X-Hmac-Signature": good])
            #expect(accepted.status == 202, "\(accepted.text)")
            let events = accepted.json["events"] as? [[String: Any]]
            #expect(
                events?.map { $0["status"] as? String } == [
                    "label-created", "label-created", "in-transit", "out-for-delivery", "delivered",
                ]
            )
            let forged = WebhookSignature(configuration: scheme, secret: "wrong").sign(Array(body.utf8))
            let bad = try await HTTP.request("POST", url, body: body, headers: ["X-Hmac-Signature": forged])
            #expect(bad.status == 401)
            #expect((bad.json["detail"] as? String)?.contains("does not match") == true)
            let missing = try await HTTP.request("POST", url, body: body)
            #expect(missing.status == 401)
            #expect((missing.json["detail"] as? String)?.contains("missing X-Hmac-Signature") == true)
        }
    }

    @Test("Without a secret the route takes unsigned documents; unknown formats are 404; bad ones 422 with the field")
    func unsignedAndInvalid() async throws {
        try await ServerFixture.run { _, base in
            let dhl = try Self.sample("tracking-dhl", "dhl_unified_shipments.json")
            let accepted = try await HTTP.request("POST", base + "/v1/tracking/dhl", body: dhl)
            #expect(accepted.status == 202, "\(accepted.text)")
            #expect((accepted.json["events"] as? [[String: Any]])?.count == 4)
            let unknown = try await HTTP.request("POST", base + "/v1/tracking/pigeon", body: "{}")
            #expect(unknown.status == 404)
            let broken =
                #"{"shipments": [{"id": "X1", "events": [{"timestamp": "2025-06-01T10:00:00Z", "#
                + #""statusCode": "teleported"}]}]}"#
            let refused = try await HTTP.request("POST", base + "/v1/tracking/dhl", body: broken)
            #expect(refused.status == 422)
            #expect(refused.json["field"] as? String == "$.shipments[0].events[0].statusCode")
            #expect(refused.json["quarantineId"] as? String != nil)
            let malformed = try await HTTP.request("POST", base + "/v1/tracking/dhl", body: "not json")
            #expect(malformed.status == 400)
        }
    }
}
