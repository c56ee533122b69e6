import ArgumentParser
import Foundation
import KontorApp
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run Kontor: embedded Kafka (unless configured), HTTP ingest and the workers.",
        discussion: """
            Configuration comes from defaults, then a YAML file (--config, $KONTOR_CONFIG or ./kontor.yaml), \
            then KONTOR_* environment variables (and KAFKA_BROKERS), then these flags. \
            `kontor config` lists every key. SIGTERM or SIGINT drains, commits, flushes and exits 0.
            """
    )

    @Option(help: "YAML configuration file.") var config: String?
    @Option(help: "HTTP bind address.") var host: String?
    @Option(help: "HTTP port (0 picks a free port).") var port: Int?
    @Option(help: "State folder (store, runtime files).") var stateDir: String?
    @Option(help: "External Kafka bootstrap servers; without it the embedded cluster runs.") var kafkaBrokers: String?
    @Option(help: "Brokers of the embedded cluster.") var embeddedBrokers: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String?
    @Option(help: "Roles of this process: ingest, workers (repeatable; default both).") var role: [String] = []
    @Option(help: "Workers to run (repeatable; default all).") var worker: [String] = []
    @Option(name: .customLong("set"), help: "Any configuration key, as key=value (repeatable).") var settings:
        [String] = []

    func run() async throws {
        var flags: [String: String] = [:]
        for setting in settings {
            guard let equals = setting.firstIndex(of: "=") else {
                throw ValidationError("--set takes key=value, got '\(setting)'")
            }
            flags[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
        }
        if let host { flags["http.host"] = host }
        if let port { flags["http.port"] = "\(port)" }
        if let stateDir { flags["stateDirectory"] = stateDir }
        if let kafkaBrokers { flags["kafka.brokers"] = kafkaBrokers }
        if let embeddedBrokers { flags["kafka.embeddedBrokers"] = "\(embeddedBrokers)" }
        if let logLevel { flags["log.level"] = logLevel }
        if !role.isEmpty { flags["roles"] = role.joined(separator: ",") }
        if !worker.isEmpty { flags["workers.enabled"] = worker.joined(separator: ",") }

        let configuration: KontorConfiguration
        do {
            configuration = try ConfigurationLoader().load(file: config, flags: flags)
        } catch {
            throw ValidationError(error.message)
        }
        let logger = bootstrapLogging(level: configuration.logLevel)
        let application = KontorApplication(configuration: configuration, logger: logger)
        try await application.run { ready in
            var lines = ["Kontor is running."]
            if let httpAddress = ready.httpAddress {
                let routes = "POST /v1/orders, POST /v1/documents, GET /healthz, GET /readyz"
                lines.append("  HTTP:   \(httpAddress)  (\(routes))")
            }
            if let adminTokenFile = ready.adminTokenFile {
                lines.append("  Auth:   admin token in \(adminTokenFile)  (Authorization: Bearer <token>)")
            } else if ready.httpAddress != nil {
                lines.append(
                    "  Auth:   \(configuration.auth.enabled ? "tokens in \(configuration.tokensFilePath)" : "off")"
                )
            }
            let kind = configuration.isEmbedded ? "embedded, \(configuration.embeddedBrokers) brokers" : "external"
            lines.append("  Kafka:  \(ready.bootstrapServers)  (\(kind))")
            lines.append("  State:  \(configuration.stateDirectory)  (bootstrap servers in bootstrap.servers)")
            lines.append("  Topics: kcat -b \(ready.bootstrapServers) -L")
            for connector in ready.connectors {
                lines.append("  Connector \(connector)")
            }
            // Straight to the file descriptor: print() buffers when stdout is a pipe.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
