import KontorKafka
import KontorModel
import KontorStore

/// The validation stage: checks every received order and publishes it as validated, on hold for review, or
/// rejected, always with machine-readable reasons.
///
/// In order:
/// 1. the order's own rules (``BasicOrderValidator``: completeness, postal code format, units convertible to pieces,
///    amounts);
/// 2. with a store: every line's product is found by SKU, GTIN or the buyer's article number, and the line's SKU is
///    filled in (`unknown-sku` rejects);
/// 3. payment: failed rejects; authorized or paid passes; on account is charged against the customer's credit limit;
///    anything else, an unknown account or an exceeded limit holds;
/// 4. ``ReviewRules``: order value over the threshold, prices deviating from the price list, a possible duplicate
///    hold.
///
/// Rejections come first: a rejected order is not charged and does not count as a duplicate's original. The
/// validated (or held) event carries the order with resolved SKUs.
public struct ValidationHandler: StageHandler {
    public static let stageName = "validation"
    public var stage: String { Self.stageName }
    private let validator = BasicOrderValidator()
    private let store: (any CatalogStore & CustomerStore & IdempotencyStore)?
    private let rules: ReviewRules

    /// A validator; without a store only the order's own rules, payment status and the order value are checked.
    public init(store: (any CatalogStore & CustomerStore & IdempotencyStore)? = nil, rules: ReviewRules = ReviewRules())
    {
        self.store = store
        self.rules = rules
    }

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
        var order = event.data.order
        switch try await decide(&order) {
        case .rejected(let reasons):
            let rejected = event.followUp(
                stage: stage,
                source: .validationWorker,
                data: OrderRejected(order: order, reasons: reasons)
            )
            return [try EventMessage.make(rejected, topic: KontorTopics.orderRejected)]
        case .held(let reasons):
            let held = event.followUp(
                stage: stage,
                source: .validationWorker,
                data: OrderHeld(order: order, reasons: reasons, heldBy: "review-rules")
            )
            return [try EventMessage.make(held, topic: KontorTopics.orderHeld)]
        case .validated(let findings):
            let warnings = findings + validator.warnings(for: order)
            let validated = event.followUp(
                stage: stage,
                source: .validationWorker,
                data: OrderValidated(order: order, warnings: warnings.isEmpty ? nil : warnings)
            )
            return [try EventMessage.make(validated, topic: KontorTopics.orderValidated)]
        }
    }

    enum Decision: Equatable {
        /// Valid, with warnings from the checks.
        case validated([ValidationReason])
        case held([ValidationReason])
        case rejected([ValidationReason])
    }

    /// The decision for `order`, resolving its lines' SKUs on the way.
    func decide(_ order: inout CanonicalOrder) async throws -> Decision {
        var reasons = validator.validate(order)
        var products: [Int: Product] = [:]
        if let store {
            let resolution = try await CatalogResolution(catalog: store).resolve(&order)
            reasons += resolution.reasons
            products = resolution.products
        }
        let payment = try await PaymentCheck(accounts: store).checkUnlessRejected(order, rejected: !reasons.isEmpty)
        if case .rejected(let reason) = payment { reasons.append(reason) }
        guard reasons.isEmpty else { return .rejected(reasons) }

        var holds: [ValidationReason] = []
        if case .held(let reason) = payment { holds.append(reason) }
        holds += ReviewRuleCheck(rules: rules).findings(order, products: products)
        if let store, rules.duplicateWindowHours > 0,
            let original = try await DuplicateDetector(
                store: store,
                window: .seconds(rules.duplicateWindowHours * 3600)
            ).original(of: order)
        {
            holds.append(
                ValidationReason(
                    code: .possibleDuplicate,
                    field: "orderNumber",
                    message: "same buyer, ship-to, items and total as order \(original.orderId) "
                        + "(\(original.channel) \(original.orderNumber))"
                )
            )
        }
        guard holds.isEmpty else { return .held(holds) }
        if case .unreported(let warning) = payment { return .validated([warning]) }
        return .validated([])
    }
}

extension PaymentCheck {
    /// The payment check, skipped (accepted) for an order that is rejected anyway, so it is never charged.
    func checkUnlessRejected(_ order: CanonicalOrder, rejected: Bool) async throws -> Outcome {
        rejected ? .accepted : try await check(order)
    }
}
