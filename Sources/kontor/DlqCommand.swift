import ArgumentParser
import Foundation
import KontorApp
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging

/// `kontor dlq list|show|replay|purge`: the dead letters indexed in the configured store.
struct DlqCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List, show, replay or purge dead letters.",
        discussion: """
            Works on the store `kontor run` uses (store.url, else <stateDirectory>/kontor.sqlite). A replay \
            publishes to the Kafka of the `kontor run` that owns the state folder, else to kafka.brokers. Replays \
            and purges are written to the audit log.
            """,
        subcommands: [List.self, Show.self, Replay.self, Purge.self]
    )

    /// Where the store is.
    struct StoreOptions: ParsableArguments {
        @Option(help: "YAML configuration file.") var config: String?
        @Option(help: "State folder (store, runtime files).") var stateDir: String?
        @Option(help: "An SQLite file or a postgres:// URL, overriding the configuration.") var store: String?

        func load() throws -> KontorConfiguration {
            var flags: [String: String] = [:]
            if let stateDir { flags["stateDirectory"] = stateDir }
            if let store { flags["store.url"] = store }
            do {
                return try ConfigurationLoader().load(file: config, flags: flags)
            } catch {
                throw ValidationError(error.message)
            }
        }

        /// Runs `body` with the opened store, closing it afterwards.
        func withStore<T>(_ body: (KontorConfiguration, any KontorStoreBackend) async throws -> T) async throws -> T {
            let configuration = try load()
            let backend = try await openStore(try configuration.storeConfiguration())
            do {
                let result = try await body(configuration, backend)
                await backend.close()
                return result
            } catch {
                await backend.close()
                throw error
            }
        }
    }

    /// Which dead letters.
    struct Filters: ParsableArguments {
        @Option(help: "Only this stage's, e.g. validation.") var stage: String?
        @Option(help: "Only those that last failed at or after this RFC 3339 time or date.") var since: String?
        @Option(help: "Only those whose error message or class contains this text.") var error: String?
        @Option(help: "Only those in this status: open, replayed or purged.") var status: String?

        func query() throws -> DeadLetterQuery {
            do {
                return try DeadLetterFilter.query(stage: stage, since: since, error: error, status: status)
            } catch {
                throw ValidationError("--\(error.parameter): \(error.message)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, newest failure first.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filters: Filters
        @Flag(help: "Print a JSON array instead of a table.") var json = false

        func run() async throws {
            let query = try filters.query()
            let records = try await storeOptions.withStore { _, store in
                try await DeadLetterOperations(store: store, producer: nil).select(query)
            }
            if json {
                printJSON(records.map(DeadLetterJSON.summary))
                return
            }
            print(["ID", "STAGE", "STATUS", "ATTEMPTS", "LAST FAILURE", "ERROR"].joined(separator: "\t"))
            for record in records {
                print(
                    [
                        record.id, record.stage, record.status.rawValue, "\(record.attempts)",
                        record.lastFailure.rfc3339String, "\(record.errorClass): \(record.errorMessage.prefix(80))",
                    ].joined(separator: "\t")
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one dead letter as JSON: headers, payload (text if UTF-8, else base64)."
        )
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The dead letter's id.") var id: String

        func run() async throws {
            let record = try await storeOptions.withStore { _, store in try await store.deadLetter(id: id) }
            guard let record else { fail("no dead letter with id '\(id)'") }
            printJSON(DeadLetterJSON.detail(record))
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish dead letters again (the open ones the filters select, or those named by --id).",
            discussion: """
                The replayed message keeps its payload, key, headers and event id, so a stage that already \
                processed it skips it; one that fails it again dead-letters it with its attempts counted on.
                """
        )
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filters: Filters
        @Option(name: .customLong("id"), help: "A dead letter's id (repeatable).") var ids: [String] = []
        @Flag(help: "Publish to the topic the stage consumed it from (the default).") var toOriginal = false
        @Option(help: "Publish to this topic instead.") var to: String?
        @Flag(help: "Only show what would be replayed.") var dryRun = false
        @Option(help: "Who replays, for the audit log (default $USER).") var actor: String?

        func validate() throws {
            if toOriginal && to != nil { throw ValidationError("give either --to-original or --to, not both") }
        }

        func run() async throws {
            var query = try filters.query()
            query.ids = ids
            let actor = actor ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
            let target: DeadLetterOperations.Target = to.map { .topic($0) } ?? .original
            let result = try await storeOptions.withStore { configuration, store in
                var producer: KafkaProducer?
                if !dryRun {
                    guard let servers = configuration.runningBootstrapServers() else {
                        fail(
                            "no running `kontor run` in \(configuration.stateDirectory) and no kafka.brokers to replay to"
                        )
                    }
                    producer = try KafkaProducer(
                        configuration: configuration.producerConfiguration(bootstrapServers: servers),
                        logger: Logger(label: "kontor.dlq")
                    )
                }
                let operations = DeadLetterOperations(store: store, producer: producer)
                do {
                    let result = try await operations.replay(query, to: target, dryRun: dryRun, actor: actor)
                    await producer?.shutdown()
                    return result
                } catch {
                    await producer?.shutdown()
                    throw error
                }
            }
            for record in result.records {
                print("\(dryRun ? "would replay" : "replayed") \(record.id)")
            }
            print(dryRun ? "\(result.records.count) dead letter(s) selected" : "replayed \(result.published)")
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark dead letters purged (they stay listed with status purged and are never replayed).",
            discussion: "Asks for confirmation on a terminal; elsewhere --yes is required."
        )
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filters: Filters
        @Option(name: .customLong("id"), help: "A dead letter's id (repeatable).") var ids: [String] = []
        @Flag(help: "Do not ask for confirmation.") var yes = false
        @Option(help: "Who purges, for the audit log (default $USER).") var actor: String?

        func run() async throws {
            var query = try filters.query()
            query.ids = ids
            let actor = actor ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
            let yes = yes
            let count = try await storeOptions.withStore { _, store in
                let operations = DeadLetterOperations(store: store, producer: nil)
                if !yes {
                    guard isatty(STDIN_FILENO) == 1 else {
                        fail("refusing to purge without --yes when not on a terminal")
                    }
                    let selected = try await operations.select(query).filter { $0.status != .purged }.count
                    // Unbuffered, so the question shows before the answer is read.
                    FileHandle.standardOutput.write(
                        Data("Purge \(selected) dead letter(s) (\(query.filterDescription))? [y/N] ".utf8)
                    )
                    guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                        print("nothing purged")
                        return 0
                    }
                }
                return try await operations.purge(query, actor: actor)
            }
            print("purged \(count)")
        }
    }
}

/// Prints a JSON value, pretty and with sorted keys.
private func printJSON(_ value: Any) {
    let data =
        (try? JSONSerialization.data(
            withJSONObject: value,
            options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        )) ?? Data("null".utf8)
    print(String(decoding: data, as: UTF8.self))
}
