import KontorKafka
import KontorMapping
import KontorModel
import KontorStore
import Logging

/// The work behind one webhook endpoint: check the signature, drop redeliveries, translate the
/// payload through the connector's mapping and publish the orders, answering only after the
/// broker acknowledged them. Payloads that cannot be translated are quarantined.
public struct WebhookReceiver: Sendable {
    public let instance: ConnectorInstance
    let mapping: Mapping
    let signature: WebhookSignature
    let publisher: OrderPublisher
    let quarantine: QuarantineWriter
    let state: (any ConnectorStateStore)?
    let logger: Logger

    public init(
        instance: ConnectorInstance,
        mapping: Mapping,
        secret: String,
        publisher: OrderPublisher,
        quarantine: QuarantineWriter,
        state: (any ConnectorStateStore)?,
        logger: Logger
    ) {
        precondition(instance.signature != nil, "webhook connectors are configured with a signature")
        self.instance = instance
        self.mapping = mapping
        self.signature = WebhookSignature(configuration: instance.signature!, secret: secret)
        self.publisher = publisher
        self.quarantine = quarantine
        self.state = state
        var logger = logger
        logger[metadataKey: "kontor.connector"] = "\(instance.name)"
        self.logger = logger
    }

    public enum Outcome: Sendable {
        case accepted([OrderPublisher.Receipt])
        case duplicate(deliveryID: String)
        case unauthorized(String)
        case invalid(MappingError, quarantineID: String?)
        case unavailable(String)
    }

    /// - Parameter header: looks up a request header by name (case-insensitive).
    public func receive(
        body: [UInt8],
        contentType: String?,
        header: (String) -> String?
    ) async -> Outcome {
        let signatureHeader = signature.configuration.header
        switch signature.verify(body: body, headerValue: header(signatureHeader)) {
        case .valid:
            break
        case .missing:
            return refuse("missing \(signatureHeader) header")
        case .malformed:
            return refuse("\(signatureHeader) is not a well-formed signature")
        case .mismatch:
            return refuse("\(signatureHeader) does not match the body")
        }

        let deliveryID = instance.deduplicationHeader.flatMap(header)
        if let deliveryID, let state,
            (try? await state.hasDelivery(connector: instance.name, deliveryID: deliveryID)) == true
        {
            ConnectorMetrics.duplicate(instance.name)
            logger.info("redelivered webhook ignored", metadata: ["kontor.delivery.id": "\(deliveryID)"])
            return .duplicate(deliveryID: deliveryID)
        }

        let orders: [CanonicalOrder]
        do {
            orders = try mapping.translate(body)
        } catch {
            ConnectorMetrics.failed(instance.name, reason: error.kind.rawValue)
            let quarantineID = await quarantine.keep(
                body,
                reason: "\(error.kind.rawValue): \(error.message)",
                field: error.field ?? error.canonicalField,
                source: instance.name,
                contentType: contentType
            )
            return .invalid(error, quarantineID: quarantineID)
        }

        let basis = "body:\(OrderPublisher.contentHash(body))"
        var receipts: [OrderPublisher.Receipt] = []
        for order in orders {
            do {
                receipts.append(try await publisher.publish(order, source: instance.name, basis: basis))
            } catch {
                ConnectorMetrics.failed(instance.name, reason: "broker")
                return .unavailable("the broker did not acknowledge order \(order.orderNumber): \(error.message)")
            }
        }
        if let deliveryID, let state {
            do {
                _ = try await state.recordDelivery(connector: instance.name, deliveryID: deliveryID)
            } catch {
                // Published already; a redelivery would yield the same event ids, which the pipeline drops.
                logger.warning("delivery id not recorded: \(error)")
            }
        }
        ConnectorMetrics.accepted(instance.name, orders: receipts.count)
        return .accepted(receipts)
    }

    private func refuse(_ reason: String) -> Outcome {
        ConnectorMetrics.rejectedSignature(instance.name)
        logger.warning("webhook refused: bad signature", metadata: ["kontor.reason": "\(reason)"])
        return .unauthorized(reason)
    }
}
