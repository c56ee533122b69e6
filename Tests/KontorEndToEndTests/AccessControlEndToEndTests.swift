import Foundation
import Testing

/// Access control of `kontor run` as a user meets it: the admin token made on first start, tokens made with
/// `kontor token create`, and the password hash of `kontor token password`.
@Suite("End to end: access control", .serialized, .timeLimit(.minutes(5)))
struct AccessControlEndToEndTests {
    @Test("First start: admin token in the state folder (0600), named at start; routes need it, health does not")
    func adminTokenOnFirstStart() async throws {
        let kontor = try KontorProcess()
        try await kontor.start()
        let base = kontor.httpAddress
        let tokenFile = kontor.stateDirectory.appendingPathComponent("admin.token").path
        let token = try #require(kontor.adminToken)
        #expect(token.hasPrefix("kontor_"))
        let mode = try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(kontor.log.contains("Auth:   admin token in \(tokenFile)"))
        #expect(!kontor.log.contains(token))

        #expect(try await HTTPClient.request("GET", "\(base)/healthz", authenticated: false).status == 200)
        let refused = try await HTTPClient.request("GET", "\(base)/v1/orders", authenticated: false)
        #expect(refused.status == 401)
        #expect(refused.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        #expect(try await HTTPClient.request("GET", "\(base)/v1/orders").status == 200)
        #expect(try await kontor.terminate() == 0)
        #expect(!kontor.log.contains(token))
    }

    @Test(
        "kontor token create: the token once on stdout, its hash in tokens.yaml; kontor run then makes no admin token"
    )
    func createdToken() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-e2e-\(UUID().uuidString)")
        let created = try TranslateCommandTests.kontor([
            "token", "create", "reader", "--scope", "read", "--state-dir", state.path,
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let token = String(decoding: created.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("kontor_") && !token.contains("\n"))
        #expect(created.stderr.contains("tokens.yaml"))
        let file = try String(contentsOf: state.appendingPathComponent("tokens.yaml"), encoding: .utf8)
        #expect(file.contains("name: reader") && !file.contains(token))
        let again = try TranslateCommandTests.kontor([
            "token", "create", "reader", "--scope", "read", "--state-dir", state.path,
        ])
        #expect(again.status != 0)
        #expect(again.stderr.contains("'reader' exists already"))
        let badScope = try TranslateCommandTests.kontor([
            "token", "create", "x", "--scope", "root", "--state-dir", state.path,
        ])
        #expect(badScope.stderr.contains("unknown scope 'root'"))

        let kontor = try KontorProcess(stateDirectory: state, arguments: ["--set", "auth.tokensReloadSeconds=1"])
        try await kontor.start()
        let base = kontor.httpAddress
        #expect(kontor.adminToken == nil)
        #expect(kontor.log.contains("Auth:   tokens in"))
        let bearer = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
        #expect(try await HTTPClient.request("GET", "\(base)/v1/orders", headers: bearer).status == 200)
        let ingest = try await HTTPClient.request(
            "POST",
            "\(base)/v1/orders",
            body: Data(SampleOrders.json(number: "E2E-AUTH").utf8),
            headers: bearer
        )
        #expect(ingest.status == 403)
        #expect(ingest.text.contains("'ingest'"))

        // A token created while kontor runs works without a restart (the tokens file is looked at every second).
        let shop = try TranslateCommandTests.kontor([
            "token", "create", "shop", "--scope", "ingest", "--state-dir", state.path,
        ])
        #expect(shop.status == 0, "\(shop.stderr)")
        let shopToken = String(decoding: shop.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        let shopBearer = ["Authorization": "Bearer \(shopToken)", "Content-Type": "application/json"]
        var posted = try await HTTPClient.request("GET", "\(base)/v1/orders", headers: shopBearer)
        let deadline = ContinuousClock.now + .seconds(20)
        while posted.status == 401, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            posted = try await HTTPClient.request("GET", "\(base)/v1/orders", headers: shopBearer)
        }
        // Known now: an ingest-only token is refused reading orders (403), no longer unknown (401).
        #expect(posted.status == 403, "\(posted.text)")
        #expect(kontor.log.contains("tokens file reloaded"))
        #expect(try await kontor.terminate() == 0)
        #expect(!kontor.log.contains(token))
        #expect(!kontor.log.contains(shopToken))
    }

    @Test("kontor token password: reads stdin, prints a salted PBKDF2 hash, never the password")
    func passwordHash() throws {
        let process = Process()
        process.executableURL = KontorProcess.executable
        process.arguments = ["token", "password"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("correct horse battery\n".utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let hash = printed.trimmingCharacters(in: .newlines)
        #expect(hash.hasPrefix("pbkdf2-sha256:600000:"))
        #expect(!hash.contains("horse"))
    }
}
