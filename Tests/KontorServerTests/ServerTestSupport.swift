import Foundation
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorMapping
import KontorModel
import KontorServer
import KontorStore
import KontorTestSupport
import KontorWorkers
import Logging
import Prometheus
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real Kontor HTTP API on loopback: real SQLite store, embedded Kafka cluster, shared producer.
struct ServerFixture: Sendable {
    let store: SQLiteStore
    let cluster: EmbeddedKafkaCluster
    let producer: KafkaProducer
    /// The fixture's own registry (the process-wide one is for `kontor run`).
    let metrics = PrometheusCollectorRegistry()

    static let logger: Logger = {
        var logger = Logger(label: "kontor.server.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["KONTOR_TEST_LOG"] == "1" ? .debug : .critical
        return logger
    }()

    /// The repository root: three levels above this file.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `body` with the base URL of a server offering every route group, checking access with `access`;
    /// `serverLogger` receives the HTTP server's log.
    static func run(
        access: AccessControl = .disabled,
        serverLogger: Logger? = nil,
        _ body: @Sendable (ServerFixture, String) async throws -> Void
    ) async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        for topic in KontorTopics.all {
            try cluster.createTopic(topic.name, partitions: topic.partitions)
        }
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: logger
        )
        let store = try SQLiteStore(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("kontor-server-\(UUID().uuidString)/kontor.sqlite").path
        )
        let fixture = ServerFixture(store: store, cluster: cluster, producer: producer)
        do {
            try await withLocalServer(try fixture.router(access: access), logger: serverLogger) { base in
                try await body(fixture, base)
            }
        } catch {
            await producer.shutdown()
            cluster.shutdown()
            throw error
        }
        await producer.shutdown()
        cluster.shutdown()
    }

    /// The router `kontor run` builds, with one webhook endpoint and B2B documents.
    func router(access: AccessControl = .disabled) throws -> Router<BasicRequestContext> {
        let publisher = OrderPublisher(producer: producer, progressStore: store, logger: Self.logger)
        let quarantine = QuarantineWriter(producer: producer, logger: Self.logger)
        return KontorRouter.make(
            ingest: OrderIngest(publisher: publisher, quarantine: quarantine),
            configuration: IngestConfiguration(),
            load: NoPipelineLoad(),
            readiness: [ReadinessCheck(name: "kafka") { true }],
            webhooks: [
                WebhookEndpoint(connector: "shopify", path: "/v1/webhooks/shopify", state: .unavailable(reason: "test"))
            ],
            documents: B2BInbound(
                processor: B2BDocumentProcessor(
                    partners: TradingPartnerDirectory([]),
                    catalog: try MappingCatalog(directory: Self.repositoryRoot.appendingPathComponent("mappings").path)
                ) { _ in 1 },
                publisher: publisher,
                logger: Self.logger
            ),
            quarantine: quarantine,
            inventory: store,
            orders: OrderAPI(store: store, producer: producer, logger: Self.logger, returns: store, shipments: store),
            receipts: store,
            metrics: metrics,
            access: access,
            deadLetters: DeadLetterOperations(store: store, producer: producer),
            dashboard: DashboardSources(
                orders: store,
                deadLetters: store,
                consumerLag: { ["kontor-validation": 3] },
                connectors: [
                    DashboardConnector(name: "shopify", type: "shopify", state: "unavailable", detail: "test")
                ],
                activity: Self.connectorActivity,
                streamInterval: .milliseconds(50)
            ),
            returns: ReturnAPI(store: store, producer: producer, logger: Self.logger, quarantine: quarantine),
            shipments: InMemoryShipmentDocuments.sample,
            tracking: TrackingIngest(
                catalog: try MappingCatalog(directory: Self.repositoryRoot.appendingPathComponent("mappings").path),
                producer: producer,
                quarantine: quarantine,
                environment: [TrackingSignatures.environmentVariable(for: "easypost"): Self.trackingSecret]
            ),
            wmsConfirmations: WMSConfirmationIntake(
                reader: try WarehouseConfirmationReader(
                    mappingsDirectory: Self.repositoryRoot.appendingPathComponent("mappings").path
                ),
                producer: producer,
                quarantine: quarantine,
                tasks: store
            ),
            pickups: store
        )
    }

    /// The EasyPost webhook secret of the fixture's tracking route.
    static let trackingSecret = "easypost-test-secret"

    /// The connectors' activity the dashboard shows: three orders and one refused delivery of `shopify`.
    static let connectorActivity: ConnectorActivity = {
        let activity = ConnectorActivity()
        activity.accepted("shopify", orders: 3, at: Date(timeIntervalSince1970: 1_764_403_200))
        activity.failed("shopify", reason: "bad signature", at: Date(timeIntervalSince1970: 1_764_403_260))
        return activity
    }()

    /// A canonical order with its id assigned.
    static func order(
        number: String,
        channel: String = "web",
        buyer: String = "C-100",
        name: String = "Erika Mustermann"
    )
        throws -> CanonicalOrder
    {
        let json = orderJSON(number: number, channel: channel, buyer: buyer, name: name)
        return try CanonicalJSON.decodeOrder(from: Data(json.utf8)).assigningID()
    }

    /// The JSON of a canonical order, as a shop would post it.
    static func orderJSON(
        number: String,
        channel: String = "web",
        buyer: String = "C-100",
        name: String = "Erika Mustermann"
    ) -> String {
        """
        {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"\(channel)","orderDate":"2026-11-28",
         "currency":"EUR","buyer":{"id":"\(buyer)","name":"\(name)"},
         "shipTo":{"name":"\(name)","street":"Heidestraße 17","city":"Köln","postalCode":"51147","country":"DE"},
         "lines":[{"lineNumber":"1","sku":"SKU-1","quantity":"2","unitOfMeasure":"C62","unitPrice":"9.95"}],
         "totals":{"grandTotal":"19.90"}}
        """
    }

    /// Writes `order` into the read model as received, then, with `status`, sets that status as a later stage would.
    @discardableResult
    func project(_ order: CanonicalOrder, status: OrderStatus? = nil) async throws -> OrderRecord {
        let event = ProjectedEvent(
            eventID: .random(),
            type: OrderEventType.received,
            time: .now(),
            orderID: order.id!,
            step: .receive,
            stage: "ingest",
            order: order
        )
        var record = try #require(try await OrderProjector(store: store).project(event).record)
        if let status {
            record.status = status.rawValue
            record = try await store.saveOrder(record, expectedVersion: record.version)
        }
        return record
    }
}

/// Real HTTP requests.
enum HTTP {
    /// A session without a cookie store: cookies are sent only when a test sets them, so one test's session cookie
    /// (cookies ignore the port) never reaches another test's server.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration)
    }()

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func request(
        _ method: String,
        _ url: String,
        body: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var replyHeaders: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            replyHeaders[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, headers: replyHeaders, body: data)
    }

    static func get(_ url: String) async throws -> Reply {
        try await request("GET", url)
    }
}
