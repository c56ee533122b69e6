import ArgumentParser
import Foundation
import KontorMapping
import KontorModel

/// `kontor translate --format NAME FILE`: the canonical order(s) of an inbound document.
///
/// A stable contract: on success it prints the canonical order as pretty JSON (a JSON array when
/// the document holds several orders) and exits 0; on bad input it prints `error: …` with the
/// field path to stderr and exits 1.
struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Print the canonical order JSON of an inbound document.",
        discussion: "Formats are the mappings under the mappings folder; `kontor translate --list` names them."
    )

    @Option(help: "The document format (a mapping name, e.g. shopify).") var format: String?
    @Option(help: "Folder of mappings.") var mappings: String = "mappings"
    @Flag(help: "List the known formats.") var list = false
    @Argument(help: "The document; - reads standard input.") var file: String?

    func run() throws {
        let catalog = try loadCatalog(mappings)
        if list {
            for mapping in catalog.mappings {
                print("\(mapping.name)\t\(mapping.sourceFormat.rawValue)\t\(mapping.summary)")
            }
            return
        }
        guard let format, let file else {
            throw ValidationError("give --format NAME and a FILE (or --list)")
        }
        guard let mapping = catalog.mapping(named: format) else {
            throw ValidationError("unknown format '\(format)'; known: \(catalog.names.joined(separator: ", "))")
        }
        try translateAndPrint(mapping: mapping, file: file)
    }
}

/// `kontor map test MAPPING INPUT`: try a mapping file on an input while writing it.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Work with declarative mappings.",
        subcommands: [MapTestCommand.self]
    )
}

struct MapTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a mapping on an input and print the canonical result or the precise error."
    )

    @Option(help: "Folder of mappings (for mapping names).") var mappings: String = "mappings"
    @Argument(help: "A mapping name, or the path of a mapping file.") var mapping: String
    @Argument(help: "The input document; - reads standard input.") var input: String

    func run() throws {
        let resolved: Mapping
        if mapping.hasSuffix(".yaml") || mapping.hasSuffix(".yml") || mapping.contains("/") {
            do {
                resolved = try MappingLoader.load(file: mapping)
            } catch {
                fail(error.description)
            }
        } else {
            guard let named = try loadCatalog(mappings).mapping(named: mapping) else {
                throw ValidationError("no mapping named '\(mapping)' under \(mappings)/")
            }
            resolved = named
        }
        try translateAndPrint(mapping: resolved, file: input)
    }
}

func loadCatalog(_ directory: String) throws -> MappingCatalog {
    do {
        return try MappingCatalog(directory: directory)
    } catch {
        fail(error.description)
    }
}

func translateAndPrint(mapping: Mapping, file: String) throws {
    let input: Data
    do {
        input =
            file == "-"
            ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
        fail("cannot read \(file): \(error.localizedDescription)")
    }
    let orders: [CanonicalOrder]
    do {
        orders = try mapping.translate(Array(input))
    } catch {
        fail(error.description)
    }
    let output: Data =
        orders.count == 1
        ? CanonicalJSON.encodeOrder(orders[0], prettyPrinted: true)
        : try CanonicalJSON.encode(orders, prettyPrinted: true)
    FileHandle.standardOutput.write(output + Data("\n".utf8))
}

/// Prints `error: message` to stderr and exits 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    Foundation.exit(1)
}
