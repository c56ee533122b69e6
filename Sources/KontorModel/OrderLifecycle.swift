/// The order state machine: which event or action moves an order from which ``OrderStatus`` to which, and why
/// anything else is refused. The read model's projection and the order actions (cancel, hold, release) both go
/// through it, so the API refuses exactly what the pipeline could not do.
public enum OrderLifecycle {
    /// What happens to an order: a pipeline event or an action by a person.
    public enum Step: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case receive, validate, reject, hold, release, allocate, allocatePartially, backorder, startPicking
        case shipPartially, ship, deliver, cancel, returnToSender
        /// Cancelling an order whose pick tasks are out: the warehouses are asked to stop; the status stays
        /// `picking` until they confirmed, then a ``cancel`` follows.
        case requestCancel

        public var description: String { rawValue }
    }

    /// A refused step, with the reason an API answers 409 with.
    public struct IllegalTransition: Error, Sendable, Hashable, CustomStringConvertible {
        public var from: OrderStatus
        public var step: Step
        public var reason: String

        public var description: String { "cannot \(step) an order that is \(from): \(reason)" }
    }

    /// The status after `step`, or why `step` is not possible from `status`.
    ///
    /// A step that leads to the status the order already has (a redelivered event, a second cancel) is allowed and
    /// changes nothing.
    public static func apply(_ step: Step, to status: OrderStatus) -> Result<OrderStatus, IllegalTransition> {
        let target = target(of: step, from: status)
        // Release leads back to validated, a status of its own; only an order on hold can be released.
        if target == status && step != .release { return .success(status) }
        if let reason = refusal(step, from: status) {
            return .failure(IllegalTransition(from: status, step: step, reason: reason))
        }
        return .success(target)
    }

    /// Whether `step` is possible from `status` (for showing actions in the dashboard).
    public static func allows(_ step: Step, from status: OrderStatus) -> Bool {
        if case .success = apply(step, to: status) { return true }
        return false
    }

    /// The step a person's cancel stands for from `status`: ``Step/requestCancel`` while the order is being picked
    /// (the warehouses must stop first), else ``Step/cancel``.
    public static func cancelStep(from status: OrderStatus) -> Step {
        status == .picking ? .requestCancel : .cancel
    }

    /// The status `step` leads to where it is allowed.
    public static func target(of step: Step) -> OrderStatus {
        target(of: step, from: .received)
    }

    private static func target(of step: Step, from status: OrderStatus) -> OrderStatus {
        switch step {
        case .receive: .received
        case .validate, .release: .validated
        case .reject: .rejected
        case .hold: .onHold
        case .allocate: .allocated
        case .allocatePartially: .partiallyAllocated
        case .backorder: .backordered
        case .startPicking, .requestCancel: .picking
        case .shipPartially: .partiallyShipped
        case .ship: .shipped
        case .deliver: .delivered
        case .cancel: .cancelled
        case .returnToSender: .returned
        }
    }

    private static let beforePicking: Set<OrderStatus> = [
        .received, .validated, .onHold, .allocated, .partiallyAllocated, .backordered,
    ]

    /// Nil when the step is allowed.
    private static func refusal(_ step: Step, from status: OrderStatus) -> String? {
        switch step {
        case .receive:
            return status == .rejected ? nil : "it was received already"
        case .validate, .reject:
            return status == .received ? nil : "only a received order is validated"
        case .hold:
            if beforePicking.contains(status) { return nil }
            if status == .picking { return "picking has started; cancel it instead (the warehouse is asked to stop)" }
            return "it is past allocation (\(status))"
        case .release:
            return status == .onHold ? nil : "only an order on hold can be released"
        case .allocate, .allocatePartially, .backorder:
            let from: Set<OrderStatus> = [.validated, .partiallyAllocated, .backordered, .picking]
            return from.contains(status) ? nil : "only a validated or not fully allocated order is allocated"
        case .startPicking:
            return [.allocated, .partiallyAllocated].contains(status) ? nil : "nothing is allocated to pick"
        case .shipPartially, .ship:
            let from: Set<OrderStatus> = [.allocated, .partiallyAllocated, .picking, .partiallyShipped]
            return from.contains(status) ? nil : "nothing is allocated or picked to ship"
        case .deliver:
            return [.shipped, .partiallyShipped].contains(status) ? nil : "it has not shipped"
        case .cancel:
            // From picking once the warehouses confirmed they stopped (see requestCancel).
            if beforePicking.contains(status) || status == .picking { return nil }
            switch status {
            case .shipped, .partiallyShipped, .delivered: return "it has shipped; create a return instead"
            default: return "it is \(status) already"
            }
        case .requestCancel:
            if status == .picking { return nil }
            return beforePicking.contains(status)
                ? "nothing is at the warehouse yet; cancel it directly"
                : "only an order being picked is cancelled at the warehouse"
        case .returnToSender:
            return [.shipped, .partiallyShipped, .delivered].contains(status) ? nil : "it has not shipped"
        }
    }
}
