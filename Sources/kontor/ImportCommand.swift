import ArgumentParser
import Foundation
import KontorApp
import KontorStore

/// `kontor import catalog|locations|stock|customers|buyer-skus FILE.csv`: loads master data into the configured store.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a catalog, locations, stock, customers or buyer-skus CSV file into the store.",
        discussion: """
            The store is the one `kontor run` uses (store.url, else <stateDirectory>/kontor.sqlite). Columns are \
            documented in Sources/KontorStore/README.md; a file is checked whole before anything is stored, and an \
            error names the file, row and column. Rows replace earlier ones with the same key.
            """
    )

    @Argument(help: "What the file holds: catalog, locations, stock, customers or buyer-skus.") var kind: String
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "YAML configuration file.") var config: String?
    @Option(help: "State folder (store, runtime files).") var stateDir: String?
    @Option(help: "An SQLite file or a postgres:// URL, overriding the configuration.") var store: String?

    func run() async throws {
        guard let kind = StoreSeeding.Kind(rawValue: kind) else {
            throw ValidationError("'\(kind)' is not catalog, locations, stock, customers or buyer-skus")
        }
        var flags: [String: String] = [:]
        if let stateDir { flags["stateDirectory"] = stateDir }
        if let store { flags["store.url"] = store }
        let configuration: KontorConfiguration
        do {
            configuration = try ConfigurationLoader().load(file: config, flags: flags)
        } catch {
            throw ValidationError(error.message)
        }
        let backend = try await openStore(try configuration.storeConfiguration())
        do {
            let summary = try await StoreSeeding.importFile(kind, path: file, into: backend)
            print("imported \(summary.records) \(kind.rawValue) record(s) from \(summary.file)")
        } catch {
            await backend.close()
            fail("\(error)")
        }
        await backend.close()
    }
}
