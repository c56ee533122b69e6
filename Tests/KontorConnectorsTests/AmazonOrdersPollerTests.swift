import Foundation
import HTTPTypes
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorMapping
import KontorModel
import KontorStore
import KontorTestSupport
import Logging
import Synchronization
import Testing

/// A local HTTP server stands in for Amazon's Selling Partner API and Login with Amazon here (no
/// real peer can run on this machine). It serves the recorded SP-API responses of the
/// amazon-sp-api mapping's sample, refuses the first access token it issued as expired, throttles
/// the first accepted request with 429, and splits the orders over two pages with NextToken.
final class FakeSellingPartnerAPI: Sendable {
    let requests = Mutex<[(path: String, query: String, token: String)]>([])
    let tokenRequests = Mutex<[String]>([])
    let sample: Data

    init(sample: Data) {
        self.sample = sample
    }

    /// `order` (the getOrder body) or `orderItems` (the getOrderItems body) of the combined sample.
    func recorded(_ key: String) -> [String: Any] {
        let combined = (try? JSONSerialization.jsonObject(with: sample)) as? [String: Any]
        return combined?[key] as? [String: Any] ?? [:]
    }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("/auth/o2/token") { request, _ -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 10_000))
            let issued = self.tokenRequests.withLock {
                $0.append(form)
                return $0.count
            }
            guard form.contains("grant_type=refresh_token"), form.contains("refresh_token=Atzr%7Crefresh") else {
                return Response(status: .badRequest)
            }
            return Self.json(["access_token": "Atza|token-\(issued)", "token_type": "bearer", "expires_in": 3600])
        }
        router.get("/orders/v0/orders") { request, _ -> Response in
            if request.headers[HTTPField.Name("x-amz-access-token")!] == "Atza|token-1" {
                return Response(status: .forbidden)  // the first token has "expired"
            }
            let count = self.record(request)
            if count == 1 {
                return Response(status: .tooManyRequests, headers: [.retryAfter: "0"])
            }
            var payload = self.recorded("order")["payload"] as? [String: Any] ?? [:]
            let nextToken = request.uri.queryParameters.get("NextToken")
            if nextToken == nil {
                payload["AmazonOrderId"] = "303-0000001-0000001"
                payload["LastUpdateDate"] = "2026-11-28T10:00:00Z"
                return Self.json(["payload": ["Orders": [payload], "NextToken": "page+2/=="]])
            }
            guard nextToken == "page+2/==" else { return Response(status: .badRequest) }
            payload["AmazonOrderId"] = "303-0000002-0000002"
            payload["LastUpdateDate"] = "2026-11-28T11:30:00Z"
            return Self.json(["payload": ["Orders": [payload]]])
        }
        router.get("/orders/v0/orders/:id/orderItems") { request, context -> Response in
            _ = self.record(request)
            var payload = self.recorded("orderItems")["payload"] as? [String: Any] ?? [:]
            payload["AmazonOrderId"] = context.parameters.get("id") ?? ""
            return Self.json(["payload": payload])
        }
        return router
    }

    private func record(_ request: Request) -> Int {
        requests.withLock {
            $0.append(
                (
                    request.uri.path, request.uri.query ?? "",
                    request.headers[HTTPField.Name("x-amz-access-token")!] ?? ""
                )
            )
            return $0.filter { $0.path == "/orders/v0/orders" }.count
        }
    }

    static func json(_ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

@Suite("Amazon SP-API poller against a local stand-in", .serialized, .timeLimit(.minutes(2)))
struct AmazonOrdersPollerTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("Follows NextToken, backs off on 429, publishes each order once, and resumes from its checkpoint")
    func pollsPagesAndResumes() async throws {
        let logger = {
            var logger = Logger(label: "amazon-test")
            logger.logLevel = .critical
            return logger
        }()
        let catalog = try MappingCatalog(directory: Self.repositoryRoot.appendingPathComponent("mappings").path)
        let mapping = try #require(catalog.mapping(named: "amazon-sp-api"))
        let samples = Self.repositoryRoot.appendingPathComponent("mappings/amazon-sp-api/samples")
        let sampleName = try #require(
            try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted()
                .first { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }
        )
        let amazon = FakeSellingPartnerAPI(sample: try Data(contentsOf: samples.appendingPathComponent(sampleName)))

        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        for topic in KontorTopics.all { try cluster.createTopic(topic.name, partitions: topic.partitions) }
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: logger
        )
        let store = try SQLiteStore(
            path: FileManager.default.temporaryDirectory.appendingPathComponent("amazon-\(UUID().uuidString)/k.sqlite")
                .path
        )

        try await withLocalServer(amazon.router) { base in
            let instance = ConnectorInstance(
                name: "amazon-test",
                type: .amazonSPAPI,
                enabled: true,
                mapping: "amazon-sp-api",
                file: "test",
                amazon: ConnectorInstance.AmazonPolling(
                    endpoint: base,
                    marketplaceIDs: ["A1PA6795UKMFR9"],
                    accessTokenEnvironmentVariable: "T",
                    initialBackoff: .milliseconds(10)
                )
            )
            let credentials = AmazonCredentials.loginWithAmazon(
                tokenEndpoint: "\(base)/auth/o2/token",
                clientID: "amzn1.application-oa2-client.1",
                clientSecret: "s3cret",
                refreshToken: "Atzr|refresh"
            )
            let poller = AmazonOrdersPoller(
                instance: instance,
                mapping: mapping,
                credentials: credentials,
                publisher: OrderPublisher(producer: producer, logger: logger),
                quarantine: QuarantineWriter(producer: producer, logger: logger),
                state: store,
                logger: logger
            )

            // A fixed starting point: without a checkpoint the poller looks back from now, which would pass the
            // stand-in's update times as the calendar moves on.
            try await store.saveCheckpoint(connector: "amazon-test", value: "2026-11-01T00:00:00Z")
            let first = try await poller.pollOnce()
            #expect(first.pages == 2)
            #expect(first.ordersPublished == 2)
            #expect(first.throttledRetries == 1)
            #expect(first.checkpoint == "2026-11-28T11:30:00Z")
            let requests = amazon.requests.withLock { $0 }
            // The first token was refused once; a fresh one from Login with Amazon was used from then on.
            #expect(amazon.tokenRequests.withLock { $0.count } == 2)
            #expect(requests.allSatisfy { $0.token == "Atza|token-2" })
            // The token survives the trip: '+' must be percent-encoded or the server reads a space.
            #expect(requests.contains { $0.query.contains("NextToken=page%2B2") })
            #expect(
                requests.contains {
                    $0.query.contains("LastUpdatedAfter=") && $0.query.contains("MarketplaceIds=A1PA6795UKMFR9")
                }
            )
            #expect(requests.filter { $0.path.hasSuffix("/orderItems") }.count == 2)

            // The next poll starts at the saved checkpoint; the same order states give the same event ids.
            let second = try await poller.pollOnce()
            #expect(second.ordersPublished == 2)
            let afterQuery =
                amazon.requests.withLock { $0 }.last { $0.query.contains("LastUpdatedAfter=") }?.query ?? ""
            #expect(
                afterQuery.contains("LastUpdatedAfter=2026-11-28T11%3A30%3A00Z")
                    || afterQuery.contains("LastUpdatedAfter=2026-11-28T11:30:00Z")
            )
        }

        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: "check"),
            topics: [KontorTopics.orderReceived],
            logger: logger
        )
        var received: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while received.count < 4, ContinuousClock.now < deadline {
            received += try await consumer.poll(maxWait: .seconds(1)) ?? []
        }
        await consumer.close()
        #expect(received.count == 4)
        let events = try received.map { try CanonicalJSON.decodeEvent(OrderReceived.self, from: $0.value) }
        #expect(Set(events.map(\.id)).count == 2, "re-polled orders keep their event ids")
        #expect(Set(events.map { $0.data.order.orderNumber }) == ["303-0000001-0000001", "303-0000002-0000002"])
        #expect(events.allSatisfy { $0.source.rawValue == "/kontor/ingest/amazon-test" })
        await producer.shutdown()
        cluster.shutdown()
    }
}
