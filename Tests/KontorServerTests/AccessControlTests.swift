import Foundation
import Hummingbird
import KontorModel
import KontorServer
import KontorStore
import Testing

/// Access control over a real server: every route the router registers, without a token (401), with a token lacking
/// the scope (403) and with the right one (the route's own answer); tokens, sessions and the password.
@Suite("Access control", .serialized)
struct AccessControlTests {
    static let readerSecret = "kontor_reader-0123456789"
    static let operatorSecret = "kontor_operator-0123456789"
    static let ingestSecret = "kontor_ingest-0123456789"
    static let password = "correct horse battery"

    static func access() throws -> AccessControl {
        AccessControl(
            tokens: [
                APIToken(name: "reader", scopes: [.read], secret: readerSecret),
                APIToken(name: "operator", scopes: [.operate], secret: operatorSecret),
                APIToken(name: "shop", scopes: [.ingest], secret: ingestSecret),
            ],
            // The least rounds PasswordHash accepts, to keep the debug build's test quick.
            dashboardPassword: try PasswordHash(hashing: password, rounds: 210_000)
        )
    }

    static func bearer(_ secret: String) -> [String: String] { ["Authorization": "Bearer \(secret)"] }

    /// One registered route: what it needs, a request to it and the answer when the caller may call it.
    struct RouteCase: Sendable, CustomStringConvertible {
        var method: String
        var template: String
        var access: RouteAccess
        var path: String
        var body: String? = nil
        /// The route's own answer for this request once access is granted.
        var status: Int

        var key: String { "\(method) \(template)" }
        var description: String { key }
    }

