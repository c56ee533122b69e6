import Crypto
import Foundation
import KontorModel
import KontorStore
import Logging

/// Dashboard sessions: a random id (sent as the session cookie) → who logged in and until when. Ids are kept only as
/// their SHA-256, so neither a memory dump nor the database hands out live cookies.
///
/// With a ``DashboardSessionStore`` (what `kontor run` passes: the Kontor store), sessions are shared by every process
/// serving the API, so a login is valid behind a load balancer and survives a restart, and a logout ends it
/// everywhere (each request reads the store, so no process trusts a session another one ended). Without one they live
/// in this process's memory only.
public actor SessionStore {
    struct Session {
        var principal: Principal
        var expires: Date
    }

    private var sessions: [[UInt8]: Session] = [:]
    private let shared: (any DashboardSessionStore)?
    private let logger: Logger
    /// How long a session lasts from login.
    public let lifetime: Duration

    /// Sessions lasting `lifetime`, shared through `shared` when given.
    public init(
        lifetime: Duration,
        shared: (any DashboardSessionStore)? = nil,
        logger: Logger = Logger(label: "kontor.sessions")
    ) {
        self.lifetime = lifetime
        self.shared = shared
        self.logger = logger
    }

    /// Starts a session for `principal`; returns its id (256 random bits, base64url) and when it expires.
    /// - Throws: the shared store's error (the login then fails; no session exists anywhere).
    public func create(for principal: Principal, now: Date = Date()) async throws -> (id: String, expires: Date) {
        sessions = sessions.filter { $0.value.expires > now }
        let id = APIToken.randomBase64URL(byteCount: 32)
        let expires = now.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        let key = APIToken.hash(id)
        if let shared {
            try await shared.saveDashboardSession(
                DashboardSession(
                    idHash: Self.hex(key),
                    name: principal.name,
                    scopes: principal.scopes.map(\.rawValue).sorted(),
                    expiresAt: Timestamp(expires)
                )
            )
        } else {
            sessions[key] = Session(principal: principal, expires: expires)
        }
        return (id, expires)
    }

    /// Who the session `id` belongs to, or nil for an unknown, ended or expired one. A session another process
    /// started is read from the shared store.
    public func principal(for id: String, now: Date = Date()) async -> Principal? {
        let key = APIToken.hash(id)
        guard let shared else {
            guard let session = sessions[key] else { return nil }
            guard session.expires > now else {
                sessions[key] = nil
                return nil
            }
            return session.principal
        }
        do {
            guard let stored = try await shared.dashboardSession(idHash: Self.hex(key), now: Timestamp(now))
            else { return nil }
            return Principal(name: stored.name, scopes: Set(stored.scopes.compactMap { AccessScope(rawValue: $0) }))
        } catch {
            logger.error(
                "cannot read dashboard sessions; the request is refused",
                metadata: ["kontor.error": "\(error)"]
            )
            return nil
        }
    }

    /// Ends the session `id` (logout), here and in the shared store.
    public func remove(_ id: String) async {
        let key = APIToken.hash(id)
        sessions[key] = nil
        do {
            try await shared?.deleteDashboardSession(idHash: Self.hex(key))
        } catch {
            logger.error("cannot end a dashboard session in the store", metadata: ["kontor.error": "\(error)"])
        }
    }

    /// Ends every session of a principal whose name is not in `names`, here and in the shared store.
    public func end(keepingOnly names: Set<String>, now: Date = Date()) async {
        sessions = sessions.filter { names.contains($0.value.principal.name) }
        do {
            try await shared?.deleteDashboardSessions(keepingOnly: names, now: Timestamp(now))
        } catch {
            logger.error("cannot end revoked tokens' sessions in the store", metadata: ["kontor.error": "\(error)"])
        }
    }

    /// Sessions held in this process's memory (without a shared store) that have not expired.
    public func count(now: Date = Date()) -> Int {
        sessions.values.filter { $0.expires > now }.count
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
