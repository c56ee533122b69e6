import Foundation

/// Limits failed dashboard-password logins: after `maxFailures` wrong passwords within `window`, password logins
/// are refused (429, `Retry-After`) until the oldest failure leaves the window. The limit is for the whole process,
/// not per client: the server sees no trustworthy client address behind a proxy, and a guessable password is
/// the one thing that needs it. Token logins are never throttled (a 256-bit token cannot be guessed), so a flood of
/// wrong passwords cannot lock out ops who log in with their token.
public actor PasswordLoginThrottle {
    public let maxFailures: Int
    public let window: Duration
    private var failures: [Date] = []

    /// A throttle allowing `maxFailures` wrong passwords per `window`; `maxFailures` 0 turns it off.
    public init(maxFailures: Int = 10, window: Duration = .seconds(60)) {
        self.maxFailures = max(0, maxFailures)
        self.window = window
    }

    /// Nil when a password may be tried now, else how many seconds until one may (at least 1).
    public func retryAfter(now: Date = Date()) -> Int? {
        prune(now)
        guard maxFailures > 0, failures.count >= maxFailures, let oldest = failures.first else { return nil }
        let free = oldest.addingTimeInterval(seconds)
        return max(1, Int(free.timeIntervalSince(now).rounded(.up)))
    }

    /// Counts a wrong password.
    public func recordFailure(now: Date = Date()) {
        prune(now)
        failures.append(now)
    }

    private var seconds: TimeInterval { TimeInterval(window.components.seconds) }

    private func prune(_ now: Date) {
        failures.removeAll { now.timeIntervalSince($0) >= seconds }
    }
}
