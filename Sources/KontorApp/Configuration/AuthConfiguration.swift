import Foundation
import KontorServer

/// Access control settings (`auth.*`): who may call the HTTP API. See the README, "Access control".
public struct AuthConfiguration: Sendable {
    /// False opens every route (only behind another gate).
    public var enabled = true
    /// The tokens file; nil is `<stateDirectory>/tokens.yaml`.
    public var tokensFile: String?
    /// Tokens from `auth.tokens` / `KONTOR_AUTH_TOKENS` (`NAME:SCOPE+SCOPE:SHA256`), beside the file's.
    public var tokens: [APIToken] = []
    /// The dashboard password's hash; nil disables password login.
    public var dashboardPassword: PasswordHash?
    /// Serve `/metrics` without a token.
    public var metricsOpen = false
    /// How long a dashboard session lasts.
    public var sessionMinutes = 480
    /// Mark the session cookie `Secure` (when served over HTTPS).
    public var secureCookie = false
    /// Wrong dashboard passwords per minute before password login is refused for a while (0: no limit).
    public var passwordFailuresPerMinute = 10
    /// How often `kontor run` looks at the tokens file for changes (0: read at start only).
    public var tokensReloadSeconds = 5

    public init() {}

    /// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`) for the key at `path`.
    static func bool(_ text: String, _ path: String) throws(ConfigurationError) -> Bool {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw ConfigurationError("\(path): '\(text)' is not true or false")
        }
    }

    /// Parses `auth.tokens`: comma-separated `NAME:SCOPE+SCOPE:SHA256` entries.
    static func tokens(_ text: String) throws(ConfigurationError) -> [APIToken] {
        var tokens: [APIToken] = []
        for (index, entry) in text.split(separator: ",").enumerated() where !entry.allSatisfy(\.isWhitespace) {
            do {
                tokens.append(try APIToken(entry: String(entry), location: "auth.tokens[\(index)]"))
            } catch {
                throw ConfigurationError(error.message)
            }
        }
        return tokens
    }
}

extension KontorConfiguration {
    /// The tokens file in use: `auth.tokensFile` or `<stateDirectory>/tokens.yaml`.
    public var tokensFilePath: String {
        auth.tokensFile ?? URL(fileURLWithPath: stateDirectory).appendingPathComponent("tokens.yaml").path
    }

    /// Where the generated admin token is kept: `<stateDirectory>/admin.token`.
    public var adminTokenPath: String {
        URL(fileURLWithPath: stateDirectory).appendingPathComponent("admin.token").path
    }
}
