import Foundation
import Hummingbird
import KontorStore

/// Who made a request: a token's or session's name and scopes.
public struct Principal: Sendable, Hashable {
    /// The token's name, or `dashboard` for a password login; never the secret.
    public var name: String
    public var scopes: Set<AccessScope>

    public init(name: String, scopes: Set<AccessScope>) {
        self.name = name
        self.scopes = scopes
    }

    /// Who the request being handled was authenticated as (set by ``AccessMiddleware`` around the route's handler).
    @TaskLocal public static var current: Principal?
}

/// The HTTP API's access control: the configured tokens, the dashboard password, the sessions and what stays open.
/// ``KontorRouter`` checks every route with it (see ``AccessMiddleware`` and ``RouteAccess``).
public struct AccessControl: Sendable {
    /// Off: every route is open (`auth.enabled: false`, or a router built for tests of other concerns).
    public var enabled: Bool
    /// The tokens in force; ``replaceTokens(_:)`` changes them for every copy of this value.
    public let registry: TokenRegistry
    /// The dashboard password's hash; nil disables password login.
    public var dashboardPassword: PasswordHash?
    /// `/metrics` without a token (`auth.metricsOpen`).
    public var metricsOpen: Bool
    /// Adds `Secure` to the session cookie (`auth.secureCookie`; for deployments behind HTTPS).
    public var secureCookie: Bool
    public let sessions: SessionStore
    /// Wrong dashboard passwords allowed per minute (`auth.passwordFailuresPerMinute`).
    public let passwordThrottle: PasswordLoginThrottle

    /// The name of the session cookie.
    public static let cookieName = "kontor_session"
    /// The scopes of a password login.
    public static let passwordScopes: Set<AccessScope> = [.operate]

    public init(
        enabled: Bool = true,
        tokens: [APIToken],
        dashboardPassword: PasswordHash? = nil,
        metricsOpen: Bool = false,
        secureCookie: Bool = false,
        sessionLifetime: Duration = .seconds(8 * 3600),
        passwordFailuresPerMinute: Int = 10,
        sharedSessions: (any DashboardSessionStore)? = nil
    ) {
        self.enabled = enabled
        self.registry = TokenRegistry(tokens)
        self.dashboardPassword = dashboardPassword
        self.metricsOpen = metricsOpen
        self.secureCookie = secureCookie
        self.sessions = SessionStore(lifetime: sessionLifetime, shared: sharedSessions)
        self.passwordThrottle = PasswordLoginThrottle(maxFailures: passwordFailuresPerMinute, window: .seconds(60))
    }

    /// No access control: every route open.
    public static var disabled: AccessControl { AccessControl(enabled: false, tokens: []) }

    /// The tokens in force.
    public var tokens: [APIToken] { registry.current }

    /// Puts `tokens` in force (a reloaded tokens file) and ends the dashboard sessions of tokens no longer among
    /// them (a revoked token's sessions end with it; password sessions stay).
    public func replaceTokens(_ tokens: [APIToken]) async {
        registry.replace(with: tokens)
        await sessions.end(keepingOnly: Set(tokens.map(\.name)).union(["dashboard"]))
    }

    /// The token whose hash matches `secret`'s. Every configured hash is compared, in constant time, whether or not
    /// an earlier one matched, so neither the answer's time nor its path tells which bytes or which token were right.
    public func token(matching secret: String) -> APIToken? {
        let presented = APIToken.hash(secret)
        var found: APIToken?
        for token in registry.current where ConstantTime.equals(token.sha256, presented) {
            found = token
        }
        return found
    }

    /// Who sent `request`: a valid bearer token, else a live session cookie; nil for neither.
    public func principal(of request: Request) async -> Principal? {
        if let secret = Self.bearerToken(request) {
            return token(matching: secret).map { Principal(name: $0.name, scopes: $0.scopes) }
        }
        if let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty {
            return await sessions.principal(for: cookie)
        }
        return nil
    }

    /// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750).
    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
