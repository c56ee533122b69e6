import Foundation
import Testing

/// Validates JSON documents against the schemas in `schemas/` with Python's `jsonschema` package (Draft 2020-12).
///
/// A missing `python3` or `jsonschema` is a test failure, not a skip: CI installs both (`pip install jsonschema`).
enum JSONSchemaValidator {
    /// `schemas/` at the repository root: three levels above this file.
    static let schemaDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("schemas")

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let script = #"""
        import json, pathlib, sys
        try:
            import jsonschema
            from referencing import Registry, Resource
        except ImportError as error:
            sys.stderr.write(
                "the Python package 'jsonschema' (4.18 or newer) is required: pip install jsonschema (%s)\n" % error
            )
            sys.exit(3)
        directory = pathlib.Path(sys.argv[1])
        schemas, resources = {}, []
        for path in sorted(directory.glob("*.schema.json")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            schemas[path.name] = schema
            resources.append((schema["$id"], Resource.from_contents(schema)))
        registry = Registry().with_resources(resources)
        validator = jsonschema.Draft202012Validator(schemas[sys.argv[2]], registry=registry)
        results = []
        for document_path in sys.argv[3:]:
            document = json.loads(pathlib.Path(document_path).read_text(encoding="utf-8"))
            errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
            results.append(["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors])
        print(json.dumps(results))
        """#

    /// Returns, per document, the schema errors (`path: message`); an empty list means valid.
    static func validate(_ documents: [Data], against schemaFile: String) throws -> [[String]] {
        let fileManager = FileManager.default
        let schemaPath = schemaDirectory.appendingPathComponent(schemaFile).path
        guard fileManager.fileExists(atPath: schemaPath) else {
            throw Failure(description: "schema not found at \(schemaPath)")
        }
        let workDirectory = fileManager.temporaryDirectory.appendingPathComponent("kontor-schema-\(UUID().uuidString)")
        try fileManager.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: workDirectory) }

        var documentPaths: [String] = []
        for (index, document) in documents.enumerated() {
            let url = workDirectory.appendingPathComponent("document-\(index).json")
            try document.write(to: url)
            documentPaths.append(url.path)
        }
        let stdoutURL = workDirectory.appendingPathComponent("stdout")
        let stderrURL = workDirectory.appendingPathComponent("stderr")
        guard fileManager.createFile(atPath: stdoutURL.path, contents: nil),
            fileManager.createFile(atPath: stderrURL.path, contents: nil)
        else {
            throw Failure(description: "could not create output files in \(workDirectory.path)")
        }
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaDirectory.path, schemaFile] + documentPaths
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start python3 via /usr/bin/env: \(error)")
        }
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()

        let output = try Data(contentsOf: stdoutURL)
        let errorOutput = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        switch process.terminationStatus {
        case 0:
            break
        case 127:
            throw Failure(
                description: "python3 was not found on PATH; schema tests need Python 3 with the jsonschema package "
                    + "(pip install jsonschema). \(errorOutput)"
            )
        default:
            throw Failure(
                description: "schema validation via python3 failed with status \(process.terminationStatus): "
                    + errorOutput
            )
        }
        guard let results = try JSONSerialization.jsonObject(with: output) as? [[String]],
            results.count == documents.count
        else {
            throw Failure(
                description: "unexpected output from the validator: \(String(decoding: output, as: UTF8.self))"
            )
        }
        return results
    }
}
