import KontorModel
import KontorStore

extension ProjectedEvent {
    /// A shipment (`shipped` / `partially-shipped` by its `complete` flag), a carrier scan (`delivered` when the
    /// order is, `returned` when back with the sender, else the timeline only; an exception flags the order) or a
    /// delay (flags the order with the new estimate).
    static func fulfillmentEvent(_ header: EventHeader, _ value: [UInt8]) throws -> ProjectedEvent {
        switch header.type {
        case OrderEventType.shipped:
            let data = try payload(OrderShipped.self, value, header).data
            var event = try ProjectedEvent(
                header,
                step: data.complete ? .ship : .shipPartially,
                order: nil,
                orderID: data.orderId
            )
            event.details = TimelineDetails(
                carrier: data.carrier,
                trackingNumbers: data.parcels.compactMap(\.trackingNumber)
            )
            return event
        case OrderEventType.tracked:
            let data = try payload(OrderTracked.self, value, header).data
            let scan = data.tracking
            let step: OrderLifecycle.Step = scan.status == .returnedToSender ? .returnToSender : .deliver
            var event = try ProjectedEvent(header, step: step, order: nil, orderID: data.orderId)
            event.changesStatus = data.delivered || scan.status == .returnedToSender
            event.details = TimelineDetails(carrier: scan.carrier, tracking: scan)
            if scan.status == .exception {
                event.flag = OrderFlag(
                    orderID: data.orderId,
                    flag: OrderFlag.exception,
                    detail: exceptionDetail(scan),
                    at: scan.occurredAt
                )
            }
            return event
        default:
            let data = try payload(OrderDelayed.self, value, header).data
            var event = try ProjectedEvent(header, step: .ship, order: nil, orderID: data.orderId)
            event.changesStatus = false
            event.details = TimelineDetails(carrier: nil, delay: data)
            event.flag = OrderFlag(
                orderID: data.orderId,
                flag: OrderFlag.delayed,
                detail: "\(data.cause.rawValue): \(data.detail); new estimate \(data.estimatedDate.rawValue)",
                at: data.detectedAt
            )
            return event
        }
    }

    /// `"Recipient not at home (Berlin, 10115, DE), tracking 0034..."`: the carrier's words and place.
    static func exceptionDetail(_ scan: TrackingEvent) -> String {
        let place = [scan.location?.city, scan.location?.postalCode, scan.location?.country].compactMap { $0 }
        var text = scan.description ?? "carrier exception"
        if !place.isEmpty { text += " (" + place.joined(separator: ", ") + ")" }
        return text + ", tracking \(scan.trackingNumber) (\(scan.carrier))"
    }
}
