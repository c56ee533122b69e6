import Foundation
import KontorModel
import KontorNotifications
import KontorServer
import KontorWorkers
import Logging

/// A configuration problem, naming the key, where it came from and what is wrong.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The table of every configuration key: its YAML path, its environment variable and how it
/// sets ``KontorConfiguration``. YAML keys are dotted paths (`http.port` is `http: {port: ...}`);
/// each key's environment variable is `KONTOR_` plus the path in upper snake case.
public enum ConfigurationKeys {
    struct Key: Sendable {
        let path: String
        let summary: String
        let apply: @Sendable (inout KontorConfiguration, String) throws -> Void

        /// `kafka.embeddedBrokers` → `KONTOR_KAFKA_EMBEDDED_BROKERS`; a hyphen (`workers.wms-push.…`) becomes `_` too, so
        /// a shell can set it.
        var environmentVariable: String {
            var name = "KONTOR_"
            for character in path {
                if character == "." || character == "-" {
                    name.append("_")
                } else if character.isUppercase {
                    name.append("_")
                    name.append(character)
                } else {
                    name.append(character.uppercased())
                }
            }
            return name
        }
    }

    /// Every key: the general ones and each stage's `workers.<stage>.retry.*`.
    static let all: [Key] = general + stageRetryKeys + trackingKeys + pickupKeys