    /// Every route `kontor run` registers, in an order where each call finds what it needs (the receipt before
    /// the stock query, hold before release).
    static func table(orderID: String, newOrder: String) -> [RouteCase] {
        [
            RouteCase(method: "GET", template: "/healthz", access: .open, path: "/healthz", status: 200),
            RouteCase(method: "GET", template: "/readyz", access: .open, path: "/readyz", status: 200),
            RouteCase(
                method: "POST",
                template: "/v1/orders",
                access: .scope(.ingest),
                path: "/v1/orders",
                body: newOrder,
                status: 202
            ),
            RouteCase(method: "GET", template: "/v1/orders", access: .scope(.read), path: "/v1/orders", status: 200),
            RouteCase(
                method: "GET",
                template: "/v1/orders/{id}",
                access: .scope(.read),
                path: "/v1/orders/\(orderID)",
                status: 200
            ),
            RouteCase(
                method: "POST",
                template: "/v1/orders/{id}/hold",
                access: .scope(.operate),
                path: "/v1/orders/\(orderID)/hold",
                status: 202
            ),
            RouteCase(
                method: "POST",
                template: "/v1/orders/{id}/release",
                access: .scope(.operate),
                path: "/v1/orders/\(orderID)/release",
                status: 202
            ),
            RouteCase(
                method: "POST",
                template: "/v1/orders/{id}/cancel",
                access: .scope(.operate),
                path: "/v1/orders/\(orderID)/cancel",
                status: 202
            ),
            RouteCase(
                method: "POST",
                template: "/v1/inventory/{sku}/receipts",
                access: .scope(.operate),
                path: "/v1/inventory/SKU-1/receipts",
                body: #"{"locationId":"WH1","quantity":5}"#,
                status: 200
            ),
            // The order has not shipped: the route's own 409. Unknown RMAs are its own 404.
            RouteCase(
                method: "POST",
                template: "/v1/orders/{id}/returns",
                access: .scope(.operate),
                path: "/v1/orders/\(orderID)/returns",
                body: #"{"lines":[{"lineNumber":"1","quantity":1}],"resolution":"refund"}"#,
                status: 409
            ),
            RouteCase(method: "GET", template: "/v1/returns", access: .scope(.read), path: "/v1/returns", status: 200),
            RouteCase(
                method: "GET",
                template: "/v1/returns/{rma}",
                access: .scope(.read),
                path: "/v1/returns/RMA-2026-999999",
                status: 404
            ),
            RouteCase(
                method: "GET",
                template: "/v1/returns/{rma}/label",
                access: .scope(.read),
                path: "/v1/returns/RMA-2026-999999/label",
                status: 404
            ),
            RouteCase(
                method: "GET",
                template: "/v1/returns/{rma}/label.pdf",
                access: .scope(.read),
                path: "/v1/returns/RMA-2026-999999/label.pdf",
                status: 404
            ),
            RouteCase(
                method: "POST",
                template: "/v1/returns/{rma}/receipt",
                access: .scope(.ingest),
                path: "/v1/returns/RMA-2026-999999/receipt",
                body: #"{"locationId":"WH1","lines":[{"lineNumber":"1","quantity":1,"condition":"resalable"}]}"#,
                status: 404
            ),
            RouteCase(
                method: "GET",
                template: "/v1/quarantine",
                access: .scope(.read),
                path: "/v1/quarantine",
                status: 200
            ),
            RouteCase(
                method: "GET",
                template: "/v1/inventory/{sku}",
                access: .scope(.read),
                path: "/v1/inventory/SKU-1",
                status: 200
            ),
            // The fixture's webhook connector is unavailable (503): open means its answer, not 401.
            RouteCase(
                method: "POST",
                template: "/v1/webhooks/shopify",
                access: .open,
                path: "/v1/webhooks/shopify",
                body: "{}",
                status: 503
            ),
            // The fixture's EasyPost secret is set: open means the route's own signature check (401).
            RouteCase(
                method: "POST",
                template: "/v1/tracking/{format}",
                access: .open,
                path: "/v1/tracking/easypost",
                body: "{}",
                status: 401
            ),
            // The fixture has no trading partner; a JSON body is the route's own refusal (415: X12, EDIFACT or XML).
            RouteCase(
                method: "POST",
                template: "/v1/documents",
                access: .scope(.ingest),
                path: "/v1/documents",
                body: "not a document",
                status: 415
            ),
            // No pick task with that id in the fixture's store: the route's own refusal (422) means access passed.
            RouteCase(
                method: "POST",
                template: "/v1/wms/confirmations",
                access: .scope(.ingest),
                path: "/v1/wms/confirmations",
                body: #"{"confirmationId":"c-1","taskId":"t-1","orderId":"o-1","kind":"picked","lines":[],"#
                    + #""shortLines":[],"parcels":[],"occurredAt":"2026-11-30T10:00:00Z"}"#,
                status: 422
            ),
            RouteCase(
                method: "GET",
                template: "/v1/openapi.yaml",
                access: .scope(.read),
                path: "/v1/openapi.yaml",
                status: 200
            ),
            RouteCase(
                method: "GET",
                template: "/v1/openapi.json",
                access: .scope(.read),
                path: "/v1/openapi.json",
                status: 200
            ),
            RouteCase(method: "GET", template: "/metrics", access: .scope(.read), path: "/metrics", status: 200),
            RouteCase(method: "GET", template: "/v1/dlq", access: .scope(.read), path: "/v1/dlq", status: 200),
            RouteCase(
                method: "GET",
                template: "/v1/dlq/{id}",
                access: .scope(.read),
                path: "/v1/dlq/validation:no-such-event",
                status: 404
            ),
            RouteCase(
                method: "POST",
                template: "/v1/dlq/replay",
                access: .scope(.operate),
                path: "/v1/dlq/replay",
                body: #"{"stage":"validation","dryRun":true}"#,
                status: 200
            ),
            // Purging needs a filter or ids: without one it is the route's own 400.
            RouteCase(
                method: "POST",
                template: "/v1/dlq/purge",
                access: .scope(.operate),
                path: "/v1/dlq/purge",
                body: "{}",
                status: 400
            ),
            RouteCase(method: "GET", template: "/v1/audit", access: .scope(.read), path: "/v1/audit", status: 200),
            RouteCase(
                method: "GET",
                template: "/v1/shipments/{taskId}/packing-slip",
                access: .scope(.read),
                path: "/v1/shipments/\(InMemoryShipmentDocuments.taskId)/packing-slip",
                status: 200
            ),
            RouteCase(
                method: "GET",
                template: "/v1/shipments/{taskId}/packing-slip.pdf",
                access: .scope(.read),
                path: "/v1/shipments/\(InMemoryShipmentDocuments.taskId)/packing-slip.pdf",
                status: 200
            ),
            RouteCase(
                method: "GET",
                template: "/v1/shipments/{taskId}/label",
                access: .scope(.read),
                path: "/v1/shipments/\(InMemoryShipmentDocuments.taskId)/label",
                status: 200
            ),
            RouteCase(
                method: "GET",
                template: "/v1/shipments/{taskId}/label.pdf",
                access: .scope(.read),
                path: "/v1/shipments/\(InMemoryShipmentDocuments.taskId)/label.pdf",
                status: 200
            ),
            RouteCase(
                method: "GET",
                template: "/v1/pickups",
                access: .scope(.read),
                path: "/v1/pickups?date=2026-11-30",
                status: 200
            ),
            RouteCase(method: "GET", template: "/dashboard", access: .open, path: "/dashboard", status: 200),
            RouteCase(
                method: "GET",
                template: "/v1/dashboard/summary",
                access: .scope(.read),
                path: "/v1/dashboard/summary",
                status: 200
            ),
            // One summary, then the stream ends, so the request completes.
            RouteCase(
                method: "GET",
                template: "/v1/dashboard/stream",
                access: .scope(.read),
                path: "/v1/dashboard/stream?events=1",
                status: 200
            ),
            // Login without a body is the route's own 400; logout without a session still clears the cookie.
            RouteCase(method: "POST", template: "/v1/session", access: .open, path: "/v1/session", status: 400),
            RouteCase(method: "DELETE", template: "/v1/session", access: .open, path: "/v1/session", status: 204),
        ]
    }

