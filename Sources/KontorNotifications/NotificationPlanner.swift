import Foundation
import KontorAllocation
import KontorModel
import KontorStore
import KontorWorkers

/// One notification an event calls for: which template, about which order, with the event's own values (shipment,
/// delay, refund …) for the template.
public struct PlannedNotification: Sendable, Hashable {
    public var template: NotificationTemplate
    public var order: CanonicalOrder
    public var orderID: OrderID
    /// The event's values, beside the order's that every template gets (see ``NotificationValues``).
    public var values: [String: TemplateValue]

    public init(
        template: NotificationTemplate,
        order: CanonicalOrder,
        orderID: OrderID,
        values: [String: TemplateValue] = [:]
    ) {
        self.template = template
        self.order = order
        self.orderID = orderID
        self.values = values
    }
}

/// Decides which notifications an event calls for:
///
/// | event | template |
/// | --- | --- |
/// | `order.validated` | `order-confirmation` |
/// | `order.backordered`, `order.allocated` with backorder lines | `backorder` |
/// | `order.shipped` | `shipped` (tracking links per carrier) |
/// | `order.tracked` with `delivered` | `delivered` |
/// | `order.delayed` | `delay` |
/// | `order.cancelled` | `cancellation` |
/// | `return.received` | `return-received` |
/// | `return.refund-issued` | `refund-issued` |
///
/// Events that carry only the order id find the order in the read model (``OrderReadModelStore``); an order the
/// projection has not stored yet fails the event as transient, so the stage tries again.
public struct NotificationPlanner: Sendable {
    public let settings: NotificationSettings
    private let orders: any OrderReadModelStore

    public init(settings: NotificationSettings, orders: any OrderReadModelStore) {
        self.settings = settings
        self.orders = orders
    }

    /// The topics whose events can call for a notification.
    public static let inputTopics = [
        KontorTopics.orderValidated, KontorTopics.orderAllocated, KontorTopics.orderBackordered,
        KontorTopics.orderShipped, KontorTopics.orderTracked, KontorTopics.orderDelayed, KontorTopics.orderCancelled,
        KontorTopics.returnReceived, KontorTopics.returnRefundIssued,
    ]

