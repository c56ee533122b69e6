import KontorKafka
import KontorModel
import KontorStore

/// The returns stage (step 5): receives returned goods and settles them.
///
/// - `kontor.return.received.v1` (from `POST /v1/returns/{rma}/receipt` or a WMS producing the canonical event): the
///   receipt is recorded in one store transaction — resalable pieces back on hand at the receiving location (the
///   stock journal then publishes a stock change, so backorders may be served), damaged and defective pieces into
///   quarantine. Then a ``RefundIssued`` (pieces × unit price incl. the line's tax, see ``RefundCalculator``) or, for
///   an exchange, an ``ExchangeCreated`` plus the replacement order (``ExchangeOrder``) on
///   `kontor.order.received.v1`, which runs through the pipeline like any order.
/// - `kontor.order.shipped.v1`: the shipment's pieces are recorded, so RMAs are checked against what shipped.
/// - `kontor.return.refund-issued.v1`, `kontor.return.exchange-created.v1`: the RMA becomes `refunded` or
///   `exchanged` once its settlement is on the topic.
///
/// Idempotent: a redelivered receipt finds its receipt id recorded (no second restock) and yields the same outputs
/// with the same ids and times.
public struct ReturnsHandler: StageHandler {
    /// `returns`.
    public static let stageName = "returns"

    /// The topics the stage consumes.
    public static let inputTopics = [
        KontorTopics.returnReceived, KontorTopics.orderShipped, KontorTopics.returnRefundIssued,
        KontorTopics.returnExchangeCreated,
    ]

    /// `/kontor/workers/returns`.
    public static let source = EventSource.worker(stageName)

    public var stage: String { Self.stageName }
    private let store: any ReturnStore & OrderReadModelStore

    /// A handler on `store`: the RMAs and the read model's orders (for prices and addresses).
    public init(store: any ReturnStore & OrderReadModelStore) {
        self.store = store
    }

    public func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        let header: EventHeader
        do {
            header = try CanonicalJSON.decodeEventHeader(from: message.value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not an event: \(error)")
        }
        switch header.type {
        case ReturnEventType.received:
            return try await receive(try Self.decode(ReturnReceived.self, message, header))
        case OrderEventType.shipped:
            let event = try Self.decode(OrderShipped.self, message, header)
            try await store.recordShipment(
                ShipmentRecord(
                    shipmentID: event.data.taskId,
                    orderID: event.data.orderId,
                    locationID: event.data.locationId,
                    carrier: event.data.carrier,
                    lines: event.data.lines,
                    shippedAt: event.data.shippedAt
                )
            )
            return []
        case ReturnEventType.refundIssued:
            let event = try Self.decode(RefundIssued.self, message, header)
            try await store.settleReturn(
                rmaNumber: event.data.rmaNumber,
                eventID: event.id.rawValue,
                refund: event.data.amount,
                exchangeOrderID: nil
            )
            return []
        case ReturnEventType.exchangeCreated:
            let event = try Self.decode(ExchangeCreated.self, message, header)
            try await store.settleReturn(
                rmaNumber: event.data.rmaNumber,
                eventID: event.id.rawValue,
                refund: nil,
                exchangeOrderID: event.data.exchangeOrderId
            )
            return []
        default:
            throw StageError.schemaViolation("\(header.type) is not an event the returns stage handles")
        }
    }

    private func receive(_ event: ReturnReceivedEvent) async throws -> [KafkaProducerMessage] {
        let data = event.data
        let rmaNumber = data.rmaNumber
        guard let rma = try await store.returnAuthorization(rmaNumber: rmaNumber) else {
            throw StageError.schemaViolation("return receipt \(event.id): no RMA \"\(rmaNumber)\"")
        }
        guard rma.orderID == data.orderId else {
            throw StageError.schemaViolation(
                "return receipt \(event.id): orderId \(data.orderId) is not the order of \(rmaNumber) (\(rma.orderID))"
            )
        }
        // The order first: without it nothing can be refunded, and the receipt must not be booked half.
        guard let record = try await store.order(id: rma.orderID), !record.orderJSON.isEmpty else {
            throw StageError.transient("order \(rma.orderID) of \(rmaNumber) is not in the read model yet")
        }
        let order: CanonicalOrder
        do {
            order = try CanonicalJSON.decodeOrder(from: record.orderJSON)
        } catch {
            throw StageError.schemaViolation("order \(rma.orderID) of \(rmaNumber) cannot be read: \(error)")
        }
        let outcome = try await store.recordReturnReceipt(
            ReturnReceiptRecord(
                receiptID: event.id.rawValue,
                rmaNumber: rmaNumber,
                receiptNumber: 0,
                locationID: data.locationId,
                lines: data.lines,
                receivedAt: data.receivedAt
            )
        )
        let receipt: ReturnReceiptRecord
        switch outcome {
        case .refused(let reason):
            throw StageError.schemaViolation("return receipt \(event.id) for \(rmaNumber): \(reason)")
        case .recorded(let recorded, _):
            receipt = recorded
        }
        let lines = receipt.lines.map { ConfirmedLine(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity) }
        switch rma.resolution {
        case .refund:
            let amount: Money
            do {
                amount = try RefundCalculator.amount(for: lines, of: order)
            } catch {
                throw StageError.schemaViolation("refund for \(rmaNumber): \(error)")
            }
            let refund = event.followUp(
                stage: stage,
                source: Self.source,
                data: RefundIssued(
                    rmaNumber: rmaNumber,
                    orderId: rma.orderID,
                    amount: amount,
                    lines: lines,
                    issuedAt: data.receivedAt
                ),
                subject: rma.orderID.rawValue,
                time: event.time
            )
            return [try EventMessage.make(refund, topic: KontorTopics.returnRefundIssued)]
        case .exchange:
            let replacement = ExchangeOrder.make(
                from: order,
                originalID: rma.orderID,
                rmaNumber: rmaNumber,
                receiptNumber: receipt.receiptNumber,
                lines: lines,
                date: data.receivedAt
            )
            let newID = replacement.id ?? replacement.derivedID
            let received = event.followUp(
                stage: "\(stage)/exchange-order",
                source: Self.source,
                data: OrderReceived(order: replacement),
                subject: newID.rawValue,
                time: event.time
            )
            let created = event.followUp(
                stage: stage,
                source: Self.source,
                data: ExchangeCreated(
                    rmaNumber: rmaNumber,
                    orderId: rma.orderID,
                    exchangeOrderId: newID,
                    createdAt: data.receivedAt
                ),
                subject: rma.orderID.rawValue,
                time: event.time
            )
            return [
                try EventMessage.make(received, topic: KontorTopics.orderReceived),
                try EventMessage.make(created, topic: KontorTopics.returnExchangeCreated),
            ]
        }
    }

    private static func decode<Payload: Codable & Sendable & Hashable>(
        _ type: Payload.Type,
        _ message: KafkaConsumerMessage,
        _ header: EventHeader
    ) throws -> EventEnvelope<Payload> {
        do {
            return try CanonicalJSON.decodeEvent(type, from: message.value)
        } catch {
            throw StageError.schemaViolation("\(header.type) event \(header.id): \(error)")
        }
    }
}
