import Foundation
import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: IdempotencyStore {
    public func storedResponse(scope: String, key: String, requestHash: String) async throws -> IdempotentResponse? {
        try await client.withConnection { connection in
            try await Self.storedResponse(connection, logger: logger, scope: scope, key: key, requestHash: requestHash)
        }
    }

    public func saveResponse(
        scope: String,
        key: String,
        requestHash: String,
        response: IdempotentResponse
    ) async throws -> IdempotentResponse {
        try await client.withConnection { connection in
            // The insert either wins or meets the stored row; the select then reads whichever is stored.
            try await connection.execute(
                """
                INSERT INTO idempotency_keys (scope, key, request_hash, status_code, body, created_at)
                VALUES (\(scope), \(key), \(requestHash), \(response.statusCode), \(Data(response.body)),
                    \(Int(Timestamp.now().microsecondsSinceEpoch)))
                ON CONFLICT (scope, key) DO NOTHING
                """,
                logger: logger
            )
            return try await Self.storedResponse(
                connection,
                logger: logger,
                scope: scope,
                key: key,
                requestHash: requestHash
            )!
        }
    }

    @discardableResult
    public func pruneIdempotencyKeys(olderThan age: Duration) async throws -> Int {
        let cutoff = Int(Timestamp.now().microsecondsSinceEpoch - age.microseconds)
        return try await fetch("DELETE FROM idempotency_keys WHERE created_at < \(cutoff) RETURNING 1 AS removed") {
            _ in 1
        }.count
    }

    private static func storedResponse(
        _ connection: PostgresConnection,
        logger: Logger,
        scope: String,
        key: String,
        requestHash: String
    ) async throws -> IdempotentResponse? {
        let rows = try await connection.fetch(
            "SELECT request_hash, status_code, body FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)",
            logger: logger
        ) { row in
            (
                hash: try row.value("request_hash", as: String.self),
                response: IdempotentResponse(
                    statusCode: try row.value("status_code"),
                    body: [UInt8](try row.value("body", as: Data.self))
                )
            )
        }
        guard let stored = rows.first else { return nil }
        guard stored.hash == requestHash else { throw StoreError.idempotencyConflict(scope: scope, key: key) }
        return stored.response
    }
}
