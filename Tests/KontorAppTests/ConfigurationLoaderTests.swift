import Foundation
import KontorApp
import KontorEDIFACT
import KontorKafka
import KontorModel
import KontorX12
import Logging
import Testing

@Suite("Configuration: defaults, YAML file, environment, flags")
struct ConfigurationLoaderTests {
    private func writeYAML(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-\(UUID().uuidString).yaml")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Defaults run everything embedded with latency-tuned Kafka settings")
    func defaults() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load(file: nil)
        #expect(configuration.isEmbedded)
        #expect(configuration.httpPort == 8080)
        #expect(configuration.roles == [.ingest, .workers])
        let consumer = configuration.consumerConfiguration(bootstrapServers: "b:9092", groupID: "g").properties
        #expect(consumer["fetch.wait.max.ms"] == "10")
        #expect(consumer["auto.offset.reset"] == "error")
        #expect(consumer["enable.auto.offset.store"] == "false")
        let producer = configuration.producerConfiguration(bootstrapServers: "b:9092").properties
        #expect(producer["linger.ms"] == "5")
        #expect(producer["enable.idempotence"] == "true")
        #expect(producer["acks"] == "all")
    }

    @Test("The file overrides defaults, the environment overrides the file, flags override both")
    func precedence() throws {
        let file = try writeYAML(
            """
            http:
              port: 9000
              host: 0.0.0.0
            kafka:
              consumer:
                fetchWaitMaxMs: 50
              librdkafka:
                statistics.interval.ms: "5000"
            roles: [workers]
            """
        )
        let environment = ["KONTOR_HTTP_PORT": "9100", "KAFKA_BROKERS": "kafka:9092", "KONTOR_LOG_LEVEL": "debug"]
        let configuration = try ConfigurationLoader(environment: environment)
            .load(file: file, flags: ["http.port": "9200"])
        #expect(configuration.httpPort == 9200)
        #expect(configuration.httpHost == "0.0.0.0")
        #expect(configuration.kafkaBrokers == "kafka:9092")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.fetchWaitMaxMilliseconds == 50)
        #expect(configuration.roles == [.workers])
        #expect(configuration.librdkafka == ["statistics.interval.ms": "5000"])
        #expect(
            configuration.consumerConfiguration(bootstrapServers: "x", groupID: "g").properties[
                "statistics.interval.ms"
            ]
                == "5000"
        )
    }

    @Test("Unknown keys and bad values are refused, naming the source and the key")
    func errors() throws {
        let typo = try writeYAML("http:\n  prot: 9000\n")
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(file: typo)
        } throws: { error in
            "\(error)".contains(typo) && "\(error)".contains("unknown configuration key 'http.prot'")
        }
        #expect {
            _ = try ConfigurationLoader(environment: ["KONTOR_HTTP_PORT": "eighty"]).load(file: nil)
        } throws: { error in
            "\(error)".contains("$KONTOR_HTTP_PORT") && "\(error)".contains("http.port")
        }
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(file: nil, flags: ["roles": "ingest,cooking"])
        } throws: { error in
            "\(error)".contains("unknown role 'cooking'")
        }
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(file: "/nonexistent/kontor.yaml")
        } throws: { error in
            "\(error)".contains("cannot read configuration file /nonexistent/kontor.yaml")
        }
    }

    @Test("Every key has a KONTOR_ environment variable derived from its path")
    func environmentNames() {
        let names = Dictionary(
            uniqueKeysWithValues: ConfigurationKeys.documented.map { ($0.path, $0.environmentVariable) }
        )
        #expect(names["kafka.embeddedBrokers"] == "KONTOR_KAFKA_EMBEDDED_BROKERS")
        #expect(names["kafka.consumer.fetchWaitMaxMs"] == "KONTOR_KAFKA_CONSUMER_FETCH_WAIT_MAX_MS")
        #expect(names["http.port"] == "KONTOR_HTTP_PORT")
    }
}

@Suite("Benchmark documents")
struct BenchmarkDocumentTests {
    @Test("The generated X12 and EDIFACT interchanges are valid and read as orders")
    func generatedDocumentsAreValid() throws {
        let x12 = try X12Parser().parse(EDIBenchmark.x12(lines: 5, control: 7))
        #expect(X12Validator().validate(x12).groups.allSatisfy { $0.issues.isEmpty })
        #expect(try X12PurchaseOrderReader.read(try #require(x12.transactions.first)).lines.count == 5)
        let edifact = try EdifactParser.parse(EDIBenchmark.edifact(lines: 5, reference: 7))
        #expect(EdifactValidator.validate(edifact).isEmpty)
        #expect(try EdifactOrderReader.read(try #require(edifact.messages.first)).lines.count == 5)
    }
}
