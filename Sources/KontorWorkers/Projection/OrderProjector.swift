import KontorModel
import KontorStore

/// Writes order events into the read model by ``ProjectionRules``: a versioned save of the order's record, then one
/// timeline entry per event id. The projection stage and the order API's actions both write through it, so an event
/// the API already projected adds nothing when the stage consumes it.
public struct OrderProjector: Sendable {
    let store: any OrderReadModelStore
    let maxAttempts: Int
    /// Where the flags of events that set one (exception, delayed) go; the store itself when it keeps them.
    let flags: (any TrackingStore)?

    /// - Parameter maxAttempts: saves tried while other writers (projection replicas, API actions) change the order
    ///   between read and save; then the event fails as retriable.
    public init(store: any OrderReadModelStore, maxAttempts: Int = 25) {
        self.store = store
        self.maxAttempts = maxAttempts
        self.flags = store as? any TrackingStore
    }

    /// What projecting one event did.
    public struct Outcome: Sendable, Hashable {
        /// The order's record afterwards.
        public var record: OrderRecord?

        /// The timeline entry added; nil when the timeline held the event already (a redelivery).
        public var entry: TimelineEntry?

        /// The status decision; nil for a redelivery.
        public var decision: ProjectionRules.Decision?
    }

    /// Projects `event`: nothing happens when the order's timeline already holds its id.
    ///
    /// - Throws: store errors, or ``StageError/transient(_:)`` after `maxAttempts` version conflicts in a row.
    @discardableResult
    public func project(_ event: ProjectedEvent) async throws -> Outcome {
        for _ in 0..<maxAttempts {
            if try await store.timeline(orderID: event.orderID).contains(where: { $0.eventID == event.eventID.rawValue }
            ) {
                return Outcome(record: try await store.order(id: event.orderID), entry: nil, decision: nil)
            }
            let current = try await store.order(id: event.orderID)
            let decision = ProjectionRules.decide(event, record: current)
            var saved = current
            if let next = ProjectionRules.apply(event, decision: decision, to: current) {
                do {
                    saved = try await store.saveOrder(next, expectedVersion: current?.version)
                } catch StoreError.versionConflict {
                    continue
                }
            }
            var details = event.details
            details.lifecycle = decision.note
            let entry = TimelineEntry(
                orderID: event.orderID,
                at: event.time,
                stage: event.stage,
                eventType: event.timelineType,
                status: decision.status.rawValue,
                reasonsJSON: details.json,
                eventID: event.eventID.rawValue
            )
            if let flag = event.flag { try await flags?.setFlag(flag) }
            let appended = try await store.appendTimeline([entry])
            return Outcome(record: saved, entry: appended.first, decision: decision)
        }
        throw StageError.transient(
            "order \(event.orderID): \(maxAttempts) version conflicts in a row while projecting event \(event.eventID)"
        )
    }
}
