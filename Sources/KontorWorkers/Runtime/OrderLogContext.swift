import KontorKafka
import KontorModel
import Logging

/// The order a piece of work is about, as log metadata: `kontor.order.id` and `kontor.correlation.id`.
///
/// The worker runtime sets it as a task-local value while a handler works on a message, so every logger that has
/// ``metadataProvider`` (`kontor run` bootstraps swift-log with it) adds both ids to its lines without the handler
/// passing them around. Code that logs outside such a task (edges, order actions) uses ``metadata`` directly.
public struct OrderLogContext: Sendable, Hashable {
    public static let orderIDKey = "kontor.order.id"
    public static let correlationIDKey = "kontor.correlation.id"

    public var orderID: String?
    public var correlationID: String?

    public init(orderID: String?, correlationID: String?) {
        self.orderID = orderID
        self.correlationID = correlationID
    }

    /// The ids of a Kontor event message: the key is the order id, the `kontor-correlation-id` header the
    /// correlation id; nil when the message carries neither.
    public init?(message: KafkaConsumerMessage) {
        let orderID = message.keyString.flatMap { $0.isEmpty ? nil : $0 }
        let correlationID = message.headers.value(forKey: KontorHeaders.correlationID)
        guard orderID != nil || correlationID != nil else { return nil }
        self.init(orderID: orderID, correlationID: correlationID)
    }

    /// The ids as log metadata (only those that are known).
    public var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        if let orderID { metadata[Self.orderIDKey] = "\(orderID)" }
        if let correlationID { metadata[Self.correlationIDKey] = "\(correlationID)" }
        return metadata
    }

    /// The order the current task works on, if any.
    @TaskLocal public static var current: OrderLogContext?

    /// Adds the current task's order ids to every line of a logger that has it.
    public static let metadataProvider = Logger.MetadataProvider { OrderLogContext.current?.metadata ?? [:] }
}

extension Logger {
    /// This logger with the order's ids as metadata on every line.
    public func about(_ order: OrderLogContext?) -> Logger {
        var logger = self
        for (key, value) in order?.metadata ?? [:] { logger[metadataKey: key] = value }
        return logger
    }
}
