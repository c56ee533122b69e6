import Foundation
import Hummingbird
import KontorServer
import Logging
import Synchronization
import Testing

/// Every log line of a real server at trace level, captured: tokens, passwords and session ids must not appear.
@Suite("Secrets stay out of the logs", .serialized)
struct TokenLoggingTests {
    /// Collects rendered log lines (message and metadata).
    struct CapturingLogHandler: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            lines.withLock { $0.append("\(event.level) \(event.message) \(all) \(event.source)") }
        }
    }

    @Test("Tokens, the password and session ids never reach the log, at any level")
    func secretsNotLogged() async throws {
        let lines = LogLines()
        let logger = Logger(label: "kontor.auth.tests") { _ in CapturingLogHandler(lines: lines) }
        let secrets = [
            AccessControlTests.readerSecret, AccessControlTests.operatorSecret, AccessControlTests.password,
        ]
        let cookies = LogLines()
        try await ServerFixture.run(access: try AccessControlTests.access(), serverLogger: logger) { _, base in
            let url = "\(base)/v1/orders"
            let bearer = AccessControlTests.bearer
            #expect(try await HTTP.request("GET", url, headers: bearer(AccessControlTests.readerSecret)).status == 200)
            #expect(
                try await HTTP.request("GET", url, headers: bearer(AccessControlTests.operatorSecret + "x")).status
                    == 401
            )
            #expect(
                try await HTTP.request("POST", url, body: "{}", headers: bearer(AccessControlTests.readerSecret)).status
                    == 403
            )
            let login = try await HTTP.request(
                "POST",
                "\(base)/v1/session",
                body: #"{"password":"\#(AccessControlTests.password)"}"#
            )
            let cookie = try SessionTests.cookie(login)
            let viaSession = try await HTTP.request("GET", url, headers: ["Cookie": cookie])
            #expect(viaSession.status == 200, "\(login.status) \(login.headers) \(viaSession.text)")
            cookies.withLock { $0.append(String(cookie.dropFirst("kontor_session=".count))) }
        }
        let log = lines.withLock { $0.joined(separator: "\n") }
        // The capture works: the requests and the refusal (by the token's name) are there.
        #expect(log.contains("/v1/orders"))
        #expect(log.contains("reader"))
        let sessionIDs = cookies.withLock { $0 }
        #expect(sessionIDs.count == 1)
        for secret in secrets + sessionIDs {
            #expect(!log.contains(secret), "'\(secret)' is in the log")
        }
    }
}

/// Lines shared between a test and the handlers (or requests) it runs.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func withLock<Result: Sendable>(_ body: (inout [String]) -> Result) -> Result {
        lines.withLock { body(&$0) }
    }
}