    /// A secret whose scopes do not allow `scope`: reading is not operating, operating is not ingesting.
    static func wrongSecret(for scope: AccessScope) -> (secret: String, name: String) {
        switch scope {
        case .read: (ingestSecret, "shop")
        case .operate: (readerSecret, "reader")
        case .ingest: (operatorSecret, "operator")
        }
    }

    static func rightSecret(for scope: AccessScope) -> String {
        switch scope {
        case .read: readerSecret
        case .operate: operatorSecret
        case .ingest: ingestSecret
        }
    }

    @Test("Every registered route: 401 without a valid token, 403 without the scope, its answer with it")
    func everyRoute() async throws {
        let access = try Self.access()
        try await ServerFixture.run(access: access) { fixture, base in
            let order = try ServerFixture.order(number: "SO-AUTH")
            try await fixture.project(order)
            try await fixture.store.upsertLocations([
                Location(id: "WH1", name: "One", kind: .warehouse, address: Address(country: CountryCode("DE")!))
            ])
            let table = Self.table(orderID: order.id!.rawValue, newOrder: ServerFixture.orderJSON(number: "SO-NEW"))

            // The table names every route the router registers, no more, no less: a new route must be added here.
            let registered = Set(try fixture.router(access: access).routes.map { "\($0.method.rawValue) \($0.path)" })
            #expect(Set(table.map(\.key)) == registered)

            for route in table {
                let url = base + route.path
                #expect(
                    RouteAccess.required(
                        method: HTTPRequest.Method(route.method)!,
                        path: route.template,
                        webhookPaths: ["/v1/webhooks/shopify"]
                    ) == route.access,
                    "\(route)"
                )
                guard case .scope(let scope) = route.access else {
                    let reply = try await HTTP.request(route.method, url, body: route.body)
                    #expect(reply.status == route.status, "\(route) without a token: \(reply.text)")
                    continue
                }
                let none = try await HTTP.request(route.method, url, body: route.body)
                #expect(none.status == 401, "\(route) without a token")
                #expect(none.headers["www-authenticate"]?.hasPrefix("Bearer") == true, "\(route)")
                #expect(none.json["type"] as? String == ProblemDetails.Types.unauthorized, "\(route)")
                let bogus = try await HTTP.request(
                    route.method,
                    url,
                    body: route.body,
                    headers: Self.bearer("kontor_not-a-token")
                )
                #expect(bogus.status == 401, "\(route) with an unknown token")
                let wrong = Self.wrongSecret(for: scope)
                let refused = try await HTTP.request(
                    route.method,
                    url,
                    body: route.body,
                    headers: Self.bearer(wrong.secret)
                )
                #expect(refused.status == 403, "\(route) with '\(wrong.name)'")
                #expect(refused.json["type"] as? String == ProblemDetails.Types.forbidden, "\(route)")
                #expect(
                    (refused.json["detail"] as? String)?.contains("'\(scope)'") == true,
                    "\(route): \(refused.text)"
                )
                if scope == .read {
                    // operate includes read.
                    let viaOperate = try await HTTP.request(
                        route.method,
                        url,
                        headers: Self.bearer(Self.operatorSecret)
                    )
                    #expect(viaOperate.status == route.status, "\(route) with 'operator'")
                }
                let granted = try await HTTP.request(
                    route.method,
                    url,
                    body: route.body,
                    headers: Self.bearer(Self.rightSecret(for: scope))
                )
                #expect(granted.status == route.status, "\(route) with its scope: \(granted.text)")
            }
        }
    }

    @Test("The OpenAPI document marks exactly the open routes `security: []` and declares both schemes")
    func documented() async throws {
        let access = try Self.access()
        try await ServerFixture.run(access: access) { fixture, base in
            let json = try await HTTP.request("GET", "\(base)/v1/openapi.json", headers: Self.bearer(Self.readerSecret))
            let paths = try #require(json.json["paths"] as? [String: [String: [String: Any]]])
            let schemes = (json.json["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
            #expect(Set(schemes?.keys.map { $0 } ?? []) == ["bearerToken", "sessionCookie"])
            #expect((json.json["security"] as? [[String: Any]])?.count == 2)
            for route in try fixture.router(access: access).routes {
                let path = route.path.description
                let operation = paths.first { OpenAPIDocumentTests.matches(template: $0.key, path: path) }?
                    .value[route.method.rawValue.lowercased()]
                let open = (operation?["security"] as? [Any])?.isEmpty == true
                let access = RouteAccess.required(
                    method: route.method,
                    path: path,
                    webhookPaths: ["/v1/webhooks/shopify"]
                )
                #expect(open == (access == .open), "\(route.method) \(path): security: [] is \(open), access \(access)")
            }
        }
    }

    @Test("The rule guards routes added later: GET needs read, anything else operate; /metrics by auth.metricsOpen")
    func defaultRule() {
        #expect(RouteAccess.required(method: .get, path: "/v1/dlq") == .scope(.read))
        #expect(RouteAccess.required(method: .get, path: "/v1/audit") == .scope(.read))
        #expect(RouteAccess.required(method: .post, path: "/v1/dlq/{id}/replay") == .scope(.operate))
        #expect(RouteAccess.required(method: .delete, path: "/v1/dlq/{id}") == .scope(.operate))
        #expect(RouteAccess.required(method: .put, path: "/v1/anything") == .scope(.operate))
        #expect(RouteAccess.required(method: .get, path: "/metrics") == .scope(.read))
        #expect(RouteAccess.required(method: .get, path: "/metrics", metricsOpen: true) == .open)
        #expect(RouteAccess.required(method: .post, path: "/hooks/acme", webhookPaths: ["/hooks/acme"]) == .open)
        #expect(RouteAccess.required(method: .post, path: "/hooks/acme") == .scope(.operate))
        #expect(AccessScope.operate.grants(.read))
        #expect(!AccessScope.read.grants(.operate))
        #expect(!AccessScope.operate.grants(.ingest))
        #expect(!AccessScope.ingest.grants(.read))
    }

    @Test("Actions are recorded under the token's name, with the person a client names beside it")
    func actorIsTheToken() async throws {
        let access = try Self.access()
        try await ServerFixture.run(access: access) { _, base in
            var headers = Self.bearer(Self.operatorSecret)
            let plain = try await HTTP.request(
                "POST",
                "\(base)/v1/dlq/purge",
                body: #"{"stage":"x"}"#,
                headers: headers
            )
            #expect(plain.status == 200, "\(plain.text)")
            headers["X-Kontor-Actor"] = "erika"
            _ = try await HTTP.request("POST", "\(base)/v1/dlq/purge", body: #"{"stage":"x"}"#, headers: headers)
            headers["X-Kontor-Actor"] = "operator"
            _ = try await HTTP.request("POST", "\(base)/v1/dlq/purge", body: #"{"stage":"x"}"#, headers: headers)
            let audit = try await HTTP.request("GET", "\(base)/v1/audit", headers: Self.bearer(Self.readerSecret))
            let actors = (audit.json["entries"] as? [[String: Any]] ?? []).compactMap { $0["actor"] as? String }
            #expect(actors == ["operator", "operator for erika", "operator"])
        }
    }

    @Test("Access control off: every route open")
    func disabled() async throws {
        try await ServerFixture.run(access: .disabled) { _, base in
            let reply = try await HTTP.get("\(base)/v1/orders")
            #expect(reply.status == 200)
        }
    }

    @Test("Constant-time comparison: equal only for the same bytes, wherever they differ")
    func constantTime() {
        let hash = APIToken.hash("kontor_secret")
        #expect(ConstantTime.equals(hash, APIToken.hash("kontor_secret")))
        for index in [0, 15, 31] {
            var other = hash
            other[index] ^= 0x01
            #expect(!ConstantTime.equals(hash, other), "byte \(index)")
        }
        #expect(!ConstantTime.equals(hash, hash.dropLast()))
        #expect(!ConstantTime.equals(hash, [UInt8]()))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        // Every configured token is checked: the last one matches as well as the first.
        let tokens = (0..<5).map { APIToken(name: "t\($0)", scopes: [.read], secret: "kontor_\($0)") }
        let access = AccessControl(tokens: tokens)
        #expect(access.token(matching: "kontor_0")?.name == "t0")
        #expect(access.token(matching: "kontor_4")?.name == "t4")
        #expect(access.token(matching: "kontor_5") == nil)
    }

    @Test("Bearer header parsing: scheme case-insensitive, other schemes and empty tokens refused")
    func bearerParsing() async throws {
        try await ServerFixture.run(access: try Self.access()) { _, base in
            let headers = [
                "bearer \(Self.readerSecret)": 200, "Basic \(Self.readerSecret)": 401, "Bearer": 401,
                "Bearer ": 401, Self.readerSecret: 401,
            ]
            for (header, status) in headers {
                let reply = try await HTTP.request("GET", "\(base)/v1/orders", headers: ["Authorization": header])
                #expect(reply.status == status, "Authorization: \(header)")
            }
        }
    }
}
