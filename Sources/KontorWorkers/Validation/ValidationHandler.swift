import KontorKafka
import KontorModel

/// The validation stage: checks every received order and publishes it as validated or rejected,
/// with machine-readable reasons.
public struct ValidationHandler: StageHandler {
    public static let stageName = "validation"
    public var stage: String { Self.stageName }
    private let validator = BasicOrderValidator()

    public init() {}

    public func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        let event: OrderReceivedEvent
        do {
            event = try CanonicalJSON.decodeEvent(OrderReceived.self, from: message.value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not an order-received event: \(error)")
        }
        guard event.type == OrderEventType.received else {
            throw StageError.schemaViolation("expected \(OrderEventType.received), got \(event.type)")
        }
        let order = event.data.order
        let reasons = validator.validate(order)
        if reasons.isEmpty {
            let warnings = validator.warnings(for: order)
            let validated = event.followUp(
                stage: stage,
                source: .validationWorker,
                data: OrderValidated(order: order, warnings: warnings.isEmpty ? nil : warnings)
            )
            return [try EventMessage.make(validated, topic: KontorTopics.orderValidated)]
        }
        let rejected = event.followUp(
            stage: stage,
            source: .validationWorker,
            data: OrderRejected(order: order, reasons: reasons)
        )
        return [try EventMessage.make(rejected, topic: KontorTopics.orderRejected)]
    }
}
