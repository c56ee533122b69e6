import Crypto
import Foundation
import Testing

/// Marketplace webhooks into a real `kontor run`: signatures, redeliveries, unmappable payloads,
/// and the way through the pipeline to the validated topic, read back with `kcat`.
@Suite("End to end: marketplace webhooks", .serialized, .timeLimit(.minutes(5)))
struct WebhookEndToEndTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first sample input of a mapping (the files beside `*.expected.json`).
    static func sample(_ mapping: String) throws -> Data {
        let folder = repositoryRoot.appendingPathComponent("mappings/\(mapping)/samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let input = try #require(names.first { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") })
        return try Data(contentsOf: folder.appendingPathComponent(input))
    }

    static func base64HMAC(_ body: Data, secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))))
            .base64EncodedString()
    }

    /// The demo seed plus the products of the Shopify sample, so that validation finds its SKUs.
    static func seedWithSampleProducts() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["catalog.csv", "locations.csv", "stock.csv"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("seed/\(name)"),
                to: folder.appendingPathComponent(name)
            )
        }
        let catalog = folder.appendingPathComponent("catalog.csv")
        let extra = "BEANIE-CHAR,,Beanie charcoal,120,24.50,USD\nSCARF-ALP-OAT,,Alpaca scarf oat,200,89.00,USD\n"
        try (String(contentsOf: catalog, encoding: .utf8) + extra).write(to: catalog, atomically: true, encoding: .utf8)
        return folder
    }

    static func startKontor(environment: [String: String] = [:]) async throws -> KontorProcess {
        let kontor = try KontorProcess(
            arguments: [
                "--set", "seed.directory=\(try seedWithSampleProducts().path)",
                "--set", "connectors.directory=\(repositoryRoot.appendingPathComponent("connectors").path)",
                "--set", "mappings.directory=\(repositoryRoot.appendingPathComponent("mappings").path)",
            ],
            environment: [
                "KONTOR_SHOPIFY_WEBHOOK_SECRET": "shpss_test_secret",
                "KONTOR_WOOCOMMERCE_WEBHOOK_SECRET": "wc_secret",
                "KONTOR_INGEST_MAX_BODY_BYTES": "200000",
            ].merging(environment) { _, new in new }
        )
        try await kontor.start()
        return kontor
    }

    @Test("Signed Shopify webhooks become validated orders; bad signatures, redeliveries and junk are handled")
    func shopifyWebhooks() async throws {
        let kontor = try await Self.startKontor(environment: ["KONTOR_ACME_WEBHOOK_SECRET": "acme-secret"])
        let url = "\(kontor.httpAddress)/v1/webhooks/shopify"
        let body = try Self.sample("shopify")
        let signature = Self.base64HMAC(body, secret: "shpss_test_secret")
        func post(_ body: Data, signature: String?, webhookID: String) async throws -> HTTPClient.Reply {
            var headers = ["Content-Type": "application/json", "X-Shopify-Webhook-Id": webhookID]
            headers["X-Shopify-Hmac-Sha256"] = signature
            return try await HTTPClient.request("POST", url, body: body, headers: headers)
        }

        // A wrong or missing signature: 401, nothing published.
        let forged = try await post(body, signature: Self.base64HMAC(body, secret: "guess"), webhookID: "w-0")
        #expect(forged.status == 401)
        #expect(forged.json["type"] as? String == "https://kontor.dev/problems/bad-signature")
        #expect(try await post(body, signature: nil, webhookID: "w-0").status == 401)

        // Correctly signed: 200 after the broker's acknowledgement, then validated downstream.
        let accepted = try await post(body, signature: signature, webhookID: "w-1")
        #expect(accepted.status == 200)
        let orders = accepted.json["orders"] as? [[String: Any]] ?? []
        let orderID = try #require(orders.first?["orderId"] as? String)
        let validated = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.order.validated.v1") {
            $0.contains { $0.key == orderID }
        }
        let event = try #require(validated.first { $0.key == orderID }).json
        #expect(((event["data"] as? [String: Any])?["order"] as? [String: Any])?["channel"] as? String == "shopify")
        let received = try Kcat.read(kontor.bootstrapServers, topic: "kontor.order.received.v1")
        #expect(received.first { $0.key == orderID }?.json["source"] as? String == "/kontor/ingest/shopify")

        // The same delivery again: 200 "duplicate", nothing new.
        let redelivered = try await post(body, signature: signature, webhookID: "w-1")
        #expect(redelivered.status == 200)
        #expect(redelivered.json["status"] as? String == "duplicate")
        // The same order under a new delivery id: the same order and event ids; the pipeline keeps one.
        let again = try await post(body, signature: signature, webhookID: "w-2")
        #expect(
            (again.json["orders"] as? [[String: Any]])?.first?["eventId"] as? String == orders.first?["eventId"]
                as? String
        )

        // Signed but unmappable: 422 naming the field, the raw body quarantined.
        var object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        object["line_items"] = []
        object.removeValue(forKey: "currency")
        let broken = try JSONSerialization.data(withJSONObject: object)
        let unmappable = try await post(
            broken,
            signature: Self.base64HMAC(broken, secret: "shpss_test_secret"),
            webhookID: "w-3"
        )
        #expect(unmappable.status == 422)
        #expect(unmappable.json["field"] as? String != nil)
        let quarantineID = try #require(unmappable.json["quarantineId"] as? String)
        let quarantined = try await Kcat.waitFor(kontor.bootstrapServers, topic: "kontor.ingest.quarantine.v1") {
            $0.contains { $0.key == quarantineID }
        }
        #expect(quarantined.first { $0.key == quarantineID }?.payload == String(decoding: broken, as: UTF8.self))
        #expect(
            quarantined.first { $0.key == quarantineID }?.headers["kontor-quarantine-source"]
                == "/kontor/ingest/shopify"
        )

        // Not JSON at all: 400. Oversized: 413.
        let junk = Data("<html>".utf8)
        #expect(
            try await post(junk, signature: Self.base64HMAC(junk, secret: "shpss_test_secret"), webhookID: "w-4").status
                == 400
        )
        let huge = Data(repeating: 0x20, count: 250_000)
        #expect(
            try await post(huge, signature: Self.base64HMAC(huge, secret: "shpss_test_secret"), webhookID: "w-5").status
                == 413
        )

        // A generic partner: its own JSON format, a hex HMAC with a prefix, through the generic-json mapping.
        let partnerBody = try Self.sample("generic-json")
        let partnerSignature =
            "sha256="
            + HMAC<SHA256>.authenticationCode(for: partnerBody, using: SymmetricKey(data: Data("acme-secret".utf8)))
            .map { String(format: "%02x", $0) }.joined()
        let partner = try await HTTPClient.request(
            "POST",
            "\(kontor.httpAddress)/v1/webhooks/acme",
            body: partnerBody,
            headers: ["Content-Type": "application/json", "X-Signature": partnerSignature, "X-Delivery-Id": "a-1"]
        )
        #expect(partner.status == 200, "\(partner.text)")
        let unsigned = try await HTTPClient.request(
            "POST",
            "\(kontor.httpAddress)/v1/webhooks/acme",
            body: partnerBody,
            headers: ["Content-Type": "application/json", "X-Signature": "sha256=00"]
        )
        #expect(unsigned.status == 401)

        // Exactly one validated event for the order delivered three times.
        let settled = try await Kcat.waitFor(
            kontor.bootstrapServers,
            topic: "kontor.order.validated.v1",
            timeout: .seconds(3)
        ) { _ in
            false
        }
        #expect(settled.filter { $0.key == orderID }.count == 1)
        #expect(try await kontor.terminate() == 0)
    }

    @Test("WooCommerce webhooks are checked with their own header; a connector without its secret answers 503")
    func wooCommerceAndMissingSecret() async throws {
        let kontor = try await Self.startKontor()
        let body = try Self.sample("woocommerce")
        let reply = try await HTTPClient.request(
            "POST",
            "\(kontor.httpAddress)/v1/webhooks/woocommerce",
            body: body,
            headers: [
                "Content-Type": "application/json",
                "X-WC-Webhook-Signature": Self.base64HMAC(body, secret: "wc_secret"),
                "X-WC-Webhook-Delivery-ID": "d-1",
            ]
        )
        #expect(reply.status == 200, "\(reply.text)")
        // acme-partner's secret is not set in this environment.
        let acme = try await HTTPClient.request("POST", "\(kontor.httpAddress)/v1/webhooks/acme", body: Data("{}".utf8))
        #expect(acme.status == 503)
        #expect(acme.json["type"] as? String == "https://kontor.dev/problems/connector-unavailable")
        #expect(kontor.log.contains("acme-partner"))
        #expect(try await kontor.terminate() == 0)
    }
}
