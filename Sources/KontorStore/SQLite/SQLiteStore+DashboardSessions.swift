import GRDB
import KontorModel

extension SQLiteStore: DashboardSessionStore {
    public func saveDashboardSession(_ session: DashboardSession) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO dashboard_sessions (id_hash, name, scopes, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id_hash) DO UPDATE SET name = excluded.name, scopes = excluded.scopes,
                        expires_at = excluded.expires_at
                    """,
                arguments: [
                    session.idHash, session.name, session.scopes.joined(separator: ","),
                    session.expiresAt.microsecondsSinceEpoch,
                ]
            )
        }
    }

    public func dashboardSession(idHash: String, now: Timestamp) async throws -> DashboardSession? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM dashboard_sessions WHERE id_hash = ? AND expires_at > ?",
                arguments: [idHash, now.microsecondsSinceEpoch]
            ).map { row in
                DashboardSession(
                    idHash: row["id_hash"],
                    name: row["name"],
                    scopes: (row["scopes"] as String).split(separator: ",").map(String.init),
                    expiresAt: Timestamp(microsecondsSinceEpoch: row["expires_at"])
                )
            }
        }
    }

    public func deleteDashboardSession(idHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM dashboard_sessions WHERE id_hash = ?", arguments: [idHash])
        }
    }

    public func deleteDashboardSessions(keepingOnly names: Set<String>, now: Timestamp) async throws {
        try await pool.write { db in
            let kept = names.sorted()
            let placeholders = kept.isEmpty ? "''" : kept.map { _ in "?" }.joined(separator: ", ")
            var arguments: [any DatabaseValueConvertible] = kept
            arguments.append(now.microsecondsSinceEpoch)
            try db.execute(
                sql: "DELETE FROM dashboard_sessions WHERE name NOT IN (\(placeholders)) OR expires_at <= ?",
                arguments: StatementArguments(arguments)
            )
        }
    }
}
