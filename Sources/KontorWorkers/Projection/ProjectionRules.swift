import Foundation
import KontorModel
import KontorStore

/// How one order event changes an order's read-model record. Events are facts: every one lands in the timeline;
/// these rules only decide the status and the data shown.
///
/// 1. **First event of an order.** No record yet: the record is made from the event, with the status its step leads
///    to (whatever came before it is missed or still on its way on another topic). A cancellation carries no order
///    data; the record then holds only the id until an event with the order arrives.
/// 2. **Late events.** An event older than the record's last change (`time < updatedAt`: it was consumed after a later
///    event, e.g. from a slower topic) changes neither status nor order data; it only fills order data the record
///    does not have yet.
/// 3. **Allowed steps.** Otherwise, when ``OrderLifecycle/apply(_:to:)`` allows the step, the order takes the status
///    it leads to (a step to the status the order already has changes nothing).
/// 4. **Refused steps.** When the lifecycle refuses the step, the order keeps its status if that is final
///    (rejected, cancelled, delivered, returned: never resurrected; only a new received event revives a rejected
///    order, and the lifecycle allows that) or if the step's status is not further along the pipeline. Otherwise
///    (an intermediate event was missed) it takes the step's status. The timeline entry says which, and why.
///
/// The latest order JSON comes from the latest event carrying it; the allocation from the latest allocated or
/// backordered event whose status was taken.
public enum ProjectionRules {
    /// The status an event leads to, and the timeline's note when the lifecycle refused it.
    public struct Decision: Sendable, Hashable {
        /// The order's status after the event.
        public var status: OrderStatus

        /// Whether the event's own status was taken (always, when the lifecycle allowed the step).
        public var taken: Bool

        /// Why the lifecycle's answer was not followed as is; nil when it was.
        public var note: String?
    }

    /// The status after `event` for the order's `record` (nil: the first event of the order).
    public static func decide(_ event: ProjectedEvent, record: OrderRecord?) -> Decision {
        let target = OrderLifecycle.target(of: event.step)
        guard event.changesStatus else {
            let current = record.flatMap { OrderStatus(rawValue: $0.status) } ?? target
            return Decision(status: current, taken: false, note: nil)
        }
        guard let record else { return Decision(status: target, taken: true, note: nil) }
        guard let current = OrderStatus(rawValue: record.status) else {
            return Decision(status: target, taken: true, note: "unknown status '\(record.status)' replaced")
        }
        if !event.changesStatus { return Decision(status: current, taken: false, note: nil) }
        let updatedAt = record.updatedAt
        if event.time < updatedAt {
            let note =
                current == target
                ? nil : "arrived after a later change (\(updatedAt.rfc3339String)); status kept (\(current))"
            return Decision(status: current, taken: false, note: note)
        }
        switch OrderLifecycle.apply(event.step, to: current) {
        case .success(let next):
            return Decision(status: next, taken: true, note: nil)
        case .failure(let refusal):
            if !current.isFinal && rank(target) > rank(current) {
                return Decision(
                    status: target,
                    taken: true,
                    note: "\(refusal); \(target) taken as it moves the order forward (an earlier event is missing)"
                )
            }
            return Decision(status: current, taken: false, note: "\(refusal); status kept (\(current))")
        }
    }

    /// How far along the pipeline a status is; a refused event's status is taken only when it ranks higher.
    static func rank(_ status: OrderStatus) -> Int {
        switch status {
        case .received: 0
        case .validated, .onHold, .rejected: 1
        case .allocated, .partiallyAllocated, .backordered: 2
        case .picking: 3
        case .partiallyShipped: 4
        case .shipped: 5
        case .delivered: 6
        case .returned, .cancelled: 7
        }
    }

    /// `record` after `event` with `decision`, or a new record when there is none. Returns nil when nothing of the
    /// record changes (a late event for a record with its order data).
    public static func apply(
        _ event: ProjectedEvent,
        decision: Decision,
        to record: OrderRecord?
    ) -> OrderRecord? {
        // Timeline-only events (returns, scans in transit, delays) leave an existing record as it is.
        if !event.changesStatus, record != nil { return nil }
        var next =
            record
            ?? OrderRecord(
                orderID: event.orderID,
                orderNumber: event.orderID.rawValue,
                channel: SalesChannel("unknown"),
                status: decision.status.rawValue,
                createdAt: event.time,
                updatedAt: event.time,
                orderJSON: Data()
            )
        let late = record.map { event.time < $0.updatedAt } ?? false
        if let order = event.order, !late || next.orderJSON.isEmpty {
            var order = order
            order.id = event.orderID
            next.orderNumber = order.orderNumber
            next.channel = order.channel
            next.customerID = order.buyer.id
            next.customerName = order.buyer.name ?? order.shipTo.name
            next.totalAmount = order.totals.grandTotal
            next.currency = order.currency
            next.createdAt = order.orderDate.timestamp
            next.orderJSON = CanonicalJSON.encodeOrder(order)
        }
        next.status = decision.status.rawValue
        if decision.taken, let allocation = event.allocation {
            next.allocationJSON = allocation.json
        }
        if !late { next.updatedAt = max(next.updatedAt, event.time) }
        return next == record ? nil : next
    }
}
