/// The response to a request sent with an idempotency key, stored so that a retry of the same request gets the
/// same answer.
public struct IdempotentResponse: Sendable, Hashable, Codable {
    /// The HTTP status code.
    public var statusCode: Int

    /// The response body.
    public var body: [UInt8]

    /// Creates a response.
    public init(statusCode: Int, body: [UInt8]) {
        self.statusCode = statusCode
        self.body = body
    }
}
