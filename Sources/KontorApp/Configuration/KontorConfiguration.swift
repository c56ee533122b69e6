import Foundation
import KontorConnectors
import KontorKafka
import KontorNotifications
import KontorServer
import KontorStore
import KontorWorkers
import Logging

/// Everything `kontor run` can be told. Sources, weakest first: built-in defaults, the YAML
/// file, environment variables, command-line flags. Every key is listed in ``ConfigurationKeys``
/// and in the README.
public struct KontorConfiguration: Sendable {
    public enum Role: String, Sendable, CaseIterable {
        /// The HTTP edge: order ingest, health and readiness.
        case ingest
        /// The pipeline workers named in `workers.enabled`.
        case workers
    }

    public var httpHost = "127.0.0.1"
    public var httpPort = 8080
    public var stateDirectory = ".kontor"
    /// An SQLite file path or a `postgres://` URL; nil is `<stateDirectory>/kontor.sqlite`.
    public var storeURL: String?
    /// CSV files (`catalog.csv`, `locations.csv`, `stock.csv`) loaded when the store has no locations yet.
    public var seedDirectory: String? = "seed"
    /// Connector instance files (`*.yaml`).
    public var connectorsDirectory = "connectors"
    /// Declarative mappings (`<name>/mapping.yaml`).
    public var mappingsDirectory = "mappings"
    public var logLevel: Logger.Level = .info
    public var roles: Set<Role> = Set(Role.allCases)

    /// External Kafka bootstrap servers; nil runs the embedded cluster.
    public var kafkaBrokers: String?
    public var embeddedBrokers = 3
    /// Replication factor for topics Kontor creates on an external cluster.
    public var topicReplicationFactor = 1
    public var lingerMilliseconds: Int64 = 5
    public var batchMessages = 10_000
    public var messageTimeoutMilliseconds: Int64 = 120_000
    public var fetchWaitMaxMilliseconds: Int64 = 10
    public var consumerMaxBatch = 500
    public var sessionTimeoutMilliseconds: Int64 = 10_000
    public var autoCommitIntervalMilliseconds: Int64 = 1000
    /// Raw librdkafka properties for every client, applied last.
    public var librdkafka: [String: String] = [:]

    public var ingest = IngestConfiguration()

    /// Workers this process runs when it has the `workers` role.
    public var enabledWorkers: [String] = [
        ValidationHandler.stageName, AllocationHandler.stageName, ProjectionHandler.stageName,
        FulfillmentHandler.stageName, WMSPushHandler.stageName,
        ReturnsHandler.stageName,
        TrackingHandler.stageName,
        NotificationHandler.stageName,
    ]
    /// When delay detection flags an order (`tracking.delay.*`).
    public var delayRules = DelayRules()
    /// How often delay detection looks (`tracking.delay.checkIntervalSeconds`).
    public var delayCheckInterval: Duration = .seconds(60)
    /// The allocation worker's routing policy (YAML); a missing file means the built-in defaults.
    public var allocationPolicyPath = "connectors/allocation/routing.yaml"
    /// Carriers, services and prices for carrier selection (`shipping.rates`, read by `CarrierRateTableLoader`).
    public var shippingRatesPath = "connectors/carriers/rates.yaml"
    /// Grams per piece for carrier selection when the catalog has no weight for a SKU
    /// (`shipping.defaultPieceWeightGrams`).
    public var shippingDefaultPieceWeightGrams = 500
    /// Carrier pickups booked by Kontor (`shipping.pickups.*`).
    public var pickups = PickupSettings()
    /// The notification worker's settings (YAML): templates, brands, languages, SMTP, webhooks.
    public var notificationsPath = "connectors/notifications/notifications.yaml"
    /// Replaces the SMTP URL of ``notificationsPath`` when set; empty turns e-mail off.
    public var notificationsSMTPURL: String?
    /// A notification a stopped process left mid-send: not sent again, or sent again (`notifications.uncertain`).
    public var notificationsUncertain = UncertainNotificationPolicy.skip
    public var retry = RetryPolicy()
    /// Per-stage changes to ``retry`` (`workers.<stage>.retry.*`), by stage name; see ``retryPolicy(stage:)``.
    public var stageRetry: [String: StageRetryOverride] = [:]
    /// When the validation worker holds an order for review (`validation.review.*`).
    public var reviewRules = ReviewRules()
    /// When unfinished orders are published again at startup (`pipeline.redriveOnStart`).
    public var redriveOnStart = RedriveOnStart.embedded
    /// Who may call the HTTP API (`auth.*`).
    public var auth = AuthConfiguration()
    /// When returns are accepted and their labels' carrier (`returns.*`).
    public var returns = ReturnPolicy()

    public init() {}

    public var isEmbedded: Bool { kafkaBrokers == nil }

    public func producerConfiguration(bootstrapServers: String) -> KafkaProducerConfiguration {
        var configuration = KafkaProducerConfiguration(bootstrapServers: bootstrapServers)
        configuration.linger = .milliseconds(lingerMilliseconds)
        configuration.batchMessages = batchMessages
        configuration.messageTimeout = .milliseconds(messageTimeoutMilliseconds)
        configuration.overrides = librdkafka
        return configuration
    }

    public func consumerConfiguration(bootstrapServers: String, groupID: String) -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: groupID)
        configuration.fetchWaitMax = .milliseconds(fetchWaitMaxMilliseconds)
        configuration.maxBatchSize = consumerMaxBatch
        configuration.sessionTimeout = .milliseconds(sessionTimeoutMilliseconds)
        configuration.autoCommitInterval =
            autoCommitIntervalMilliseconds > 0 ? .milliseconds(autoCommitIntervalMilliseconds) : nil
        configuration.overrides = librdkafka
        return configuration
    }

    /// The store to open: ``storeURL`` or the SQLite file in the state folder.
    public func storeConfiguration() throws -> StoreConfiguration {
        guard let storeURL else {
            return .sqlite(path: URL(fileURLWithPath: stateDirectory).appendingPathComponent("kontor.sqlite").path)
        }
        return try StoreConfiguration(parsing: storeURL)
    }
}
