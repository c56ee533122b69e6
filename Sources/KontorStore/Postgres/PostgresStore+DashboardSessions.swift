import KontorModel
import PostgresNIO

extension PostgresStore: DashboardSessionStore {
    public func saveDashboardSession(_ session: DashboardSession) async throws {
        let scopes = session.scopes.joined(separator: ",")
        try await execute(
            """
            INSERT INTO dashboard_sessions (id_hash, name, scopes, expires_at)
            VALUES (\(session.idHash), \(session.name), \(scopes), \(Int(session.expiresAt.microsecondsSinceEpoch)))
            ON CONFLICT (id_hash) DO UPDATE SET name = EXCLUDED.name, scopes = EXCLUDED.scopes,
                expires_at = EXCLUDED.expires_at
            """
        )
    }

    public func dashboardSession(idHash: String, now: Timestamp) async throws -> DashboardSession? {
        try await fetch(
            """
            SELECT * FROM dashboard_sessions
            WHERE id_hash = \(idHash) AND expires_at > \(Int(now.microsecondsSinceEpoch))
            """
        ) { row in
            DashboardSession(
                idHash: try row.value("id_hash", as: String.self),
                name: try row.value("name", as: String.self),
                scopes: try row.value("scopes", as: String.self).split(separator: ",").map(String.init),
                expiresAt: Timestamp(microsecondsSinceEpoch: Int64(try row.value("expires_at", as: Int.self)))
            )
        }.first
    }

    public func deleteDashboardSession(idHash: String) async throws {
        try await execute("DELETE FROM dashboard_sessions WHERE id_hash = \(idHash)")
    }

    public func deleteDashboardSessions(keepingOnly names: Set<String>, now: Timestamp) async throws {
        try await execute(
            """
            DELETE FROM dashboard_sessions
            WHERE NOT (name = ANY(\(names.sorted()))) OR expires_at <= \(Int(now.microsecondsSinceEpoch))
            """
        )
    }
}
