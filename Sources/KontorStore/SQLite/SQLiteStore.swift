import Foundation
import GRDB

/// Kontor's embedded store: one SQLite file (WAL mode) under the state folder.
/// Schema migrations run when it opens.
///
/// Every write is one `BEGIN IMMEDIATE` transaction: writers, in this process (GRDB serializes them) and in others
/// sharing the file (SQLite's file lock), run one at a time, so a check and the update that follows it are atomic.
public final class SQLiteStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try Self.migrate(pool)
    }

    /// Applies pending migrations. GRDB reads the applied ones before it takes the write lock, so another process
    /// opening the same file at once may apply a migration in between, and recording it again then fails. The
    /// migrations tolerate existing objects, so trying again (now seeing it applied) completes the schema.
    private static func migrate(_ pool: DatabasePool) throws {
        var attempt = 1
        while true {
            do {
                return try migrator.migrate(pool)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT && attempt < 5 {
                attempt += 1
            }
        }
    }

    /// Every schema change, in order; applied migrations are never edited, only appended to.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Migrations tolerate existing objects: two processes sharing one file may race to apply one.
        migrator.registerMigration("v1-processed-events") { db in
            try db.create(table: "processed_events", options: .ifNotExists) { table in
                table.column("stage", .text).notNull()
                table.column("event_id", .text).notNull()
                table.column("processed_at", .datetime).notNull()
                table.primaryKey(["stage", "event_id"])
            }
            try db.create(
                index: "processed_events_by_time",
                on: "processed_events",
                columns: ["processed_at"],
                options: .ifNotExists
            )
        }
        migrator.registerMigration("v2-connector-state") { db in
            try db.create(table: "webhook_deliveries", options: .ifNotExists) { table in
                table.column("connector", .text).notNull()
                table.column("delivery_id", .text).notNull()
                table.column("received_at", .datetime).notNull()
                table.primaryKey(["connector", "delivery_id"])
            }
            try db.create(table: "connector_checkpoints", options: .ifNotExists) { table in
                table.column("connector", .text).notNull().primaryKey()
                table.column("value", .text).notNull()
                table.column("updated_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3-sequences") { db in
            try db.create(table: "sequences", options: .ifNotExists) { table in
                table.column("name", .text).notNull().primaryKey()
                table.column("value", .integer).notNull()
            }
        }
        SQLiteSchema.register(in: &migrator)
        SQLiteSchema.registerFulfillment(in: &migrator)
        return migrator
    }

    /// Names of the migrations applied so far.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try Self.migrator.appliedMigrations($0) }
    }
}

extension SQLiteStore: ProcessedEventLog {
    public func processed(stage: String, among eventIDs: [String]) async throws -> Set<String> {
        guard !eventIDs.isEmpty else { return [] }
        return try await pool.read { db in
            var found: Set<String> = []
            // SQLite limits bound parameters per statement; query in chunks.
            for start in stride(from: 0, to: eventIDs.count, by: 500) {
                let chunk = Array(eventIDs[start..<min(start + 500, eventIDs.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let ids = try String.fetchAll(
                    db,
                    sql: "SELECT event_id FROM processed_events WHERE stage = ? AND event_id IN (\(marks))",
                    arguments: StatementArguments([stage] + chunk)
                )
                found.formUnion(ids)
            }
            return found
        }
    }

    public func record(stage: String, eventIDs: [String]) async throws {
        guard !eventIDs.isEmpty else { return }
        let now = Date()
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO processed_events (stage, event_id, processed_at) VALUES (?, ?, ?)"
            )
            for id in eventIDs {
                try statement.execute(arguments: [stage, id, now])
            }
        }
    }

    /// Forgets processed-event records older than `age`; returns how many were removed.
    @discardableResult
    public func pruneProcessedEvents(olderThan age: Duration) async throws -> Int {
        let cutoff = Date().addingTimeInterval(-Double(age.components.seconds))
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM processed_events WHERE processed_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }
}

extension SQLiteStore: ConnectorStateStore {
    public func recordDelivery(connector: String, deliveryID: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO webhook_deliveries (connector, delivery_id, received_at) VALUES (?, ?, ?)",
                arguments: [connector, deliveryID, Date()]
            )
            return db.changesCount == 1
        }
    }

    public func hasDelivery(connector: String, deliveryID: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM webhook_deliveries WHERE connector = ? AND delivery_id = ?",
                arguments: [connector, deliveryID]
            ) ?? false
        }
    }

    public func checkpoint(connector: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT value FROM connector_checkpoints WHERE connector = ?",
                arguments: [connector]
            )
        }
    }

    public func saveCheckpoint(connector: String, value: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO connector_checkpoints (connector, value, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(connector) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """,
                arguments: [connector, value, Date()]
            )
        }
    }

    public func nextSequenceNumber(_ name: String) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sequences (name, value) VALUES (?, 1)
                    ON CONFLICT(name) DO UPDATE SET value = value + 1
                    """,
                arguments: [name]
            )
            return try Int.fetchOne(db, sql: "SELECT value FROM sequences WHERE name = ?", arguments: [name]) ?? 1
        }
    }
}
