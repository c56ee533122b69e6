import Foundation
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorMapping
import KontorModel
import KontorServer
import KontorStore
import KontorWorkers
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `kontor run`: the embedded cluster (unless Kafka is configured), topics, the shared producer,
/// the workers and the HTTP edge, as one ServiceGroup that shuts down in reverse order on SIGTERM:
/// HTTP stops accepting, workers finish and commit their batch, the producer flushes, the
/// embedded cluster stops last.
public struct KontorApplication: Sendable {
    public let configuration: KontorConfiguration
    let logger: Logger

    public init(configuration: KontorConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// What a started Kontor tells its caller.
    public struct Ready: Sendable {
        public var httpAddress: String?
        public var bootstrapServers: String
        public var connectors: [ConnectorStatus]
        /// The generated admin token's file, when that token is in use (see ``AccessSetup``).
        public var adminTokenFile: String? = nil
    }

    /// Runs until SIGTERM/SIGINT; `onReady` is called once everything listens.
    public func run(onReady: @escaping @Sendable (Ready) -> Void = { _ in }) async throws {
        guard configuration.isEmbedded else {
            try await runServices(bootstrapServers: configuration.kafkaBrokers!, onReady: onReady)
            return
        }
        let cluster = try EmbeddedKafkaCluster(brokers: configuration.embeddedBrokers, logger: logger)
        // The cluster stops only after runServices returned and released every client of it.
        defer { cluster.shutdown() }
        for topic in KontorTopics.all {
            try cluster.createTopic(
                topic.name,
                partitions: topic.partitions,
                replicationFactor: configuration.embeddedBrokers
            )
        }
        logger.info("embedded Kafka cluster started", metadata: ["kafka.bootstrap": "\(cluster.bootstrapServers)"])
        try await runServices(bootstrapServers: cluster.bootstrapServers, onReady: onReady)
    }

    private func runServices(
        bootstrapServers: String,
        onReady: @escaping @Sendable (Ready) -> Void
    ) async throws {
        var services: [any Service] = []
        // First, so that every counter made below reports into the registry `/metrics` shows.
        let metrics = KontorMetrics.registry
        let stateDirectory = URL(fileURLWithPath: configuration.stateDirectory)
        let admin = try KafkaAdmin(
            bootstrapServers: bootstrapServers,
            overrides: configuration.librdkafka,
            logger: logger
        )
        if !configuration.isEmbedded {
            try await provisionTopics(admin)
        }

        let producer = try KafkaProducer(
            configuration: configuration.producerConfiguration(bootstrapServers: bootstrapServers),
            logger: logger
        )
        services.append(ProducerService(producer: producer, flushTimeout: .seconds(10)))

        let workerEntries =
            configuration.roles.contains(.workers)
            ? KontorWorkerCatalog.started(configuration).compactMap(KontorWorkerCatalog.entry) : []
        let lagMonitor = PipelineLagMonitor(
            admin: admin,
            watches: KontorWorkerCatalog.entries.filter(\.feedsPipeline).map {
                .init(group: "kontor-\($0.name)", topics: $0.inputTopics)
            },
            logger: logger
        )
        services.append(lagMonitor)

        let store = try await openStore(try configuration.storeConfiguration(), logger: logger)
        if let seed = configuration.seedDirectory {
            _ = try await StoreSeeding.seedIfEmpty(store, from: seed, logger: logger)
        }
        var runtimes: [WorkerRuntime] = []
        if !workerEntries.isEmpty {
            for entry in workerEntries {
                var workerConfiguration = WorkerConfiguration(
                    stage: entry.name,
                    inputTopics: entry.inputTopics,
                    deadLetterTopic: KontorTopics.deadLetter(stage: entry.name),
                    bootstrapServers: bootstrapServers,
                    retry: configuration.retryPolicy(stage: entry.name)
                )
                workerConfiguration.pipelineStep = entry.pipelineStep
                workerConfiguration.recordsProgress = entry.recordsProgress
                workerConfiguration.consumer = configuration.consumerConfiguration(
                    bootstrapServers: bootstrapServers,
                    groupID: workerConfiguration.groupID
                )
                let runtime = WorkerRuntime(
                    handler: try entry.makeHandler(
                        KontorWorkerCatalog.Context(store: store, configuration: configuration, logger: logger)
                    ),
                    configuration: workerConfiguration,
                    producer: producer,
                    processedLog: store,
                    logger: logger
                )
                runtimes.append(runtime)
                services.append(runtime)
            }
            if workerEntries.contains(where: { $0.name == AllocationHandler.stageName }) {
                services.append(StockChangePublisher(store: store, producer: producer, logger: logger))
            }
            if workerEntries.contains(where: { $0.name == TrackingHandler.stageName }) {
                services.append(
                    DelayDetectionService(
                        detector: DelayDetector(store: store, rules: configuration.delayRules),
                        producer: producer,
                        interval: configuration.delayCheckInterval,
                        logger: logger
                    )
                )
            }
            // Carrier pickups (shipping.pickups.enabled); concurrent instances book each pickup once.
            if let pickups = try ShippingSetup.pickupService(
                store: store,
                producer: producer,
                configuration: configuration,
                logger: logger
            ) {
                services.append(pickups)
            }
        }

        let files = RuntimeFiles(directory: stateDirectory)
        if configuration.roles.contains(.ingest) {
            let connectors = try ConnectorSetup(
                instances: ConnectorInstanceLoader.loadAll(directory: configuration.connectorsDirectory),
                partners: TradingPartnerLoader.loadAll(
                    directory: (configuration.connectorsDirectory as NSString).appendingPathComponent("partners")
                ),
                catalog: MappingCatalog(directory: configuration.mappingsDirectory),
                producer: producer,
                store: store,
                progressStore: store,
                stateDirectory: stateDirectory.path,
                environment: ProcessInfo.processInfo.environment,
                logger: logger
            )
            services += connectors.services
            let statuses = connectors.statuses
            let access = try AccessSetup.prepare(configuration, sessions: store, logger: logger)
            if access.access.enabled, configuration.auth.tokensReloadSeconds > 0 {
                services.append(
                    TokenFileReloader(
                        configuration: configuration,
                        access: access.access,
                        interval: .seconds(configuration.auth.tokensReloadSeconds),
                        logger: logger
                    )
                )
            }
            let router = KontorRouter.make(
                ingest: OrderIngest(
                    publisher: OrderPublisher(producer: producer, progressStore: store, logger: logger),
                    quarantine: QuarantineWriter(producer: producer, logger: logger)
                ),
                configuration: configuration.ingest,
                load: lagMonitor,
                readiness: [ReadinessCheck(name: "kafka") { await lagMonitor.probeCluster() }],
                webhooks: connectors.endpoints,
                documents: connectors.inbound,
                quarantine: QuarantineWriter(producer: producer, logger: logger),
                inventory: store,
                orders: OrderAPI(store: store, producer: producer, logger: logger, returns: store, shipments: store),
                receipts: store,
                metrics: metrics,
                access: access.access,
                deadLetters: DeadLetterOperations(store: store, producer: producer),
                dashboard: DashboardSources(
                    orders: store,
                    deadLetters: store,
                    consumerLag: { lagMonitor.lagByGroup },
                    connectors: statuses.map {
                        DashboardConnector(name: $0.name, type: $0.type, state: $0.state, detail: $0.detail)
                    },
                    activity: .shared
                ),
                returns: ReturnAPI(
                    store: store,
                    producer: producer,
                    policy: configuration.returns,
                    logger: logger,
                    quarantine: QuarantineWriter(producer: producer, logger: logger)
                ),
                shipments: StoreShipmentDocuments(store: store),
                tracking: TrackingIngest(
                    catalog: try MappingCatalog(directory: configuration.mappingsDirectory),
                    producer: producer,
                    quarantine: QuarantineWriter(producer: producer, logger: logger)
                ),
                wmsConfirmations: WMSConfirmationIntake(
                    reader: try WarehouseConfirmationReader(mappingsDirectory: configuration.mappingsDirectory),
                    producer: producer,
                    quarantine: QuarantineWriter(producer: producer, logger: logger),
                    tasks: store
                ),
                pickups: store
            )
            let embedded = configuration.isEmbedded
            let logger = self.logger
            let app = Application(
                router: router,
                configuration: ApplicationConfiguration(
                    address: .hostname(configuration.httpHost, port: configuration.httpPort),
                    serverName: "kontor"
                ),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? 0
                    let host = channel.localAddress?.ipAddress ?? "127.0.0.1"
                    let address = "http://\(host):\(port)"
                    do {
                        try files.write(httpAddress: address, bootstrapServers: bootstrapServers, embedded: embedded)
                    } catch {
                        logger.error("cannot write runtime files: \(error)")
                    }
                    onReady(
                        Ready(
                            httpAddress: address,
                            bootstrapServers: bootstrapServers,
                            connectors: statuses,
                            adminTokenFile: access.adminTokenFile
                        )
                    )
                },
                logger: logger
            )
            services.append(app)
        } else {
            try files.write(httpAddress: nil, bootstrapServers: bootstrapServers, embedded: configuration.isEmbedded)
            onReady(Ready(httpAddress: nil, bootstrapServers: bootstrapServers, connectors: []))
        }

        if configuration.redriveOnStart.applies(embeddedCluster: configuration.isEmbedded) {
            // Before workers and edges start: the pipeline continues where it stopped.
            _ = try await redrive(
                from: store,
                producer: producer,
                consumers: KontorWorkerCatalog.consumers(of: KontorWorkerCatalog.started(configuration)),
                logger: logger
            )
        }

        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        logger.info(
            "kontor stopped",
            metadata: ["kontor.processed": "\(runtimes.map(\.metrics.snapshot.processed).reduce(0, +))"]
        )
    }

    /// Creates missing topics on an external cluster.
    private func provisionTopics(_ admin: KafkaAdmin) async throws {
        let existing = Set(try await admin.listTopics().map(\.name))
        let missing = KontorTopics.all.filter { !existing.contains($0.name) }
        guard !missing.isEmpty else { return }
        try await admin.createTopics(
            missing.map {
                KafkaTopicSpec(
                    name: $0.name,
                    partitions: $0.partitions,
                    replicationFactor: configuration.topicReplicationFactor
                )
            }
        )
        logger.info("topics created", metadata: ["kafka.topics": "\(missing.map(\.name))"])
    }
}
