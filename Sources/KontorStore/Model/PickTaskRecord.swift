import KontorModel

/// What the store keeps of one pick task (one shipment): the task as it was sent to the warehouse, and how far each
/// of its lines got (picked, shipped, short), with the parcels and carrier the warehouse reported.
public struct PickTaskRecord: Sendable, Hashable, Codable {
    /// Where a pick task stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Sent to the warehouse; nothing reported yet.
        case open
        /// The warehouse picked the lines.
        case picked
        /// Packed into parcels.
        case packed
        /// Every piece left (some may have been short).
        case shipped
        /// Nothing shipped: every open piece was reported short.
        case short
        /// Nothing shipped: the warehouse stopped picking after a cancellation (some pieces may have been short).
        case cancelled
    }

    /// Progress of one task line, in pieces.
    public struct Line: Sendable, Hashable, Codable {
        /// The order line's number.
        public var lineNumber: String
        /// The line's number in the store's reservations (its position in the order, from 1).
        public var reservationLine: Int
        /// The SKU.
        public var sku: String
        /// Pieces the task asks for.
        public var quantity: Int
        /// Pieces reported picked.
        public var picked: Int
        /// Pieces shipped.
        public var shipped: Int
        /// Pieces reported short (not found).
        public var short: Int
        /// Pieces the warehouse put back after a cancellation.
        public var cancelled: Int

        /// Pieces neither shipped, short nor cancelled.
        public var open: Int { quantity - shipped - short - cancelled }

        /// Creates a line.
        public init(
            lineNumber: String,
            reservationLine: Int,
            sku: String,
            quantity: Int,
            picked: Int = 0,
            shipped: Int = 0,
            short: Int = 0,
            cancelled: Int = 0
        ) {
            self.lineNumber = lineNumber
            self.reservationLine = reservationLine
            self.sku = sku
            self.quantity = quantity
            self.picked = picked
            self.shipped = shipped
            self.short = short
            self.cancelled = cancelled
        }

        private enum CodingKeys: String, CodingKey {
            case lineNumber, reservationLine, sku, quantity, picked, shipped, short, cancelled
        }

        /// Reads a line; lines stored before cancellations existed have none cancelled.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.lineNumber = try container.decode(String.self, forKey: .lineNumber)
            self.reservationLine = try container.decode(Int.self, forKey: .reservationLine)
            self.sku = try container.decode(String.self, forKey: .sku)
            self.quantity = try container.decode(Int.self, forKey: .quantity)
            self.picked = try container.decode(Int.self, forKey: .picked)
            self.shipped = try container.decode(Int.self, forKey: .shipped)
            self.short = try container.decode(Int.self, forKey: .short)
            self.cancelled = try container.decodeIfPresent(Int.self, forKey: .cancelled) ?? 0
        }
    }

    /// The task as sent to the warehouse (its id, order, location and lines).
    public var task: PickTask

    /// The task's number among the order's tasks at its location (1, 2, ...).
    public var sequence: Int

    /// The id of the event that made the task (a redelivery of it is answered with the same tasks).
    public var causeID: String

    /// Where the task stands.
    public var status: Status

    /// Each line's progress, in the task's line order.
    public var lines: [Line]

    /// The parcels last reported (packed or shipped).
    public var parcels: [Parcel]

    /// The carrier: the one the warehouse reported, else the one chosen with the task.
    public var carrier: String?

    /// The carrier's service.
    public var carrierService: String?

    /// When the warehouse last reported on the task (the task's creation time before that).
    public var updatedAt: Timestamp

    /// Creates a record.
    public init(
        task: PickTask,
        sequence: Int,
        causeID: String,
        status: Status = .open,
        lines: [Line],
        parcels: [Parcel] = [],
        carrier: String? = nil,
        carrierService: String? = nil,
        updatedAt: Timestamp
    ) {
        self.task = task
        self.sequence = sequence
        self.causeID = causeID
        self.status = status
        self.lines = lines
        self.parcels = parcels
        self.carrier = carrier ?? task.carrier
        self.carrierService = carrierService ?? task.carrierService
        self.updatedAt = updatedAt
    }

    /// The task id (``PickTask/taskId``).
    public var taskID: String { task.taskId }

    /// The order.
    public var orderID: OrderID { task.orderId }

    /// The location that picks.
    public var locationID: String { task.locationId }
}
