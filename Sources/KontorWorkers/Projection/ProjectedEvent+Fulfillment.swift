import KontorModel

extension ProjectedEvent {
    /// A pick task (the order is being picked), a short pick (on the timeline only; allocation plans the missing
    /// pieces again and its event moves the status) or a task's cancellation sent to the warehouse (timeline only).
    init(fulfillment header: EventHeader, _ value: [UInt8]) throws {
        switch header.type {
        case FulfillmentEventType.pickTaskCancellation:
            let data = try Self.payload(PickTaskCancellation.self, value, header).data
            self = try .init(header, step: .requestCancel, order: nil, orderID: data.orderId)
            changesStatus = false
            details.taskId = data.taskId
            details.locationId = data.locationId
            details.lines = data.lines
            details.reason = data.reason
        case OrderEventType.shortPicked:
            let data = try Self.payload(OrderShortPicked.self, value, header).data
            self = try .init(header, step: .startPicking, order: nil, orderID: data.orderId)
            changesStatus = false
            details.taskId = data.taskId
            details.locationId = data.locationId
            details.lines = data.lines
        default:
            let data = try Self.payload(PickTask.self, value, header).data
            self = try .init(header, step: .startPicking, order: nil, orderID: data.orderId)
            details.taskId = data.taskId
            details.locationId = data.locationId
            details.lines = data.lines.map {
                ConfirmedLine(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity)
            }
            details.carrierSelection = data.carrierSelection
        }
    }
}
