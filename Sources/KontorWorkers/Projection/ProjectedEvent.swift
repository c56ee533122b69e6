import Foundation
import KontorAllocation
import KontorModel
import KontorStore

/// What the read model needs of one order event: which order, which lifecycle step, the order as the event carries
/// it, and what the timeline shows about it.
public struct ProjectedEvent: Sendable, Hashable {
    /// The event's id; an order's timeline holds it once.
    public var eventID: EventID

    /// The event's CloudEvents type.
    public var type: EventType

    /// When it happened.
    public var time: Timestamp

    /// The order it is about.
    public var orderID: OrderID

    /// The lifecycle step it stands for.
    public var step: OrderLifecycle.Step

    /// Who produced it, for the timeline: a stage (`validation`, `allocation`), `ingest` or `api`.
    public var stage: String

    /// The order, for every event but a cancellation.
    public var order: CanonicalOrder?

    /// What the timeline shows about the event (reasons, decision summary, operator's note).
    public var details: TimelineDetails

    /// The allocation of an allocated or backordered event.
    public var allocation: ProjectedAllocation?

    /// False for events that only add to the timeline (a carrier scan in transit, a delay, a return): the order's
    /// status and record stay as they are.
    public var changesStatus = true

    /// A flag the event sets on the order (a carrier exception, a delay), if any.
    public var flag: OrderFlag?

    /// Creates a projected event.
    public init(
        eventID: EventID,
        type: EventType,
        time: Timestamp,
        orderID: OrderID,
        step: OrderLifecycle.Step,
        stage: String,
        order: CanonicalOrder? = nil,
        details: TimelineDetails = TimelineDetails(),
        allocation: ProjectedAllocation? = nil
    ) {
        self.eventID = eventID
        self.type = type
        self.time = time
        self.orderID = orderID
        self.step = step
        self.stage = stage
        self.order = order
        self.details = details
        self.allocation = allocation
    }

    /// The timeline's name of the event type: `order.validated` for `com.kontor.order.validated.v1`.
    public var timelineType: String {
        var parts = type.rawValue.split(separator: ".").map(String.init)
        if parts.count >= 4, parts[0] == "com", parts[1] == "kontor" {
            parts = Array(parts[2..<(parts.count - 1)])
        }
        return parts.joined(separator: ".")
    }
}

extension ProjectedEvent {
    /// Decodes an order event as published on one of ``KontorTopics/orderEventTopics``.
    ///
    /// - Throws: ``StageError`` (permanent): not JSON, not an order event type, no order id, or a payload that does
    ///   not match its type.
    public init(decoding value: [UInt8]) throws {
        let header: EventHeader
        do {
            header = try CanonicalJSON.decodeEventHeader(from: value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not an event: \(error)")
        }
        switch header.type {
        case OrderEventType.received:
            let data = try Self.payload(OrderReceived.self, value, header).data
            self = try .init(header, step: .receive, order: data.order)
        case OrderEventType.validated:
            let data = try Self.payload(OrderValidated.self, value, header).data
            self = try .init(header, step: .validate, order: data.order)
            if let warnings = data.warnings, !warnings.isEmpty { details.warnings = warnings }
        case OrderEventType.rejected:
            let data = try Self.payload(OrderRejected.self, value, header).data
            self = try .init(header, step: .reject, order: data.order)
            details.reasons = data.reasons
        case OrderEventType.held:
            let data = try Self.payload(OrderHeld.self, value, header).data
            self = try .init(header, step: .hold, order: data.order)
            details.reasons = data.reasons
            details.heldBy = data.heldBy
        case OrderEventType.released:
            let data = try Self.payload(OrderReleased.self, value, header).data
            self = try .init(header, step: .release, order: data.order)
            details.releasedBy = data.releasedBy
            details.note = data.note
        case OrderEventType.cancelled:
            let data = try Self.payload(OrderCancelled.self, value, header).data
            self = try .init(header, step: .cancel, order: nil, orderID: data.orderId)
            details.reason = data.reason
            details.cancelledBy = data.cancelledBy
        case OrderEventType.allocated, OrderEventType.backordered:
            let data = try Self.payload(OrderAllocated.self, value, header).data
            let step: OrderLifecycle.Step =
                switch data.plan.status {
                case .allocated: .allocate
                case .partiallyAllocated: .allocatePartially
                case .backordered: .backorder
                }
            self = try .init(header, step: step, order: data.order)
            allocation = ProjectedAllocation(plan: data.plan, reservations: data.reservations)
            details.summary = data.plan.decision.summary
            if !data.plan.backorders.isEmpty { details.backorders = data.plan.backorders }
        case let type where ReturnEventType.all.contains(type):
            self = try Self.returnEvent(value, header)
        case OrderEventType.shipped, OrderEventType.tracked, OrderEventType.delayed:
            self = try Self.fulfillmentEvent(header, value)
        case OrderEventType.cancelRequested:
            // On the timeline only: the order stays `picking` until the warehouses confirmed (then a cancellation).
            let data = try Self.payload(OrderCancelRequested.self, value, header).data
            self = try .init(header, step: .requestCancel, order: nil, orderID: data.orderId)
            changesStatus = false
            details.reason = data.reason
            details.cancelledBy = data.requestedBy
        case FulfillmentEventType.pickTask, FulfillmentEventType.pickTaskCancellation, OrderEventType.shortPicked:
            self = try .init(fulfillment: header, value)
        default:
            throw StageError.schemaViolation("\(header.type) is not an order event the read model knows")
        }
    }

    init(
        _ header: EventHeader,
        step: OrderLifecycle.Step,
        order: CanonicalOrder?,
        orderID: OrderID? = nil
    ) throws {
        guard
            let id = orderID ?? order?.id ?? header.subject.map({ OrderID($0) }),
            !id.rawValue.isEmpty
        else {
            throw StageError.schemaViolation("event \(header.id) (\(header.type)) names no order: no subject, no id")
        }
        self.init(
            eventID: header.id,
            type: header.type,
            time: header.time,
            orderID: id,
            step: step,
            stage: Self.stage(of: header.source),
            order: order
        )
    }

    static func payload<Payload: Codable & Sendable & Hashable>(
        _ type: Payload.Type,
        _ value: [UInt8],
        _ header: EventHeader
    ) throws -> EventEnvelope<Payload> {
        do {
            return try CanonicalJSON.decodeEvent(type, from: value)
        } catch {
            throw StageError.schemaViolation("\(header.type) event \(header.id): \(error)")
        }
    }

    /// `validation` for `/kontor/workers/validation`, `ingest` for `/kontor/ingest/<edge>`, `api` for the order API.
    static func stage(of source: EventSource) -> String {
        let path = source.rawValue
        if path.hasPrefix("/kontor/workers/") { return String(path.dropFirst("/kontor/workers/".count)) }
        if path.hasPrefix("/kontor/ingest/") { return "ingest" }
        if path.hasPrefix("/kontor/api/") { return "api" }
        return path
    }
}
