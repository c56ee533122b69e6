import Foundation
import KontorServer
import KontorStore
import Logging

/// Builds the HTTP API's ``AccessControl`` from `auth.*`, the tokens file and `auth.tokens`. With no token
/// configured at all, it creates an admin token (every scope) on first start: its hash goes into the tokens file, the
/// token itself into `<stateDirectory>/admin.token` (mode 0600), so `kontor run` works out of the box and nothing
/// is open by accident. Removing the `admin` entry from the tokens file revokes it.
public enum AccessSetup {
    /// The access control, and the admin token file when the `admin` token in use is the one stored there.
    public struct Prepared: Sendable {
        public var access: AccessControl
        public var adminTokenFile: String?
    }

    /// The name of the generated token.
    public static let adminName = "admin"

    /// - Parameter sessions: Where dashboard sessions are shared between processes (the Kontor store); nil keeps
    ///   them in this process's memory.
    public static func prepare(
        _ configuration: KontorConfiguration,
        sessions: (any DashboardSessionStore)? = nil,
        logger: Logger
    ) throws -> Prepared {
        let auth = configuration.auth
        guard auth.enabled else {
            logger.warning("access control is off (auth.enabled: false): every HTTP route is open")
            return Prepared(access: .disabled, adminTokenFile: nil)
        }
        let tokensFile = configuration.tokensFilePath
        var tokens = try configuredTokens(configuration)
        let adminFile = configuration.adminTokenPath
        if tokens.isEmpty {
            let secret = APIToken.generateSecret()
            let admin = APIToken(name: adminName, scopes: Set(AccessScope.allCases), secret: secret)
            try SecretFile.write(secret + "\n", to: adminFile)
            try TokenFile.append(admin, to: tokensFile)
            tokens = [admin]
            logger.notice(
                "no API token configured: created the admin token",
                metadata: ["auth.tokenFile": "\(adminFile)", "auth.tokensFile": "\(tokensFile)"]
            )
        }
        let access = AccessControl(
            tokens: tokens,
            dashboardPassword: auth.dashboardPassword,
            metricsOpen: auth.metricsOpen,
            secureCookie: auth.secureCookie,
            sessionLifetime: .seconds(auth.sessionMinutes * 60),
            passwordFailuresPerMinute: auth.passwordFailuresPerMinute,
            sharedSessions: sessions
        )
        return Prepared(access: access, adminTokenFile: adminTokenInUse(adminFile, access: access, logger: logger))
    }

    /// The tokens of the tokens file and `auth.tokens`; a name in both is an error.
    static func configuredTokens(_ configuration: KontorConfiguration) throws(AccessConfigurationError) -> [APIToken] {
        let tokensFile = configuration.tokensFilePath
        var tokens = try TokenFile.load(path: tokensFile)
        for token in configuration.auth.tokens {
            guard !tokens.contains(where: { $0.name == token.name }) else {
                throw AccessConfigurationError("auth.tokens: the name '\(token.name)' is also in \(tokensFile)")
            }
            tokens.append(token)
        }
        return tokens
    }

    /// `path` when it holds a token that is configured, warning when others could read it.
    static func adminTokenInUse(_ path: String, access: AccessControl, logger: Logger) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            access.token(matching: text.trimmingCharacters(in: .whitespacesAndNewlines)) != nil
        else { return nil }
        if let mode = SecretFile.permissions(of: path), mode & 0o077 != 0 {
            logger.warning(
                "the admin token file is readable by others; chmod 600 it",
                metadata: ["auth.tokenFile": "\(path)", "file.mode": "\(String(mode, radix: 8))"]
            )
        }
        return path
    }
}