    static let general: [Key] = [
        Key(path: "http.host", summary: "Address the HTTP server binds to (default 127.0.0.1)") { $0.httpHost = $1 },
        Key(path: "http.port", summary: "HTTP port; 0 picks a free one (default 8080)") {
            $0.httpPort = try int($1, "http.port", in: 0...65535)
        },
        Key(path: "stateDirectory", summary: "Folder for the store and runtime files (default .kontor)") {
            $0.stateDirectory = $1
        },
        Key(
            path: "store.url",
            summary: "The store: an SQLite file or a postgres:// URL (default <stateDirectory>/kontor.sqlite)"
        ) {
            $0.storeURL = $1.isEmpty ? nil : $1
        },
        Key(
            path: "seed.directory",
            summary: "Demo catalog, locations and stock loaded into an empty store; empty = none (default seed)"
        ) {
            $0.seedDirectory = $1.isEmpty ? nil : $1
        },
        Key(path: "connectors.directory", summary: "Folder of connector instance files (default connectors)") {
            $0.connectorsDirectory = $1
        },
        Key(path: "mappings.directory", summary: "Folder of declarative mappings (default mappings)") {
            $0.mappingsDirectory = $1
        },
        Key(path: "log.level", summary: "trace, debug, info, notice, warning, error or critical (default info)") {
            guard let level = Logger.Level(rawValue: $1.lowercased()) else {
                throw ConfigurationError("log.level: '\($1)' is not a log level (trace ... critical)")
            }
            $0.logLevel = level
        },
        Key(path: "roles", summary: "What this process runs: ingest, workers, or both (default both)") {
            var roles: Set<KontorConfiguration.Role> = []
            for name in list($1) {
                guard let role = KontorConfiguration.Role(rawValue: name) else {
                    throw ConfigurationError("roles: unknown role '\(name)' (ingest, workers)")
                }
                roles.insert(role)
            }
            $0.roles = roles
        },
        Key(path: "kafka.brokers", summary: "External Kafka bootstrap servers; unset runs the embedded cluster") {
            $0.kafkaBrokers = $1.isEmpty ? nil : $1
        },
        Key(path: "kafka.embeddedBrokers", summary: "Brokers of the embedded cluster (default 3)") {
            $0.embeddedBrokers = try int($1, "kafka.embeddedBrokers", in: 1...9)
        },
        Key(
            path: "kafka.topicReplicationFactor",
            summary: "Replication of topics created on external Kafka (default 1)"
        ) {
            $0.topicReplicationFactor = try int($1, "kafka.topicReplicationFactor", in: 1...9)
        },
        Key(path: "kafka.producer.lingerMs", summary: "Producer batching delay, linger.ms (default 5)") {
            $0.lingerMilliseconds = Int64(try int($1, "kafka.producer.lingerMs", in: 0...900_000))
        },
        Key(
            path: "kafka.producer.batchMessages",
            summary: "Messages per produce batch, batch.num.messages (default 10000)"
        ) {
            $0.batchMessages = try int($1, "kafka.producer.batchMessages", in: 1...1_000_000)
        },
        Key(path: "kafka.producer.messageTimeoutMs", summary: "Delivery deadline incl. retries (default 120000)") {
            $0.messageTimeoutMilliseconds = Int64(try int($1, "kafka.producer.messageTimeoutMs", in: 1000...3_600_000))
        },
        Key(
            path: "kafka.consumer.fetchWaitMaxMs",
            summary: "Broker wait on an empty fetch, fetch.wait.max.ms (default 10)"
        ) {
            $0.fetchWaitMaxMilliseconds = Int64(try int($1, "kafka.consumer.fetchWaitMaxMs", in: 0...10_000))
        },
        Key(path: "kafka.consumer.maxBatch", summary: "Messages a worker takes per batch (default 500)") {
            $0.consumerMaxBatch = try int($1, "kafka.consumer.maxBatch", in: 1...100_000)
        },
        Key(path: "kafka.consumer.sessionTimeoutMs", summary: "Group session timeout (default 10000)") {
            $0.sessionTimeoutMilliseconds = Int64(try int($1, "kafka.consumer.sessionTimeoutMs", in: 1000...300_000))
        },
        Key(
            path: "kafka.consumer.autoCommitIntervalMs",
            summary: "Commit interval of processed offsets; 0 = on close only (default 1000)"
        ) {
            $0.autoCommitIntervalMilliseconds = Int64(
                try int($1, "kafka.consumer.autoCommitIntervalMs", in: 0...600_000)
            )
        },
        Key(path: "ingest.maxBodyBytes", summary: "Larger request bodies get 413 (default 1048576)") {
            $0.ingest.maxBodyBytes = try int($1, "ingest.maxBodyBytes", in: 1...1_073_741_824)
        },
        Key(path: "ingest.maxPipelineLag", summary: "Backlog (messages) above which ingest answers 503 (default 20000)")
        {
            $0.ingest.maxPipelineLag = Int64(try int($1, "ingest.maxPipelineLag", in: 1...Int.max))
        },
        Key(path: "ingest.retryAfterSeconds", summary: "Retry-After sent with 503 (default 5)") {
            $0.ingest.retryAfterSeconds = try int($1, "ingest.retryAfterSeconds", in: 1...3600)
        },
        Key(path: "workers.enabled", summary: "Workers this process runs (default validation, allocation)") {
            let names = list($1)
            for name in names where !KontorWorkerCatalog.names.contains(name) {
                throw ConfigurationError(
                    "workers.enabled: unknown worker '\(name)' (\(KontorWorkerCatalog.names.joined(separator: ", ")))"
                )
            }
            $0.enabledWorkers = names
        },
        Key(path: "workers.retry.maxAttempts", summary: "Attempts before a message is dead-lettered (default 5)") {
            $0.retry.maxAttempts = try int($1, "workers.retry.maxAttempts", in: 1...1000)
        },
        Key(path: "workers.retry.initialBackoffMs", summary: "First retry delay (default 100)") {
            $0.retry.initialBackoff = .milliseconds(try int($1, "workers.retry.initialBackoffMs", in: 0...600_000))
        },
        Key(path: "workers.retry.maxBackoffMs", summary: "Longest retry delay (default 5000)") {
            $0.retry.maxBackoff = .milliseconds(try int($1, "workers.retry.maxBackoffMs", in: 0...3_600_000))
        },
        Key(path: "workers.retry.retryable", summary: "Error classes retried: transient, unexpected (default both)") {
            $0.retry.retryable = try retryableClasses($1, "workers.retry.retryable")
        },
        Key(
            path: "validation.review.orderValueOver",
            summary: "Hold orders above these totals, e.g. 'EUR 10000, GBP 8500'; empty = never (default EUR/CHF/USD "
                + "10000, GBP 8500)"
        ) {
            do {
                $0.reviewRules.orderValueOver = try ReviewRules.parseThresholds($1)
            } catch {
                throw ConfigurationError("validation.review.orderValueOver: \(error)")
            }
        },
        Key(
            path: "validation.review.priceDeviationPercent",
            summary: "Hold orders whose prices deviate more from the list price; 0 = off (default 25)"
        ) {
            let percent = try int($1, "validation.review.priceDeviationPercent", in: 0...10_000)
            $0.reviewRules.priceDeviationPercent = percent == 0 ? nil : DecimalAmount(percent)
        },
        Key(
            path: "validation.duplicateWindowHours",
            summary: "Hold an order equal to another seen this many hours before; 0 = off (default 72)"
        ) {
            $0.reviewRules.duplicateWindowHours = try int($1, "validation.duplicateWindowHours", in: 0...8760)
        },
        Key(
            path: "allocation.policy",
            summary: "Routing policy file of the allocation worker (default connectors/allocation/routing.yaml)"
        ) {
            $0.allocationPolicyPath = $1
        },
        Key(
            path: "shipping.rates",
            summary: "Carriers, services and prices for carrier selection (default connectors/carriers/rates.yaml)"
        ) {
            $0.shippingRatesPath = $1
        },
        Key(
            path: "shipping.defaultPieceWeightGrams",
            summary: "Grams per piece for carrier selection when the catalog has no weight (default 500)"
        ) {
            $0.shippingDefaultPieceWeightGrams = try int($1, "shipping.defaultPieceWeightGrams", in: 1...1_000_000)
        },
        Key(
            path: "notifications.file",
            summary: "Notification worker's settings (default connectors/notifications/notifications.yaml)"
        ) {
            $0.notificationsPath = $1
        },
        Key(
            path: "notifications.smtpUrl",
            summary: "SMTP server for customer e-mail, overriding the file's; empty = off"
        ) {
            $0.notificationsSMTPURL = $1
        },
        Key(
            path: "notifications.uncertain",
            summary: "A notification interrupted mid-send by a crash: skip (never a duplicate) or resend (default skip)"
        ) {
            guard
                let policy = UncertainNotificationPolicy(rawValue: $1.trimmingCharacters(in: .whitespaces).lowercased())
            else {
                throw ConfigurationError("notifications.uncertain: '\($1)' is not one of skip, resend")
            }
            $0.notificationsUncertain = policy
        },
        Key(
            path: "pipeline.redriveOnStart",
            summary: "Publish unfinished orders again at startup: embedded, always or never (default embedded)"
        ) {
            guard let mode = RedriveOnStart(rawValue: $1.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ConfigurationError("pipeline.redriveOnStart: '\($1)' is not one of embedded, always, never")
            }
            $0.redriveOnStart = mode
        },
        Key(path: "auth.enabled", summary: "Require API tokens on the HTTP API (default true)") {
            $0.auth.enabled = try AuthConfiguration.bool($1, "auth.enabled")
        },
        Key(
            path: "auth.tokensFile",
            summary: "Tokens file: name, scopes, SHA-256 (default <stateDirectory>/tokens.yaml)"
        ) {
            $0.auth.tokensFile = $1.isEmpty ? nil : $1
        },
        Key(path: "auth.tokens", summary: "More tokens, NAME:SCOPE+SCOPE:SHA256, comma-separated (default none)") {
            $0.auth.tokens = try AuthConfiguration.tokens($1)
        },
        Key(
            path: "auth.dashboardPassword",
            summary: "Hash of the dashboard password, from `kontor token password`; empty = no password login"
        ) {
            do {
                $0.auth.dashboardPassword =
                    $1.isEmpty ? nil : try PasswordHash(parsing: $1, location: "auth.dashboardPassword")
            } catch let error as AccessConfigurationError {
                throw ConfigurationError(error.message)
            }
        },
        Key(path: "auth.metricsOpen", summary: "Serve /metrics without a token (default false)") {
            $0.auth.metricsOpen = try AuthConfiguration.bool($1, "auth.metricsOpen")
        },
        Key(path: "auth.sessionMinutes", summary: "Lifetime of a dashboard session (default 480)") {
            $0.auth.sessionMinutes = try int($1, "auth.sessionMinutes", in: 1...43_200)
        },
        Key(path: "auth.secureCookie", summary: "Mark the session cookie Secure, for HTTPS (default false)") {
            $0.auth.secureCookie = try AuthConfiguration.bool($1, "auth.secureCookie")
        },
        Key(
            path: "auth.passwordFailuresPerMinute",
            summary: "Wrong dashboard passwords per minute before password login answers 429; 0 = no limit (default 10)"
        ) {
            $0.auth.passwordFailuresPerMinute = try int($1, "auth.passwordFailuresPerMinute", in: 0...10_000)
        },
        Key(
            path: "auth.tokensReloadSeconds",
            summary: "Seconds between looks at the tokens file; changes apply without a restart; 0 = off (default 5)"
        ) {
            $0.auth.tokensReloadSeconds = try int($1, "auth.tokensReloadSeconds", in: 0...86_400)
        },
        Key(path: "returns.windowDays", summary: "Days after delivery (or shipment) a return is accepted (default 30)")
        {
            $0.returns.windowDays = try int($1, "returns.windowDays", in: 0...3650)
        },
        Key(path: "returns.carrier", summary: "Return label carrier when the shipments name none (default dhl)") {
            guard !$1.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ConfigurationError("returns.carrier: a carrier name is required")
            }
            $0.returns.defaultCarrier = $1.trimmingCharacters(in: .whitespaces)
        },
    ]

    /// Raw librdkafka properties: `kafka.librdkafka.<property>` in YAML.
    static let librdkafkaPrefix = "kafka.librdkafka."

    /// Path, environment variable and summary of every key, for `kontor config` and the README.
    public static var documented: [(path: String, environmentVariable: String, summary: String)] {
        all.map { ($0.path, $0.environmentVariable, $0.summary) }
    }

    static func key(_ path: String) -> Key? {
        all.first { $0.path == path }
    }

    static func int(_ text: String, _ path: String, in range: ClosedRange<Int>) throws(ConfigurationError)
        -> Int
    {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError(
                "\(path): '\(text)' is not an integer in \(range.lowerBound)...\(range.upperBound)"
            )
        }
        return value
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
