import KontorModel

/// Where a return (RMA) stands.
public enum ReturnStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Created; the customer may send the goods back.
    case authorized
    /// The warehouse received (some of) the goods.
    case received
    /// The refund was issued.
    case refunded
    /// The replacement order was created.
    case exchanged

    public var description: String { rawValue }
}

/// One RMA as the store keeps it.
public struct ReturnRecord: Sendable, Hashable {
    /// `RMA-<year>-<6 digits>`.
    public var rmaNumber: String
    public var orderID: OrderID
    public var status: ReturnStatus
    public var resolution: ReturnResolution
    /// The authorized lines, in pieces.
    public var lines: [ReturnLine]
    /// The carrier of the return label.
    public var returnCarrier: String
    /// The return label's tracking number.
    public var returnTrackingNumber: String
    /// The location the goods go back to, when known.
    public var returnLocationID: String?
    /// The operator's note.
    public var note: String?
    public var authorizedBy: String
    public var authorizedAt: Timestamp
    /// The amount refunded so far, once a refund was issued.
    public var refund: Money?
    /// The replacement order, once an exchange was created.
    public var exchangeOrderID: OrderID?
    public var updatedAt: Timestamp

    /// Creates a record.
    public init(
        rmaNumber: String,
        orderID: OrderID,
        status: ReturnStatus,
        resolution: ReturnResolution,
        lines: [ReturnLine],
        returnCarrier: String,
        returnTrackingNumber: String,
        returnLocationID: String? = nil,
        note: String? = nil,
        authorizedBy: String,
        authorizedAt: Timestamp,
        refund: Money? = nil,
        exchangeOrderID: OrderID? = nil,
        updatedAt: Timestamp
    ) {
        self.rmaNumber = rmaNumber
        self.orderID = orderID
        self.status = status
        self.resolution = resolution
        self.lines = lines
        self.returnCarrier = returnCarrier
        self.returnTrackingNumber = returnTrackingNumber
        self.returnLocationID = returnLocationID
        self.note = note
        self.authorizedBy = authorizedBy
        self.authorizedAt = authorizedAt
        self.refund = refund
        self.exchangeOrderID = exchangeOrderID
        self.updatedAt = updatedAt
    }
}

/// What an RMA is to be created from. The store assigns the number and the return tracking number, and checks every
/// line against `returnable` together with what earlier RMAs of the order already cover, atomically.
public struct ReturnRequest: Sendable, Hashable {
    public var orderID: OrderID
    public var lines: [ReturnLine]
    /// Line number → pieces that may be returned in all (shipped, or ordered when shipments are not known).
    public var returnable: [String: Int]
    public var resolution: ReturnResolution
    public var returnCarrier: String
    public var returnLocationID: String?
    public var note: String?
    public var authorizedBy: String
    public var authorizedAt: Timestamp

    /// Creates a request.
    public init(
        orderID: OrderID,
        lines: [ReturnLine],
        returnable: [String: Int],
        resolution: ReturnResolution,
        returnCarrier: String,
        returnLocationID: String? = nil,
        note: String? = nil,
        authorizedBy: String,
        authorizedAt: Timestamp
    ) {
        self.orderID = orderID
        self.lines = lines
        self.returnable = returnable
        self.resolution = resolution
        self.returnCarrier = returnCarrier
        self.returnLocationID = returnLocationID
        self.note = note
        self.authorizedBy = authorizedBy
        self.authorizedAt = authorizedAt
    }
}

/// A line an RMA could not cover: more pieces asked for than are left to return.
public struct ReturnLineRefusal: Sendable, Hashable {
    public var lineNumber: String
    public var requested: Int
    /// Pieces still returnable: returnable minus what earlier RMAs cover (at least 0).
    public var remaining: Int

    /// Creates a refusal.
    public init(lineNumber: String, requested: Int, remaining: Int) {
        self.lineNumber = lineNumber
        self.requested = requested
        self.remaining = remaining
    }
}

/// What ``ReturnStore/authorizeReturn(_:)`` did.
public enum ReturnAuthorizationOutcome: Sendable, Hashable {
    case authorized(ReturnRecord)
    case refused([ReturnLineRefusal])
}

/// One shipment of an order, as the returns stage learns it from `OrderShipped`.
public struct ShipmentRecord: Sendable, Hashable {
    /// The pick task id (the shipment's id).
    public var shipmentID: String
    public var orderID: OrderID
    public var locationID: String
    public var carrier: String
    public var lines: [ConfirmedLine]
    public var shippedAt: Timestamp

    /// Creates a record.
    public init(
        shipmentID: String,
        orderID: OrderID,
        locationID: String,
        carrier: String,
        lines: [ConfirmedLine],
        shippedAt: Timestamp
    ) {
        self.shipmentID = shipmentID
        self.orderID = orderID
        self.locationID = locationID
        self.carrier = carrier
        self.lines = lines
        self.shippedAt = shippedAt
    }
}

/// One receipt of returned goods at a location.
public struct ReturnReceiptRecord: Sendable, Hashable {
    /// Unique per receipt: the id of the `ReturnReceived` event.
    public var receiptID: String
    public var rmaNumber: String
    /// 1 for the RMA's first receipt, then 2, 3, ...
    public var receiptNumber: Int
    public var locationID: String
    public var lines: [ReceivedReturnLine]
    public var receivedAt: Timestamp

    /// Creates a record.
    public init(
        receiptID: String,
        rmaNumber: String,
        receiptNumber: Int,
        locationID: String,
        lines: [ReceivedReturnLine],
        receivedAt: Timestamp
    ) {
        self.receiptID = receiptID
        self.rmaNumber = rmaNumber
        self.receiptNumber = receiptNumber
        self.locationID = locationID
        self.lines = lines
        self.receivedAt = receivedAt
    }
}

/// What ``ReturnStore/recordReturnReceipt(_:)`` did.
public enum ReturnReceiptOutcome: Sendable, Hashable {
    /// Recorded now, or earlier under the same receipt id (then nothing changed again).
    case recorded(ReturnReceiptRecord, ReturnRecord)
    /// Not recorded, and why (unknown RMA, unknown line, more pieces than are outstanding).
    case refused(String)
}

/// Returned pieces kept out of sellable stock (damaged or defective) at a location.
public struct QuarantineStock: Sendable, Hashable {
    public var locationID: String
    public var sku: String
    public var quantity: Int

    /// Creates an entry.
    public init(locationID: String, sku: String, quantity: Int) {
        self.locationID = locationID
        self.sku = sku
        self.quantity = quantity
    }
}

extension ReturnRecord {
    /// Why `receipt` cannot be recorded against this RMA after its `earlier` receipts (empty lines, no location, a
    /// line not on the RMA, more pieces than outstanding), naming the field; nil when it can. The store applies the
    /// same check atomically when it records the receipt.
    public func receiptProblem(_ receipt: ReturnReceiptRecord, earlier: [ReturnReceiptRecord]) -> String? {
        ReturnRules.receiptProblem(receipt, rma: self, earlier: earlier)
    }
}
