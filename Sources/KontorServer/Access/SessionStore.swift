import Crypto
import Foundation

/// Dashboard sessions, in memory: a random id (sent as the session cookie) → who logged in and until when.
/// Ids are kept only as their SHA-256, so a memory dump does not hand out live cookies. A restart logs everyone out.
public actor SessionStore {
    struct Session {
        var principal: Principal
        var expires: Date
    }

    private var sessions: [[UInt8]: Session] = [:]
    /// How long a session lasts from login.
    public let lifetime: Duration

    public init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// Starts a session for `principal`; returns its id (256 random bits, base64url) and when it expires.
    public func create(for principal: Principal, now: Date = Date()) -> (id: String, expires: Date) {
        sessions = sessions.filter { $0.value.expires > now }
        let id = APIToken.randomBase64URL(byteCount: 32)
        let expires = now.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        sessions[APIToken.hash(id)] = Session(principal: principal, expires: expires)
        return (id, expires)
    }

    /// Who the session `id` belongs to, or nil for an unknown or expired one.
    public func principal(for id: String, now: Date = Date()) -> Principal? {
        let key = APIToken.hash(id)
        guard let session = sessions[key] else { return nil }
        guard session.expires > now else {
            sessions[key] = nil
            return nil
        }
        return session.principal
    }

    /// Ends the session `id` (logout).
    public func remove(_ id: String) {
        sessions[APIToken.hash(id)] = nil
    }

    /// Ends every session of a principal whose name is not in `names`.
    public func end(keepingOnly names: Set<String>) {
        sessions = sessions.filter { names.contains($0.value.principal.name) }
    }

    /// Sessions that have not expired.
    public func count(now: Date = Date()) -> Int {
        sessions.values.filter { $0.expires > now }.count
    }
}
