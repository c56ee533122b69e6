import KontorModel

/// Dashboard sessions shared by every process serving the HTTP API (several `ingest` instances behind a load
/// balancer): a login on one is valid on all, a logout ends it everywhere. Sessions are kept by the SHA-256 of their
/// id, never the id (the cookie) itself.
public protocol DashboardSessionStore: Sendable {
    /// Keeps a session.
    func saveDashboardSession(_ session: DashboardSession) async throws

    /// The session whose id hashes to `idHash`, if it exists and has not expired at `now`.
    func dashboardSession(idHash: String, now: Timestamp) async throws -> DashboardSession?

    /// Ends the session whose id hashes to `idHash`.
    func deleteDashboardSession(idHash: String) async throws

    /// Ends every session of a principal not named in `names`, and every session expired at `now`.
    func deleteDashboardSessions(keepingOnly names: Set<String>, now: Timestamp) async throws
}

/// One dashboard session as stored.
public struct DashboardSession: Sendable, Hashable {
    /// The SHA-256 of the session id, lowercase hex.
    public var idHash: String
    /// The token's name, or `dashboard` for a password login.
    public var name: String
    /// The scopes' names.
    public var scopes: [String]
    /// When it ends.
    public var expiresAt: Timestamp

    /// Creates a session.
    public init(idHash: String, name: String, scopes: [String], expiresAt: Timestamp) {
        self.idHash = idHash
        self.name = name
        self.scopes = scopes
        self.expiresAt = expiresAt
    }
}
