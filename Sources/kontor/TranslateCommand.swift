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

    /// Short names of the B2B XML mappings.
    static let aliases = [
        "ubl": "ubl-order", "opentrans": "opentrans-order", "cxml": "cxml-orderrequest", "idoc": "idoc-orders05",
    ]

    @Option(
        help: ArgumentHelp(
            "The document format: a mapping name (e.g. shopify), x12, edifact, ubl, opentrans, cxml or idoc; "
                + "tracking formats (easypost, aftership, dhl) print the normalized tracking events."
        )
    )
    var format: String?
    @Option(help: "Folder of mappings.") var mappings: String = "mappings"
    @Flag(help: "List the known formats.") var list = false
    @Argument(help: "The document; - reads standard input.") var file: String?

    func run() throws {
        let catalog = try loadCatalog(mappings)
        if list {
            let shortNames = Dictionary(uniqueKeysWithValues: Self.aliases.map { ($1, $0) })
            for mapping in catalog.mappings {
                let name = shortNames[mapping.name].map { "\(mapping.name) (\($0))" } ?? mapping.name
                print("\(name)\t\(mapping.sourceFormat.rawValue)\t\(mapping.summary)")
            }
            print("edifact\tedifact\tUN/EDIFACT ORDERS (D96A, D01B and near), every ORDERS message in the interchange")
            print("x12\tx12\tANSI X12 850 purchase orders (004010, 005010), every 850 in the interchange")
            return
        }
        guard let format, let file else {
            throw ValidationError("give --format NAME and a FILE (or --list)")
        }
        if DocumentReaders.names.contains(format) {
            printOrders(try readInput(file)) { try DocumentReaders.read(format: format, $0) }
            return
        }
        guard
            let mapping = catalog.mapping(named: Self.aliases[format] ?? format)
                ?? catalog.mapping(named: "tracking-" + format)
        else {
            let known = (catalog.names + DocumentReaders.names + Self.aliases.keys).sorted().joined(separator: ", ")
            throw ValidationError("unknown format '\(format)'; known: \(known)")
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
    if mapping.target == .tracking {
        printTrackingEvents(try readInput(file), mapping: mapping)
        return
    }
    printOrders(try readInput(file)) { try mapping.translate($0) }
}

func readInput(_ file: String) throws -> [UInt8] {
    do {
        return Array(
            file == "-"
                ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        )
    } catch {
        fail("cannot read \(file): \(error.localizedDescription)")
    }
}

/// Prints one order as a JSON object, several as an array; on failure `error: …` and exit 1.
func printOrders(_ input: [UInt8], _ translate: ([UInt8]) throws -> [CanonicalOrder]) {
    let orders: [CanonicalOrder]
    do {
        orders = try translate(input)
    } catch {
        fail("\(error)")
    }
    let output: Data =
        orders.count == 1
        ? CanonicalJSON.encodeOrder(orders[0], prettyPrinted: true)
        : (try? CanonicalJSON.encode(orders, prettyPrinted: true)) ?? Data()
    FileHandle.standardOutput.write(output + Data("\n".utf8))
}

/// Prints `error: message` to stderr and exits 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    Foundation.exit(1)
}
