import Foundation
import KontorModel
import KontorServer
import Testing

/// Dashboard login over a real server: the cookie's attributes, a session carrying the token's (or the password's)
/// scopes, logout, expiry.
@Suite("Dashboard sessions", .serialized)
struct SessionTests {
    typealias Auth = AccessControlTests

    /// The `kontor_session=...` pair of a Set-Cookie header.
    static func cookie(_ reply: HTTP.Reply) throws -> String {
        let header = try #require(reply.headers["set-cookie"])
        return try #require(header.split(separator: ";").first.map(String.init))
    }

    @Test("Token login: an HttpOnly, SameSite=Strict, expiring cookie with the token's scopes; logout ends it")
    func tokenLogin() async throws {
        try await ServerFixture.run(access: try Auth.access()) { fixture, base in
            let order = try ServerFixture.order(number: "SO-SESSION")
            try await fixture.project(order)
            let login = try await HTTP.request(
                "POST",
                "\(base)/v1/session",
                body: #"{"token":"\#(Auth.readerSecret)"}"#
            )
            #expect(login.status == 200)
            #expect(login.json["name"] as? String == "reader")
            #expect(login.json["scopes"] as? [String] == ["read"])
            #expect(login.json["expiresAt"] is String)
            let header = try #require(login.headers["set-cookie"])
            for attribute in ["HttpOnly", "SameSite=Strict", "Max-Age=28800", "Path=/"] {
                #expect(header.contains(attribute), "\(header) lacks \(attribute)")
            }
            #expect(!header.contains("Secure"))
            let cookie = try Self.cookie(login)
            #expect(cookie.hasPrefix("kontor_session=") && cookie.count > 40)
            #expect(!cookie.contains(Auth.readerSecret))

            #expect(try await HTTP.request("GET", "\(base)/v1/orders", headers: ["Cookie": cookie]).status == 200)
            let hold = try await HTTP.request(
                "POST",
                "\(base)/v1/orders/\(order.id!.rawValue)/hold",
                headers: ["Cookie": cookie]
            )
            #expect(hold.status == 403)

            let logout = try await HTTP.request("DELETE", "\(base)/v1/session", headers: ["Cookie": cookie])
            #expect(logout.status == 204)
            #expect(logout.headers["set-cookie"]?.contains("Max-Age=0") == true)
            #expect(try await HTTP.request("GET", "\(base)/v1/orders", headers: ["Cookie": cookie]).status == 401)
            let forged = "kontor_session=" + String(repeating: "A", count: 43)
            #expect(try await HTTP.request("GET", "\(base)/v1/orders", headers: ["Cookie": forged]).status == 401)
        }
    }

    @Test("Password login: scope operate (acts on orders, cannot ingest); wrong passwords and tokens refused")
    func passwordLogin() async throws {
        try await ServerFixture.run(access: try Auth.access()) { fixture, base in
            let order = try ServerFixture.order(number: "SO-PASSWORD")
            try await fixture.project(order)
            let login = try await HTTP.request("POST", "\(base)/v1/session", body: #"{"password":"\#(Auth.password)"}"#)
            #expect(login.status == 200)
            #expect(login.json["name"] as? String == "dashboard")
            #expect(login.json["scopes"] as? [String] == ["operate"])
            let cookie = try Self.cookie(login)
            #expect(try await HTTP.request("GET", "\(base)/v1/orders", headers: ["Cookie": cookie]).status == 200)
            let hold = try await HTTP.request(
                "POST",
                "\(base)/v1/orders/\(order.id!.rawValue)/hold",
                headers: ["Cookie": cookie]
            )
            #expect(hold.status == 202)
            let ingest = try await HTTP.request(
                "POST",
                "\(base)/v1/orders",
                body: ServerFixture.orderJSON(number: "SO-PW-NEW"),
                headers: ["Cookie": cookie]
            )
            #expect(ingest.status == 403)

            for body in [#"{"password":"wrong horse battery"}"#, #"{"token":"kontor_nope"}"#] {
                let refused = try await HTTP.request("POST", "\(base)/v1/session", body: body)
                #expect(refused.status == 401, "\(body)")
                #expect(refused.headers["set-cookie"] == nil)
            }
            let empty = try await HTTP.request("POST", "\(base)/v1/session", body: #"{"user":"x"}"#)
            #expect(empty.status == 400)
            #expect(empty.json["field"] as? String == "token")
        }
    }

    @Test("Without a configured password, password login is refused")
    func noPassword() async throws {
        let access = AccessControl(tokens: [APIToken(name: "reader", scopes: [.read], secret: Auth.readerSecret)])
        try await ServerFixture.run(access: access) { _, base in
            let refused = try await HTTP.request("POST", "\(base)/v1/session", body: #"{"password":""}"#)
            #expect(refused.status == 401)
        }
    }

    @Test("Sessions expire after their lifetime; Secure with auth.secureCookie")
    func expiry() async throws {
        let sessions = SessionStore(lifetime: .seconds(60))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let session = try await sessions.create(for: Principal(name: "reader", scopes: [.read]), now: start)
        #expect(session.expires == start.addingTimeInterval(60))
        #expect(await sessions.principal(for: session.id, now: start.addingTimeInterval(59))?.name == "reader")
        #expect(await sessions.principal(for: session.id, now: start.addingTimeInterval(60)) == nil)
        #expect(await sessions.count(now: start) == 0)

        var access = AccessControl(tokens: [APIToken(name: "reader", scopes: [.read], secret: Auth.readerSecret)])
        access.secureCookie = true
        try await ServerFixture.run(access: access) { _, base in
            let login = try await HTTP.request(
                "POST",
                "\(base)/v1/session",
                body: #"{"token":"\#(Auth.readerSecret)"}"#
            )
            #expect(login.headers["set-cookie"]?.contains("Secure") == true)
        }
    }
}
