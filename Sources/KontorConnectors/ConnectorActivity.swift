import Foundation
import Synchronization

/// What each connector did since the process started — the same events ``ConnectorMetrics`` counts, kept where the
/// dashboard can read them: orders taken, errors, and when the last message and the last error came.
public final class ConnectorActivity: Sendable {
    /// The process's record, written by every connector.
    public static let shared = ConnectorActivity()

    /// One connector's activity.
    public struct Snapshot: Sendable, Hashable {
        /// When the connector last took a message that brought orders.
        public var lastMessageAt: Date?
        /// Orders taken.
        public var orders = 0
        /// Refused or failed deliveries (bad signatures included).
        public var errors = 0
        /// The last error's reason, and when it happened.
        public var lastError: String?
        public var lastErrorAt: Date?

        /// Nothing yet.
        public init() {}

        /// Errors per delivery attempt (errors ÷ (orders + errors)); nil before anything arrived.
        public var errorRate: Double? {
            orders + errors == 0 ? nil : Double(errors) / Double(orders + errors)
        }
    }

    private let state = Mutex<[String: Snapshot]>([:])

    public init() {}

    /// Records a delivery that brought `orders` orders.
    public func accepted(_ connector: String, orders: Int, at time: Date = Date()) {
        state.withLock {
            $0[connector, default: Snapshot()].orders += orders
            $0[connector, default: Snapshot()].lastMessageAt = time
        }
    }

    /// Records a refused or failed delivery.
    public func failed(_ connector: String, reason: String, at time: Date = Date()) {
        state.withLock {
            $0[connector, default: Snapshot()].errors += 1
            $0[connector, default: Snapshot()].lastError = reason
            $0[connector, default: Snapshot()].lastErrorAt = time
        }
    }

    /// Every connector's activity so far.
    public func snapshot() -> [String: Snapshot] {
        state.withLock { $0 }
    }
}
