import Foundation
import KontorApp
import KontorServer
import Logging
import Testing

/// `auth.*` configuration and what `kontor run` makes of it: the admin token on first start, tokens from the file
/// and the environment, errors naming the key.
@Suite("Access setup")
struct AccessSetupTests {
    static let logger = Logger(label: "kontor.auth.tests")

    static func configuration(_ environment: [String: String] = [:]) throws -> KontorConfiguration {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-auth-\(UUID().uuidString)")
        return try ConfigurationLoader(environment: environment).load(file: nil, flags: ["stateDirectory": state.path])
    }

    @Test("No token configured: an admin token with every scope, in admin.token (0600), its hash in tokens.yaml")
    func adminToken() throws {
        let configuration = try Self.configuration()
        #expect(configuration.auth.enabled)
        let first = try AccessSetup.prepare(configuration, logger: Self.logger)
        #expect(first.adminTokenFile == configuration.adminTokenPath)
        #expect(SecretFile.permissions(of: configuration.adminTokenPath) == 0o600)
        let secret = try String(contentsOfFile: configuration.adminTokenPath, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(first.access.token(matching: secret)?.scopes == [.read, .operate, .ingest])
        #expect(!(try String(contentsOfFile: configuration.tokensFilePath, encoding: .utf8)).contains(secret))
        #expect(try TokenFile.load(path: configuration.tokensFilePath).map(\.name) == ["admin"])

        // The next start keeps it.
        let second = try AccessSetup.prepare(configuration, logger: Self.logger)
        #expect(second.access.token(matching: secret)?.name == "admin")
        #expect(second.access.tokens.count == 1)
        #expect(second.adminTokenFile == configuration.adminTokenPath)
    }

    @Test("Configured tokens (file and KONTOR_AUTH_TOKENS): no admin token is made")
    func configuredTokens() throws {
        let ci = APIToken(name: "ci", scopes: [.ingest], secret: "kontor_ci")
        var configuration = try Self.configuration(["KONTOR_AUTH_TOKENS": "ci:ingest:\(ci.sha256Hex)"])
        #expect(configuration.auth.tokens == [ci])
        try TokenFile.append(
            APIToken(name: "ops", scopes: [.operate], secret: "kontor_ops"),
            to: configuration.tokensFilePath
        )
        let prepared = try AccessSetup.prepare(configuration, logger: Self.logger)
        #expect(prepared.adminTokenFile == nil)
        #expect(!FileManager.default.fileExists(atPath: configuration.adminTokenPath))
        #expect(prepared.access.token(matching: "kontor_ci")?.name == "ci")
        #expect(prepared.access.token(matching: "kontor_ops")?.name == "ops")

        // The same name in both places is refused.
        configuration.auth.tokens = [APIToken(name: "ops", scopes: [.read], secret: "kontor_other")]
        #expect {
            try AccessSetup.prepare(configuration, logger: Self.logger)
        } throws: { "\($0)".contains("auth.tokens: the name 'ops' is also in") }
    }

    @Test("auth.enabled: false opens every route and makes no token")
    func disabled() throws {
        let configuration = try Self.configuration(["KONTOR_AUTH_ENABLED": "false"])
        let prepared = try AccessSetup.prepare(configuration, logger: Self.logger)
        #expect(!prepared.access.enabled)
        #expect(!FileManager.default.fileExists(atPath: configuration.tokensFilePath))
    }

    @Test("auth.* keys: values parsed, wrong ones refused naming the variable and key")
    func keys() throws {
        let hash = try PasswordHash(hashing: "correct horse battery", rounds: 210_000)
        let configuration = try Self.configuration([
            "KONTOR_AUTH_METRICS_OPEN": "true", "KONTOR_AUTH_SESSION_MINUTES": "30",
            "KONTOR_AUTH_DASHBOARD_PASSWORD": hash.description, "KONTOR_AUTH_SECURE_COOKIE": "yes",
            "KONTOR_AUTH_TOKENS_FILE": "/etc/kontor/tokens.yaml",
        ])
        #expect(configuration.auth.metricsOpen)
        #expect(configuration.auth.sessionMinutes == 30)
        #expect(configuration.auth.dashboardPassword == hash)
        #expect(configuration.auth.secureCookie)
        #expect(configuration.tokensFilePath == "/etc/kontor/tokens.yaml")

        let wrong: [(String, String, String)] = [
            ("KONTOR_AUTH_ENABLED", "maybe", "$KONTOR_AUTH_ENABLED: auth.enabled: 'maybe' is not true or false"),
            (
                "KONTOR_AUTH_DASHBOARD_PASSWORD", "hunter2hunter2",
                "$KONTOR_AUTH_DASHBOARD_PASSWORD: auth.dashboardPassword: must be"
            ),
            (
                "KONTOR_AUTH_TOKENS", "ci:root:abc",
                "$KONTOR_AUTH_TOKENS: auth.tokens[0] (ci): scopes: unknown scope 'root'"
            ),
        ]
        for (variable, value, message) in wrong {
            #expect {
                try ConfigurationLoader(environment: [variable: value]).load(file: nil)
            } throws: { error in
                "\(error)".hasPrefix(message) && !"\(error)".contains("hunter2")
            }
        }
    }
}

@Suite("Tokens file reloaded while running")
struct TokenFileReloaderTests {
    @Test("A token added with the file works, a removed one stops (its sessions end), a broken file changes nothing")
    func reload() async throws {
        let ci = APIToken(name: "ci", scopes: [.ingest], secret: "kontor_ci")
        let configuration = try AccessSetupTests.configuration()
        try FileManager.default.createDirectory(
            atPath: configuration.stateDirectory,
            withIntermediateDirectories: true
        )
        try TokenFile.append(ci, to: configuration.tokensFilePath)
        let access = try AccessSetup.prepare(configuration, logger: AccessSetupTests.logger).access
        let reloader = TokenFileReloader(
            configuration: configuration,
            access: access,
            interval: .seconds(5),
            logger: AccessSetupTests.logger
        )
        #expect(await reloader.reloadIfChanged() == false)
        #expect(access.token(matching: "kontor_ops") == nil)

        // `kontor token create` appends to the file: the new token works at the next look.
        let ops = APIToken(name: "ops", scopes: [.read, .operate], secret: "kontor_ops")
        try TokenFile.append(ops, to: configuration.tokensFilePath)
        #expect(await reloader.reloadIfChanged())
        #expect(access.token(matching: "kontor_ops")?.name == "ops")
        let session = try await access.sessions.create(for: Principal(name: "ops", scopes: [.read, .operate]))
        let password = try await access.sessions.create(for: Principal(name: "dashboard", scopes: [.operate]))

        // A file that does not read: the tokens in force stay.
        try "tokens: [ {name: ops".write(toFile: configuration.tokensFilePath, atomically: true, encoding: .utf8)
        #expect(await reloader.reloadIfChanged() == false)
        #expect(access.token(matching: "kontor_ops")?.name == "ops")

        // ops removed: its token and its dashboard session stop working; ci and the password session stay.
        try FileManager.default.removeItem(atPath: configuration.tokensFilePath)
        try TokenFile.append(ci, to: configuration.tokensFilePath)
        #expect(await reloader.reloadIfChanged())
        #expect(access.token(matching: "kontor_ops") == nil)
        #expect(access.token(matching: "kontor_ci")?.name == "ci")
        #expect(await access.sessions.principal(for: session.id) == nil)
        #expect(await access.sessions.principal(for: password.id)?.name == "dashboard")
    }
}
