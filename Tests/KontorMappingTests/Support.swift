import Foundation
import KontorMapping
import KontorModel
import Testing

/// Paths and helpers shared by the mapping tests.
enum TestSupport {
    /// The repository root: three levels up from this file (`Tests/KontorMappingTests/Support.swift`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<repository>/mappings`.
    static var mappingsDirectory: String { repositoryRoot.appendingPathComponent("mappings").path }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kontor-mapping-tests-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `yaml` to `<tmp>/<name>/mapping.yaml` and loads it; the directory is removed afterwards.
    static func load(_ yaml: String, name: String = "fixture") throws(MappingError) -> Mapping {
        let directory: URL
        do {
            directory = try temporaryDirectory().appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try yaml.write(to: directory.appendingPathComponent("mapping.yaml"), atomically: true, encoding: .utf8)
        } catch {
            fatalError("cannot write the test fixture: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        return try MappingLoader.load(file: directory.appendingPathComponent("mapping.yaml").path)
    }

    /// Loads the error a bad mapping produces.
    static func loadError(_ yaml: String) -> MappingError? {
        do {
            _ = try load(yaml)
            return nil
        } catch {
            return error
        }
    }

    /// Translates a document given as text.
    static func translate(_ mapping: Mapping, _ document: String) throws(MappingError) -> [CanonicalOrder] {
        try mapping.translate(Array(document.utf8))
    }

    /// The error a translation produces.
    static func translateError(_ mapping: Mapping, _ document: String) -> MappingError? {
        do {
            _ = try translate(mapping, document)
            return nil
        } catch {
            return error
        }
    }

    /// A minimal valid JSON mapping whose order-level `fields:` are extended by `extraFields` (YAML, indented by
    /// two spaces) and whose lines are `items[*]` with sku, qty and price.
    static func jsonMapping(extraFields: String = "", tables: String = "") throws(MappingError) -> Mapping {
        try load(
            """
            format: json
            channel: test
            \(tables)
            fields:
              orderNumber: id
              orderDate: {value: "2025-01-01"}
              currency: {value: EUR}
              buyer.name: {value: Test Buyer}
              shipTo.country: {value: DE}
              totals.grandTotal: {value: "1"}
            \(extraFields)
            lines:
              each: items[*]
              fields:
                sku: sku
                quantity: {from: qty, default: "1"}
                unitPrice: {from: price, default: "1"}
            """
        )
    }

    /// Runs `spec` (YAML of a value spec, on one line) as `attributes.result` against `document` and returns the
    /// result, or `nil` when the spec yields no value.
    static func evaluate(
        _ spec: String,
        in document: String = #"{"id": "1", "items": [{"sku": "A"}]}"#,
        tables: String = ""
    ) throws(MappingError) -> String? {
        let mapping = try jsonMapping(extraFields: "  attributes.result: \(spec)", tables: tables)
        return try translate(mapping, document)[0].attributes?["result"]
    }

    /// The lines of `a` and `b` that differ, for a readable assertion message.
    static func diff(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let left = index < actualLines.count ? String(actualLines[index]) : "<none>"
            let right = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
            if left != right { output.append("line \(index + 1):\n  expected: \(right)\n  actual:   \(left)") }
            if output.count >= 20 { break }
        }
        return output.joined(separator: "\n")
    }
}