    /// The event's header and the notifications it calls for (none for events no customer hears about).
    /// - Throws: ``StageError``: permanent for a message that is not a well-formed event, transient when the order
    ///   is not in the read model yet.
    public func plan(_ value: [UInt8]) async throws -> (header: EventHeader, notifications: [PlannedNotification]) {
        let header: EventHeader
        do {
            header = try CanonicalJSON.decodeEventHeader(from: value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not an event: \(error)")
        }
        return (header, try await notifications(for: header, value))
    }

    private func notifications(for header: EventHeader, _ value: [UInt8]) async throws -> [PlannedNotification] {
        switch header.type {
        case OrderEventType.validated:
            let data = try payload(OrderValidated.self, value, header)
            return [try planned(.orderConfirmation, data.order, header)]
        case OrderEventType.allocated, OrderEventType.backordered:
            let data = try payload(OrderAllocated.self, value, header)
            guard !data.plan.backorders.isEmpty else { return [] }
            let formatting = NotificationFormatting(language: settings.languages.language(for: data.order))
            let lines = data.plan.backorders.map { line in
                [
                    "lineNumber": TemplateValue.text(line.lineNumber),
                    "sku": .text(line.sku),
                    "description": .text(Self.description(ofLine: line.lineNumber, sku: line.sku, in: data.order)),
                    "quantity": .text(String(line.quantity)),
                    "expectedDate": .optional(line.expectedDate.map(formatting.date)),
                ]
            }
            return [
                try planned(
                    .backorder,
                    data.order,
                    header,
                    values: [
                        "backorder": .object([
                            "lines": .list(lines),
                            "complete": .flag(data.plan.status == .backordered),
                        ])
                    ]
                )
            ]
        case OrderEventType.shipped:
            let data = try payload(OrderShipped.self, value, header)
            let order = try await storedOrder(data.orderId)
            let formatting = NotificationFormatting(language: settings.languages.language(for: order))
            let parcels = data.trackingNumbers.map { number in
                [
                    "trackingNumber": TemplateValue.text(number),
                    "trackingUrl": .optional(settings.trackingURL(carrier: data.carrier, trackingNumber: number)),
                ]
            }
            let lines = data.lines.map { line in
                [
                    "lineNumber": TemplateValue.text(line.lineNumber),
                    "sku": .text(line.sku),
                    "description": .text(Self.description(ofLine: line.lineNumber, sku: line.sku, in: order)),
                    "quantity": .text(String(line.quantity)),
                ]
            }
            return [
                PlannedNotification(
                    template: .shipped,
                    order: order,
                    orderID: data.orderId,
                    values: [
                        "shipment": .object([
                            "id": .text(data.taskId),
                            "carrier": .text(data.carrier.uppercased()),
                            "parcels": .list(parcels),
                            "lines": .list(lines),
                            "shippedAt": .text(formatting.date(data.shippedAt)),
                            "complete": .flag(data.complete),
                        ])
                    ]
                )
            ]
        case OrderEventType.tracked:
            let data = try payload(OrderTracked.self, value, header)
            guard data.delivered else { return [] }
            let order = try await storedOrder(data.orderId)
            let formatting = NotificationFormatting(language: settings.languages.language(for: order))
            return [
                PlannedNotification(
                    template: .delivered,
                    order: order,
                    orderID: data.orderId,
                    values: [
                        "delivery": .object([
                            "deliveredAt": .text(formatting.date(data.tracking.occurredAt)),
                            "city": .optional(data.tracking.location?.city),
                        ])
                    ]
                )
            ]
        case OrderEventType.delayed:
            let data = try payload(OrderDelayed.self, value, header)
            let order = try await storedOrder(data.orderId)
            let formatting = NotificationFormatting(language: settings.languages.language(for: order))
            return [
                PlannedNotification(
                    template: .delay,
                    order: order,
                    orderID: data.orderId,
                    values: [
                        "delay": .object([
                            "promisedDate": .text(formatting.date(data.promisedDate)),
                            "estimatedDate": .text(formatting.date(data.estimatedDate)),
                            "cause": .text(data.cause.rawValue),
                        ])
                    ]
                )
            ]
        case OrderEventType.cancelled:
            let data = try payload(OrderCancelled.self, value, header)
            let order = try await storedOrder(data.orderId)
            return [
                PlannedNotification(
                    template: .cancellation,
                    order: order,
                    orderID: data.orderId,
                    values: ["cancellation": .object(["reason": .text(data.reason)])]
                )
            ]
        case ReturnEventType.received:
            let data = try payload(ReturnReceived.self, value, header)
            let order = try await storedOrder(data.orderId)
            let lines = data.lines.map { line in
                [
                    "lineNumber": TemplateValue.text(line.lineNumber),
                    "sku": .text(line.sku),
                    "description": .text(Self.description(ofLine: line.lineNumber, sku: line.sku, in: order)),
                    "quantity": .text(String(line.quantity)),
                ]
            }
            let formatting = NotificationFormatting(language: settings.languages.language(for: order))
            return [
                PlannedNotification(
                    template: .returnReceived,
                    order: order,
                    orderID: data.orderId,
                    values: [
                        "return": .object([
                            "rmaNumber": .text(data.rmaNumber),
                            "lines": .list(lines),
                            "receivedAt": .text(formatting.date(data.receivedAt)),
                        ])
                    ]
                )
            ]
        case ReturnEventType.refundIssued:
            let data = try payload(RefundIssued.self, value, header)
            let order = try await storedOrder(data.orderId)
            let formatting = NotificationFormatting(language: settings.languages.language(for: order))
            return [
                PlannedNotification(
                    template: .refundIssued,
                    order: order,
                    orderID: data.orderId,
                    values: [
                        "refund": .object([
                            "rmaNumber": .text(data.rmaNumber),
                            "amount": .text(formatting.money(data.amount)),
                            "issuedAt": .text(formatting.date(data.issuedAt)),
                        ])
                    ]
                )
            ]
        default:
            return []
        }
    }

    private func planned(
        _ template: NotificationTemplate,
        _ order: CanonicalOrder,
        _ header: EventHeader,
        values: [String: TemplateValue] = [:]
    ) throws -> PlannedNotification {
        guard let id = order.id ?? header.subject.map({ OrderID($0) }) else {
            throw StageError.schemaViolation("event \(header.id) (\(header.type)) names no order: no subject, no id")
        }
        return PlannedNotification(template: template, order: order, orderID: id, values: values)
    }

    /// The order as the read model holds it.
    private func storedOrder(_ id: OrderID) async throws -> CanonicalOrder {
        guard let record = try await orders.order(id: id), !record.orderJSON.isEmpty else {
            throw StageError.transient("order \(id) is not in the read model yet")
        }
        do {
            var order = try CanonicalJSON.decodeOrder(from: record.orderJSON)
            order.id = order.id ?? id
            return order
        } catch {
            throw StageError.schemaViolation("order \(id) in the read model does not decode: \(error)")
        }
    }

    private func payload<Payload: Codable & Sendable & Hashable>(
        _ type: Payload.Type,
        _ value: [UInt8],
        _ header: EventHeader
    ) throws -> Payload {
        do {
            return try CanonicalJSON.decodeEvent(type, from: value).data
        } catch {
            throw StageError.schemaViolation("\(header.type) event \(header.id): \(error)")
        }
    }

    /// The order line's description, else its SKU.
    static func description(ofLine lineNumber: String, sku: String, in order: CanonicalOrder) -> String {
        order.lines.first { $0.lineNumber == lineNumber }?.description ?? sku
    }
}
