/// A ``PickTask`` event.
public typealias PickTaskEvent = EventEnvelope<PickTask>

/// A ``WarehouseConfirmation`` event.
public typealias WarehouseConfirmationEvent = EventEnvelope<WarehouseConfirmation>

/// An ``OrderShipped`` event.
public typealias OrderShippedEvent = EventEnvelope<OrderShipped>

/// An ``OrderShortPicked`` event.
public typealias OrderShortPickedEvent = EventEnvelope<OrderShortPicked>

/// A ``TrackingEvent`` in its envelope.
public typealias TrackingEventEnvelope = EventEnvelope<TrackingEvent>

/// An ``OrderTracked`` event.
public typealias OrderTrackedEvent = EventEnvelope<OrderTracked>

/// An ``OrderDelayed`` event.
public typealias OrderDelayedEvent = EventEnvelope<OrderDelayed>

/// A ``ReturnAuthorized`` event.
public typealias ReturnAuthorizedEvent = EventEnvelope<ReturnAuthorized>

/// A ``ReturnReceived`` event.
public typealias ReturnReceivedEvent = EventEnvelope<ReturnReceived>

/// A ``RefundIssued`` event.
public typealias RefundIssuedEvent = EventEnvelope<RefundIssued>

/// An ``ExchangeCreated`` event.
public typealias ExchangeCreatedEvent = EventEnvelope<ExchangeCreated>

/// A ``NotificationSent`` event.
public typealias NotificationSentEvent = EventEnvelope<NotificationSent>
