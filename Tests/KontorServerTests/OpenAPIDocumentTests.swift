import Foundation
import Hummingbird
import KontorModel
import Testing

/// The served OpenAPI document: it parses, names every route the router registers, and its examples (and real
/// answers of the running API) validate against its schemas, checked with Python's `jsonschema` (Draft 2020-12, as
/// OpenAPI 3.1 uses). A missing `python3` or `jsonschema` is a failure, not a skip (`make deps` installs it).
@Suite("OpenAPI document", .serialized)
struct OpenAPIDocumentTests {
    /// Validates every response example of the document, then every (schema name, JSON file) pair given, against the
    /// document's schemas; prints one line per failure.
    static let script = #"""
        import json, sys
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
        document = json.load(open(sys.argv[1], encoding="utf-8"))
        assert document["openapi"].startswith("3.1"), "not OpenAPI 3.1"
        registry = Registry().with_resource("urn:kontor:openapi", Resource.from_contents(document, DRAFT202012))
        def validator(ref):
            return jsonschema.Draft202012Validator({"$ref": "urn:kontor:openapi" + ref}, registry=registry)
        failures, checked = [], 0
        def check(where, schema_path, instance):
            global checked
            checked += 1
            for error in validator(schema_path).iter_errors(instance):
                failures.append("%s: %s at %s" % (where, error.message, list(error.absolute_path)))
        for path, item in document["paths"].items():
            for method, operation in item.items():
                for status, response in operation.get("responses", {}).items():
                    pointer = "#/paths/%s/%s/responses/%s" % (path.replace("~", "~0").replace("/", "~1"), method, status)
                    if "$ref" in response:
                        pointer = response["$ref"]
                        response = document
                        for part in pointer[2:].split("/"):
                            response = response[part]
                    for media, content in response.get("content", {}).items():
                        if "example" in content:
                            check("%s %s %s %s" % (method, path, status, media),
                                  pointer + "/content/" + media.replace("/", "~1") + "/schema",
                                  content["example"])
        for name, file in zip(sys.argv[2::2], sys.argv[3::2]):
            check("answer " + name, "#/components/schemas/" + name, json.load(open(file, encoding="utf-8")))
        for failure in failures:
            print(failure)
        print("checked %d" % checked, file=sys.stderr)
        sys.exit(1 if failures else 0)
        """#

    /// Runs the validator; returns its failure lines.
    static func validate(document: Data, answers: [(schema: String, body: Data)]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-openapi-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let documentFile = directory.appendingPathComponent("openapi.json")
        try document.write(to: documentFile)
        var arguments = ["-c", script, documentFile.path]
        for (index, answer) in answers.enumerated() {
            let file = directory.appendingPathComponent("answer-\(index).json")
            try answer.body.write(to: file)
            arguments += [answer.schema, file.path]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: printed, as: UTF8.self).split(separator: "\n").map(String.init)
        if process.terminationStatus != 0 && lines.isEmpty {
            return ["python3 failed: \(String(decoding: stderr, as: UTF8.self))"]
        }
        return lines
    }

    @Test("Served as YAML and JSON; every registered route is documented")
    func routesDocumented() async throws {
        try await ServerFixture.run { fixture, base in
            let yaml = try await HTTP.get("\(base)/v1/openapi.yaml")
            #expect(yaml.status == 200)
            #expect(yaml.headers["content-type"] == "application/yaml")
            #expect(yaml.text.hasPrefix("openapi: 3.1.0\n"))
            let json = try await HTTP.get("\(base)/v1/openapi.json")
            #expect(json.status == 200)
            let paths = try #require(json.json["paths"] as? [String: [String: Any]])

            let routes = try fixture.router().routes
            #expect(routes.count >= 12)
            for route in routes {
                let method = route.method.rawValue.lowercased()
                let path = Self.template(route.path.description)
                // An exact path (/v1/dlq/replay) wins over a template that also fits it (/v1/dlq/{id}).
                let documented =
                    paths.first { $0.key == path } ?? paths.first { Self.matches(template: $0.key, path: path) }
                #expect(documented != nil, "\(route) is not in the OpenAPI document")
                #expect(documented?.value[method] != nil, "\(route): \(method) is not documented")
            }
            #expect(!paths.keys.contains { Self.matches(template: $0, path: "/v1/nowhere") })
        }
    }

    @Test("Examples and real answers validate against the document's schemas")
    func examplesValidate() async throws {
        try await ServerFixture.run { fixture, base in
            let order = try ServerFixture.order(number: "SO-API")
            try await fixture.project(order)
            let id = order.id!.rawValue
            let document = try await HTTP.get("\(base)/v1/openapi.json").body
            let answers: [(String, Data)] = [
                ("OrderPage", try await HTTP.get("\(base)/v1/orders").body),
                ("OrderPage", try await HTTP.get("\(base)/v1/orders?limit=1&status=received").body),
                ("OrderDetail", try await HTTP.get("\(base)/v1/orders/\(id)").body),
                ("ActionResult", try await HTTP.request("POST", "\(base)/v1/orders/\(id)/hold").body),
                ("OrderDetail", try await HTTP.get("\(base)/v1/orders/\(id)").body),
                ("Problem", try await HTTP.get("\(base)/v1/orders/ord_0").body),
                ("Problem", try await HTTP.get("\(base)/v1/orders?limit=0").body),
                ("Readiness", try await HTTP.get("\(base)/readyz").body),
                ("DashboardSummary", try await HTTP.get("\(base)/v1/dashboard/summary").body),
            ]
            #expect(try Self.validate(document: document, answers: answers) == [])
        }
    }

    @Test("The validator finds a mismatch (so the checks above can fail)")
    func validatorCatchesMismatch() async throws {
        try await ServerFixture.run { _, base in
            let document = try await HTTP.get("\(base)/v1/openapi.json").body
            let failures = try Self.validate(
                document: document,
                answers: [("OrderPage", Data(#"{"orders":[{"orderId":1}]}"#.utf8))]
            )
            #expect(failures.count >= 2)
            #expect(failures.allSatisfy { $0.hasPrefix("answer OrderPage") })
        }
    }

    /// `/v1/orders/{id}` for Hummingbird's `/v1/orders/:id`.
    static func template(_ path: String) -> String {
        "/"
            + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
    }

    /// Whether a concrete or templated path fits a documented template (`{name}` matches one segment).
    static func matches(template: String, path: String) -> Bool {
        let expected = template.split(separator: "/")
        let actual = path.split(separator: "/")
        guard expected.count == actual.count else { return false }
        return zip(expected, actual).allSatisfy { $0 == $1 || $0.hasPrefix("{") }
    }
}
