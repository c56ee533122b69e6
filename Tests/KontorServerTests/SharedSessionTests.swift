import Foundation
import KontorServer
import KontorStore
import KontorTestSupport
import Testing

@Suite("Dashboard sessions shared by several API processes through the store")
struct SharedSessionTests {
    typealias Auth = AccessControlTests

    static func access(_ store: any DashboardSessionStore) -> AccessControl {
        AccessControl(
            tokens: [APIToken(name: "reader", scopes: [.read], secret: Auth.readerSecret)],
            sharedSessions: store
        )
    }

    @Test("A login on one process is valid on another; a logout on either ends it on both")
    func sharedLoginAndLogout() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-sessions-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("kontor.sqlite").path)
        let other = Self.access(store)
        try await ServerFixture.run(access: Self.access(store)) { _, base in
            // Logged in on the other process (same store): this one accepts the cookie.
            let session = try await other.sessions.create(for: Principal(name: "reader", scopes: [.read]))
            let cookie = ["Cookie": "\(AccessControl.cookieName)=\(session.id)"]
            #expect(try await HTTP.request("GET", "\(base)/v1/orders", headers: cookie).status == 200)

            // Logged in here: the other process knows the session; a logout here ends it there too.
            let login = try await HTTP.request(
                "POST",
                "\(base)/v1/session",
                body: #"{"token":"\#(Auth.readerSecret)"}"#
            )
            #expect(login.status == 200)
            let id = try #require(
                login.headers["set-cookie"]?.split(separator: ";").first?.split(separator: "=").last.map(String.init)
            )
            #expect(await other.sessions.principal(for: id)?.name == "reader")
            let logout = try await HTTP.request(
                "DELETE",
                "\(base)/v1/session",
                headers: ["Cookie": "\(AccessControl.cookieName)=\(id)"]
            )
            #expect(logout.status == 204)
            #expect(await other.sessions.principal(for: id) == nil)

            // A logout on the other process: this one refuses the first cookie at once.
            await other.sessions.remove(session.id)
            #expect(try await HTTP.request("GET", "\(base)/v1/orders", headers: cookie).status == 401)
        }
    }
}
