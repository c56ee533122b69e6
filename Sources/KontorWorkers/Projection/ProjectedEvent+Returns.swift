import KontorModel

extension ProjectedEvent {
    /// The return topics the projection puts on the orders' timelines.
    public static let returnTopics = [
        KontorTopics.returnAuthorized, KontorTopics.returnReceived, KontorTopics.returnRefundIssued,
        KontorTopics.returnExchangeCreated,
    ]

    /// A return event (RMA authorized, return received, refund issued, exchange created) as a timeline entry of its
    /// order that keeps the order's status (see ``changesStatus``).
    static func returnEvent(_ value: [UInt8], _ header: EventHeader) throws -> ProjectedEvent {
        func event(_ orderID: OrderID, _ details: ReturnTimelineDetails) throws -> ProjectedEvent {
            guard !orderID.rawValue.isEmpty else {
                throw StageError.schemaViolation("event \(header.id) (\(header.type)) names no order")
            }
            // Shipped is what a return implies when it is the first the read model hears of the order.
            var projected = ProjectedEvent(
                eventID: header.id,
                type: header.type,
                time: header.time,
                orderID: orderID,
                step: .ship,
                stage: stage(of: header.source)
            )
            projected.changesStatus = false
            projected.details.returns = details
            return projected
        }
        switch header.type {
        case ReturnEventType.authorized:
            let data = try decodeReturnPayload(ReturnAuthorized.self, value, header).data
            return try event(
                data.orderId,
                ReturnTimelineDetails(
                    rmaNumber: data.rmaNumber,
                    resolution: data.resolution,
                    lines: data.lines,
                    returnCarrier: data.returnCarrier,
                    returnTrackingNumber: data.returnTrackingNumber,
                    authorizedBy: data.authorizedBy
                )
            )
        case ReturnEventType.received:
            let data = try decodeReturnPayload(ReturnReceived.self, value, header).data
            return try event(
                data.orderId,
                ReturnTimelineDetails(rmaNumber: data.rmaNumber, receivedLines: data.lines, locationId: data.locationId)
            )
        case ReturnEventType.refundIssued:
            let data = try decodeReturnPayload(RefundIssued.self, value, header).data
            return try event(data.orderId, ReturnTimelineDetails(rmaNumber: data.rmaNumber, refund: data.amount))
        case ReturnEventType.exchangeCreated:
            let data = try decodeReturnPayload(ExchangeCreated.self, value, header).data
            return try event(
                data.orderId,
                ReturnTimelineDetails(rmaNumber: data.rmaNumber, exchangeOrderId: data.exchangeOrderId)
            )
        default:
            throw StageError.schemaViolation("\(header.type) is not a return event")
        }
    }

    private static func decodeReturnPayload<Payload: Codable & Sendable & Hashable>(
        _ type: Payload.Type,
        _ value: [UInt8],
        _ header: EventHeader
    ) throws -> EventEnvelope<Payload> {
        do {
            return try CanonicalJSON.decodeEvent(type, from: value)
        } catch {
            throw StageError.schemaViolation("\(header.type) event \(header.id): \(error)")
        }
    }
}
