/// Where an order stands in its life, as the order read model shows it.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case received
    case validated
    /// Held for a person to review (a review rule matched, or ops put it on hold).
    case onHold = "on-hold"
    case rejected
    case allocated
    case partiallyAllocated = "partially-allocated"
    case backordered
    /// Pick tasks are with the warehouse.
    case picking
    case partiallyShipped = "partially-shipped"
    case shipped
    case delivered
    case cancelled
    case returned

    public var description: String { rawValue }

    /// No event moves the order on from here (a rejected order can only be received again, fixed).
    public var isFinal: Bool {
        switch self {
        case .rejected, .delivered, .cancelled, .returned: true
        default: false
        }
    }
}
