import Foundation
import GRDB
import KontorModel

extension SQLiteStore: IdempotencyStore {
    public func storedResponse(scope: String, key: String, requestHash: String) async throws -> IdempotentResponse? {
        try await pool.read { db in try Self.storedResponse(db, scope: scope, key: key, requestHash: requestHash) }
    }

    public func saveResponse(
        scope: String,
        key: String,
        requestHash: String,
        response: IdempotentResponse
    ) async throws -> IdempotentResponse {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO idempotency_keys (scope, key, request_hash, status_code, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    scope, key, requestHash, response.statusCode, Data(response.body),
                    Timestamp.now().microsecondsSinceEpoch,
                ]
            )
            return try Self.storedResponse(db, scope: scope, key: key, requestHash: requestHash)!
        }
    }

    @discardableResult
    public func pruneIdempotencyKeys(olderThan age: Duration) async throws -> Int {
        let cutoff = Timestamp.now().microsecondsSinceEpoch - age.microseconds
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE created_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }

    static func storedResponse(
        _ db: Database,
        scope: String,
        key: String,
        requestHash: String
    ) throws -> IdempotentResponse? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT request_hash, status_code, body FROM idempotency_keys WHERE scope = ? AND key = ?",
                arguments: [scope, key]
            )
        else { return nil }
        guard row["request_hash"] as String == requestHash else {
            throw StoreError.idempotencyConflict(scope: scope, key: key)
        }
        return IdempotentResponse(statusCode: row["status_code"], body: [UInt8](row["body"] as Data))
    }
}
