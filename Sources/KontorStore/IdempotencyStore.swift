/// Responses to requests sent with an idempotency key, so that a retried request is answered, not repeated.
///
/// A key belongs to a `scope` (e.g. the API client); the same key with a different request hash is a conflict.
public protocol IdempotencyStore: Sendable {
    /// The stored response for `key`, `nil` when the key is new. Throws ``StoreError/idempotencyConflict(scope:key:)``
    /// when the key was used with a different request.
    func storedResponse(scope: String, key: String, requestHash: String) async throws -> IdempotentResponse?

    /// Stores the response for `key` unless one is stored already, and returns the stored one: when two identical
    /// requests race, the first to finish wins and the second answers with its response. Throws
    /// ``StoreError/idempotencyConflict(scope:key:)`` when the key was used with a different request.
    func saveResponse(scope: String, key: String, requestHash: String, response: IdempotentResponse) async throws
        -> IdempotentResponse

    /// Forgets keys stored more than `age` ago; returns how many.
    @discardableResult
    func pruneIdempotencyKeys(olderThan age: Duration) async throws -> Int
}
