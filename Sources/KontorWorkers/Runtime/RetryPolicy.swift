/// How a stage retries a failing message before dead-lettering it: exponential backoff with
/// full jitter, capped.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 means no retry.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var multiplier: Double
    /// The error classes retried (default `transient` and `unexpected`). Permanent errors (`unparseable`,
    /// `schema-violation`, see ``StageError/isRetriable``) are never retried, listed here or not.
    public var retryable: Set<StageError.ErrorClass> = RetryPolicy.defaultRetryable

    /// `transient` and `unexpected`.
    public static let defaultRetryable: Set<StageError.ErrorClass> = [.transient, .unexpected]

    public init(
        maxAttempts: Int = 5,
        initialBackoff: Duration = .milliseconds(100),
        maxBackoff: Duration = .seconds(5),
        multiplier: Double = 2
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = multiplier
    }

    /// Whether a message that failed with `error` is tried again (attempts left aside).
    public func retries(_ error: StageError) -> Bool {
        error.isRetriable && retryable.contains(error.errorClass)
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): a random duration between
    /// zero and the exponential bound, so that many failing workers do not retry in lockstep.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let bound = min(
            Double(maxBackoff.components.seconds) + Double(maxBackoff.components.attoseconds) / 1e18,
            (Double(initialBackoff.components.seconds) + Double(initialBackoff.components.attoseconds) / 1e18)
                * pow(multiplier, Double(attempt - 1))
        )
        return .milliseconds(Int64((Double.random(in: 0.5...1.0) * bound * 1000).rounded()))
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    guard exponent > 0 else { return 1 }
    var result = 1.0
    for _ in 0..<Int(exponent) { result *= base }
    return result
}
