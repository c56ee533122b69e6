import Foundation
import Hummingbird
import NIOCore
import Yams

/// `GET /v1/openapi.yaml` and `GET /v1/openapi.json`: the API's OpenAPI document (``OpenAPIDocument``).
enum OpenAPIRoutes {
    /// The document as JSON, converted from the YAML once.
    static let json: Data = {
        // The document is a constant checked by the tests; a conversion failure would be a programming error.
        guard let tree = try? Yams.load(yaml: OpenAPIDocument.yaml),
            let data = try? JSONSerialization.data(
                withJSONObject: tree,
                options: [.sortedKeys, .withoutEscapingSlashes]
            )
        else { return Data("{}".utf8) }
        return data
    }()

    static func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/openapi.yaml") { _, _ in
            document(Data(OpenAPIDocument.yaml.utf8), contentType: "application/yaml")
        }
        router.get("/v1/openapi.json") { _, _ in
            document(json, contentType: "application/json")
        }
    }

    private static func document(_ data: Data, contentType: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
