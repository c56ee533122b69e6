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
        orderShipped: [String: Int],
        replayed: Bool = false
    ) {
        self.confirmationID = confirmationID
        self.task = task
        self.shipped = shipped
        self.short = short
        self.orderShipped = orderShipped
        self.replayed = replayed
    }
}
