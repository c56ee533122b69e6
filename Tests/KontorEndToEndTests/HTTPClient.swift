import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Real HTTP requests against a running `kontor`. Requests to a started ``KontorProcess`` carry its admin token
/// (read from its state folder) unless they set `Authorization` themselves or pass `authenticated: false`.
enum HTTPClient {
    /// HTTP address of a running `kontor` → its admin token.
    private static let tokens = Mutex<[String: String]>([:])

    /// Sends `token` with every request to `address` from now on.
    static func register(token: String, for address: String) {
        tokens.withLock { $0[address] = token }
    }

    private static func token(for url: String) -> String? {
        tokens.withLock { tokens in tokens.first { url.hasPrefix($0.key) }?.value }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func request(
        _ method: String,
        _ url: String,
        body: Data? = nil,
        headers: [String: String] = ["Content-Type": "application/json"],
        authenticated: Bool = true
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        if authenticated, let token = token(for: url) {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var replyHeaders: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            replyHeaders[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, headers: replyHeaders, body: data)
    }

    static func postOrder(_ base: String, _ body: String, headers: [String: String] = [:]) async throws -> Reply {
        try await request(
            "POST",
            "\(base)/v1/orders",
            body: Data(body.utf8),
            headers: ["Content-Type": "application/json"].merging(headers) { _, new in new }
        )
    }
}

/// Canonical orders for end-to-end tests.
enum SampleOrders {
    static func json(number: String, country: String = "DE", quantity: String = "\"2\"") -> String {
        """
        {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"web","orderDate":"2026-11-28","currency":"EUR",
         "buyer":{"id":"C-100","name":"Erika Mustermann","email":"erika+\(number)@example.com"},
         "shipTo":{"name":"Erika Mustermann","street":"Heidestraße 17","city":"Köln","postalCode":"51147","country":"\(country)"},
         "lines":[{"lineNumber":"1","sku":"PT-DRL-12V-030","description":"Cordless drill driver 12 V",
                   "quantity":\(quantity),"unitOfMeasure":"C62","unitPrice":"99.90"}],
         "totals":{"grandTotal":"199.80"},
         "payment":{"method":"card","status":"paid"}}
        """
    }
}
