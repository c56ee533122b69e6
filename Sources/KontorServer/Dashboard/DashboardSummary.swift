import Foundation
import KontorConnectors
import KontorModel
import KontorStore

/// The dashboard's summary (`GET /v1/dashboard/summary`, and every event of `/v1/dashboard/stream`):
/// `{orders: {total, byStatus, byChannel}, ordersPerHour: [{hour, count}], exceptions: {<status>: {count, newest}},
/// deadLetters: {open, byStage}, consumerLag: {<group>: messages} | null, connectors: [{name, type, state, detail, orders, errors, errorRate, lastMessageAt,
/// lastError}]}` (activity fields only with a ``ConnectorActivity``).
enum DashboardSummary {
    /// The statuses that need a person, in the order the dashboard lists them.
    static let exceptionStatuses: [OrderStatus] = [.onHold, .backordered, .rejected]
    /// The order flags listed with the exceptions, after the statuses.
    static let exceptionFlags = ["delayed", "exception"]
    /// How many of each exception status the summary lists.
    static let newestExceptions = 5
    /// Hours in `ordersPerHour`, the current (partial) one last.
    static let hours = 24

    /// The summary as of `now`.
    /// The connectors with their state at start and, when known, their activity since: `lastMessageAt`,
    /// `orders`, `errors`, `errorRate` (errors per delivery) and `lastError`.
    static func connectors(_ sources: DashboardSources) -> [[String: Any]] {
        let activity = sources.activity?.snapshot() ?? [:]
        return sources.connectors.map { connector in
            var entry: [String: Any] = [
                "name": connector.name, "type": connector.type, "state": connector.state, "detail": connector.detail,
            ]
            guard sources.activity != nil else { return entry }
            let seen = activity[connector.name] ?? ConnectorActivity.Snapshot()
            entry["orders"] = seen.orders
            entry["errors"] = seen.errors
            entry["lastMessageAt"] = seen.lastMessageAt.map { Timestamp($0).rfc3339String } ?? NSNull()
            entry["errorRate"] = seen.errorRate ?? NSNull()
            entry["lastError"] = seen.lastError ?? NSNull()
            return entry
        }
    }

    static func make(_ sources: DashboardSources, now: Date = Date()) async throws -> [String: Any] {
        let counts = try await sources.orders.orderCounts(OrderQuery())
        var body: [String: Any] = [
            "orders": [
                "total": counts.total,
                "byStatus": counts.byStatus,
                "byChannel": Dictionary(uniqueKeysWithValues: counts.byChannel.map { ($0.key.rawValue, $0.value) }),
            ] as [String: Any],
            "ordersPerHour": try await ordersPerHour(sources.orders, now: now),
            "exceptions": try await exceptions(sources.orders, counts: counts),
            "connectors": connectors(sources),
        ]
        body["consumerLag"] = sources.consumerLag?().map { $0 as Any } ?? NSNull()
        if let deadLetters = sources.deadLetters {
            let byStage = try await openDeadLetters(deadLetters)
            body["deadLetters"] = ["open": byStage.values.reduce(0, +), "byStage": byStage] as [String: Any]
        }
        return body
    }

    /// The timeline entry of an order's arrival (the projection names entries by event type, `order.received.v1` → `order.received`).
    static let receivedEntry = "order.received"

    /// Orders that arrived (their `order.received` timeline entry) in each of the last ``hours`` whole hours (UTC),
    /// oldest first; the last one is the current hour so far. By arrival, not by `createdAt`: that is the order's
    /// date, often without a time of day.
    static func ordersPerHour(_ store: any OrderReadModelStore, now: Date) async throws -> [[String: Any]] {
        let hour: Int64 = 3_600_000_000
        let micros = Timestamp(now).microsecondsSinceEpoch
        let current = micros - ((micros % hour) + hour) % hour
        let first = current - Int64(hours - 1) * hour
        let counts = try await store.timelineCounts(
            eventType: receivedEntry,
            from: Timestamp(microsecondsSinceEpoch: first),
            before: Timestamp(microsecondsSinceEpoch: current + hour),
            slotMicroseconds: hour
        )
        return (0..<hours).map { index in
            [
                "hour": Timestamp(microsecondsSinceEpoch: first + Int64(index) * hour).rfc3339String,
                "count": counts[index] ?? 0,
            ]
        }
    }

    /// Per exception status: how many orders have it and the newest ``newestExceptions`` of them.
    static func exceptions(_ store: any OrderReadModelStore, counts: OrderCounts) async throws -> [String: Any] {
        var result: [String: Any] = [:]
        for status in exceptionStatuses {
            let count = counts.byStatus[status.rawValue] ?? 0
            let newest =
                count == 0
                ? []
                : try await store.searchOrders(OrderQuery(statuses: [status.rawValue], limit: newestExceptions))
                    .records
            result[status.rawValue] = ["count": count, "newest": newest.map(OrderViews.summary)] as [String: Any]
        }
        // Flagged orders (carrier exception, delayed) whatever their status.
        for flag in exceptionFlags {
            let count = try await store.orderCounts(OrderQuery(flag: flag)).total
            let newest =
                count == 0 ? [] : try await store.searchOrders(OrderQuery(limit: newestExceptions, flag: flag)).records
            result[flag] = ["count": count, "newest": newest.map(OrderViews.summary)] as [String: Any]
        }
        return result
    }

    /// Open dead letters per stage (one grouped query on the index).
    static func openDeadLetters(_ store: any DeadLetterStore) async throws -> [String: Int] {
        try await store.deadLetterCounts(status: .open)
    }
}
