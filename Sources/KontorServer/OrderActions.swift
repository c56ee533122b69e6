import Foundation
import Hummingbird
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging

/// What `POST /v1/orders/{id}/cancel|hold|release` do.
///
/// The order lifecycle decides first: a refused step answers 409, a step to the status the order has already (a
/// second cancel) answers 200 with the order unchanged and publishes nothing. Otherwise the action's event is
/// **published first**, and only after the broker acknowledged it is it recorded as the order's progress and written
/// into the read model (through the same ``OrderProjector`` as the projection stage, which then skips it as known).
/// So the read model never shows an action that was not published; a failed publish answers 503 and changes nothing.
///
/// Cancelling an order that is being picked cannot take effect at once: the action publishes an
/// ``OrderCancelRequested`` instead (answer 202 with `"cancellation": "requested"`, status still `picking`); the
/// fulfillment stage asks the warehouses to stop and cancels the order once they confirmed.
struct OrderActions: Sendable {
    let api: OrderAPI

    /// One action: the lifecycle step and the event's topic.
    enum Action: String, CaseIterable, Sendable {
        case cancel, hold, release

        var step: OrderLifecycle.Step {
            switch self {
            case .cancel: .cancel
            case .hold: .hold
            case .release: .release
            }
        }
    }

    func perform(_ action: Action, orderID: OrderID, text: String?, actor: String, instance: String) async throws
        -> Response
    {
        guard let record = try await api.store.order(id: orderID) else {
            return OrderRoutes.notFound(orderID, instance: instance)
        }
        let current = OrderStatus(rawValue: record.status)
        let step = current.map { action == .cancel ? OrderLifecycle.cancelStep(from: $0) : action.step }
        let outcome = current.flatMap { status in step.map { OrderLifecycle.apply($0, to: status) } }
        switch outcome {
        case .failure(let refusal)?:
            return Self.illegal(refusal.description, instance: instance)
        case nil:
            return Self.illegal("the order's status '\(record.status)' is unknown", instance: instance)
        case .success(let next)? where next == current && step != .requestCancel:
            return OrderViews.response(.ok, ["orderId": orderID.rawValue, "status": next.rawValue, "changed": false])
        case .success(let next)?:
            let eventID = EventID.random()
            // The action's event starts a correlation of its own (its id), as the edges' received events do.
            let logger = api.logger.about(OrderLogContext(orderID: orderID.rawValue, correlationID: eventID.rawValue))
            let message: KafkaProducerMessage
            do {
                message = try event(
                    action,
                    requested: step == .requestCancel,
                    id: eventID,
                    record: record,
                    text: text,
                    actor: actor
                )
            } catch {
                return Self.illegal("the order's data cannot be read for \(action): \(error)", instance: instance)
            }
            do {
                _ = try await api.producer.send(message)
            } catch {
                return Self.unavailable("the \(action) event was not published: \(error)", instance: instance)
            }
            logger.info("order \(action.rawValue) published", metadata: ["kontor.actor": "\(actor)"])
            if let progress = PipelineProgress.event(for: message, stage: "api", step: 0) {
                do {
                    try await api.store.recordProgress([progress])
                } catch {
                    logger.error(
                        "order action published but not recorded as progress",
                        metadata: ["kontor.error": "\(error)"]
                    )
                    return Self.unavailable(
                        "the \(action) event was published but not recorded: \(error); the read model follows once "
                            + "the projection consumed it",
                        instance: instance
                    )
                }
            }
            var status = next
            do {
                let projected = try await OrderProjector(store: api.store).project(
                    try ProjectedEvent(decoding: message.value)
                )
                status = projected.record.flatMap { OrderStatus(rawValue: $0.status) } ?? next
            } catch {
                // Published and recorded: the projection stage writes it into the read model when it consumes it.
                logger.warning(
                    "order action published; the read model follows from the projection stage",
                    metadata: ["kontor.error": "\(error)"]
                )
            }
            var answer: [String: Any] = [
                "orderId": orderID.rawValue, "status": status.rawValue, "changed": true, "eventId": eventID.rawValue,
            ]
            if step == .requestCancel { answer["cancellation"] = "requested" }
            return OrderViews.response(.accepted, answer)
        }
    }

    /// The action's event for the order in `record`, by `actor`, with the operator's reason or note; `requested`
    /// makes a cancel the request to the warehouses.
    private func event(
        _ action: Action,
        requested: Bool,
        id: EventID,
        record: OrderRecord,
        text: String?,
        actor: String
    ) throws -> KafkaProducerMessage {
        func envelope<Payload: KontorEventPayload>(_ data: Payload) -> EventEnvelope<Payload> {
            EventEnvelope(
                id: id,
                source: .orderAPI,
                subject: record.orderID.rawValue,
                correlationID: CorrelationID(id),
                data: data
            )
        }
        switch action {
        case .cancel where requested:
            let data = OrderCancelRequested(
                orderId: record.orderID,
                reason: text ?? "cancelled by \(actor)",
                requestedBy: actor
            )
            return try EventMessage.make(envelope(data), topic: KontorTopics.orderCancelRequested)
        case .cancel:
            let data = OrderCancelled(
                orderId: record.orderID,
                reason: text ?? "cancelled by \(actor)",
                cancelledBy: actor
            )
            return try EventMessage.make(envelope(data), topic: KontorTopics.orderCancelled)
        case .hold:
            let reason = ValidationReason(
                code: ValidationReason.Code(rawValue: "held-by-operator"),
                field: "",
                message: text ?? "held by \(actor)"
            )
            let data = OrderHeld(order: try order(of: record), reasons: [reason], heldBy: actor)
            return try EventMessage.make(envelope(data), topic: KontorTopics.orderHeld)
        case .release:
            let data = OrderReleased(order: try order(of: record), releasedBy: actor, note: text)
            return try EventMessage.make(envelope(data), topic: KontorTopics.orderReleased)
        }
    }

    private func order(of record: OrderRecord) throws -> CanonicalOrder {
        var order = try CanonicalJSON.decodeOrder(from: record.orderJSON)
        order.id = record.orderID
        return order
    }

    static func illegal(_ reason: String, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.illegalTransition,
            title: "Illegal transition",
            status: 409,
            detail: reason,
            instance: instance
        ).response
    }

    static func unavailable(_ detail: String, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.unavailable,
            title: "Action not performed",
            status: 503,
            detail: detail,
            instance: instance,
            retryAfter: 5
        ).response
    }
}
