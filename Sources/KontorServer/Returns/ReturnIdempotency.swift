import Foundation
import HTTPTypes
import Hummingbird
import KontorConnectors
import KontorStore
import NIOCore

/// `Idempotency-Key` on the returns' POST routes: a retried request with the same key and body gets the stored
/// answer instead of a second RMA or receipt; the same key with another body is a 409.
struct ReturnIdempotency: Sendable {
    static let header = HTTPField.Name("Idempotency-Key")!

    let store: any IdempotencyStore
    /// Keys of one route and resource, e.g. `returns:create:<orderId>`.
    let scope: String
    let key: String?
    let requestHash: String

    /// The key of `request`, if any, with the hash of its (parsed, key-sorted) JSON body.
    init(store: any IdempotencyStore, scope: String, request: Request, body: [String: Any]) {
        self.store = store
        self.scope = scope
        self.key = request.headers[Self.header].flatMap { $0.isEmpty ? nil : $0 }
        let canonical = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        self.requestHash = OrderPublisher.contentHash(Array(canonical))
    }

    /// The stored answer to this request, or a 409 when the key came with another request; nil when new.
    func stored(instance: String) async throws -> Response? {
        guard let key else { return nil }
        do {
            guard let stored = try await store.storedResponse(scope: scope, key: key, requestHash: requestHash) else {
                return nil
            }
            return Self.response(stored)
        } catch StoreError.idempotencyConflict {
            return ReturnProblems.idempotencyConflict(key, instance: instance)
        }
    }

    /// Stores `body` as the answer (when the request has a key) and returns the stored answer: the first of two
    /// racing identical requests wins.
    func save(status: HTTPResponse.Status, body: [String: Any], headers: HTTPFields = [:]) async throws -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        var response = IdempotentResponse(statusCode: Int(status.code), body: Array(data))
        if let key {
            response = try await store.saveResponse(
                scope: scope,
                key: key,
                requestHash: requestHash,
                response: response
            )
        }
        var answer = Self.response(response)
        for field in headers { answer.headers.append(field) }
        return answer
    }

    static func response(_ stored: IdempotentResponse) -> Response {
        Response(
            status: HTTPResponse.Status(code: stored.statusCode),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored.body))
        )
    }
}
