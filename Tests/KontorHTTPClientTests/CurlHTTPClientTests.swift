import Foundation
import HTTPTypes
import Hummingbird
import KontorHTTPClient
import KontorTestSupport
import Testing

@Suite("libcurl HTTP client against a local HTTP server")
struct CurlHTTPClientTests {
    @Test("GET and POST with headers and bodies; status codes and response headers come back")
    func requests() async throws {
        let router = Router()
        router.get("/hello") { request, _ -> Response in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/plain",
                    HTTPField.Name("X-Echo")!: request.headers[HTTPField.Name("X-Token")!] ?? "",
                ],
                body: .init(byteBuffer: ByteBuffer(string: "hello"))
            )
        }
        router.post("/echo") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 10_000_000)
            return Response(status: .created, body: .init(byteBuffer: body))
        }
        router.get("/busy") { _, _ -> Response in
            Response(status: .tooManyRequests, headers: [.retryAfter: "2"])
        }
        try await withLocalServer(router) { base in
            let client = CurlHTTPClient()
            let hello = try await client.execute(
                HTTPClientRequest(url: "\(base)/hello", headers: [("X-Token", "secret-1")])
            )
            #expect(hello.status == 200)
            #expect(hello.bodyText == "hello")
            #expect(hello.header("X-Echo") == "secret-1")
            #expect(hello.header("content-type") == "text/plain")

            let payload = Array((0..<300_000).map { UInt8($0 % 251) })
            let echo = try await client.execute(HTTPClientRequest(method: "POST", url: "\(base)/echo", body: payload))
            #expect(echo.status == 201)
            #expect(echo.body == payload)

            let busy = try await client.execute(HTTPClientRequest(url: "\(base)/busy"))
            #expect(busy.status == 429)
            #expect(busy.header("retry-after") == "2")
        }
    }

    @Test("A refused connection is an HTTPClientError naming the URL")
    func connectionRefused() async throws {
        await #expect {
            _ = try await CurlHTTPClient().execute(HTTPClientRequest(url: "http://127.0.0.1:1/nothing"))
        } throws: { error in
            guard let error = error as? HTTPClientError else { return false }
            return error.url == "http://127.0.0.1:1/nothing" && error.code == 7
        }
    }
}
