import KontorModel

/// What applying one ``WarehouseConfirmation`` did, kept with the confirmation's id so that the same confirmation
/// again is answered with the same outcome and changes nothing.
public struct FulfillmentOutcome: Sendable, Hashable, Codable {
    /// The confirmation.
    public var confirmationID: String

    /// The task after the confirmation.
    public var task: PickTaskRecord

    /// Pieces this confirmation shipped, per line (for `shipped` without lines: everything the task still had open).
    public var shipped: [ConfirmedLine]

    /// Pieces this confirmation reported short, per line.
    public var short: [ConfirmedLine]

    /// Pieces this confirmation put back after a cancellation, per line.
    public var cancelled: [ConfirmedLine]

    /// Pieces shipped per order line number over all of the order's tasks, after this confirmation.
    public var orderShipped: [String: Int]

    /// True when the confirmation had been applied before (this call changed nothing).
    public var replayed: Bool

    /// Creates an outcome.
    public init(
        confirmationID: String,
        task: PickTaskRecord,
        shipped: [ConfirmedLine],
        short: [ConfirmedLine],
        cancelled: [ConfirmedLine] = [],
        orderShipped: [String: Int],
        replayed: Bool = false
    ) {
        self.confirmationID = confirmationID
        self.task = task
        self.shipped = shipped
        self.short = short
        self.cancelled = cancelled
        self.orderShipped = orderShipped
        self.replayed = replayed
    }

    private enum CodingKeys: String, CodingKey {
        case confirmationID, task, shipped, short, cancelled, orderShipped, replayed
    }

    /// Reads an outcome; outcomes stored before cancellations existed cancelled nothing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.confirmationID = try container.decode(String.self, forKey: .confirmationID)
        self.task = try container.decode(PickTaskRecord.self, forKey: .task)
        self.shipped = try container.decode([ConfirmedLine].self, forKey: .shipped)
        self.short = try container.decode([ConfirmedLine].self, forKey: .short)
        self.cancelled = try container.decodeIfPresent([ConfirmedLine].self, forKey: .cancelled) ?? []
        self.orderShipped = try container.decode([String: Int].self, forKey: .orderShipped)
        self.replayed = try container.decode(Bool.self, forKey: .replayed)
    }
}
