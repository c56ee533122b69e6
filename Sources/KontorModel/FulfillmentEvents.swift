/// Payload of ``FulfillmentEventType/pickTask`` on ``KontorTopics/pickTask``: what one warehouse or store must pick,
/// pack and ship for one order — the message a WMS consumes. A re-allocation that reserves more units creates another
/// task for the new units only. JSON: `{taskId, orderId, orderNumber, channel, locationId, method, lines, shipTo,
/// serviceLevel, promisedDate, carrier, carrierService, createdAt, carrierSelection}`.
public struct PickTask: KontorEventPayload {
    /// `com.kontor.fulfillment.pick-task.v1`.
    public static let eventType = FulfillmentEventType.pickTask

    /// Unique and stable for the same reservation: `<orderId>-<locationId>-<n>` (n counts the order's tasks at the
    /// location from 1). Also the shipment's id: a task ships as one shipment (of one or more parcels).
    public var taskId: String

    /// The Kontor order id.
    public var orderId: OrderID

    /// The channel's order number, printed on the packing slip.
    public var orderNumber: String

    /// The channel the order came from.
    public var channel: SalesChannel

    /// The warehouse or store that picks.
    public var locationId: String

    /// `ship` or `pickup` (kept at a store for the customer to collect).
    public var method: String

    /// The lines to pick, in pieces.
    public var lines: [PickTaskLine]

    /// Where the shipment goes (for pickup: the customer's address, for the notification).
    public var shipTo: Address

    /// The service level the customer chose, if any.
    public var serviceLevel: ServiceLevel?

    /// The date the customer was promised, if any.
    public var promisedDate: KontorDate?

    /// The carrier chosen for the shipment, if one was chosen when the task was made.
    public var carrier: String?

    /// The carrier's service (product) chosen, e.g. `dhl-paket`.
    public var carrierService: String?

    /// When the task was made.
    public var createdAt: Timestamp

    /// Why Kontor chose ``carrierService`` (absent when the warehouse chooses the carrier).
    public var carrierSelection: CarrierSelectionNote?

    /// Creates a pick task.
    public init(
        taskId: String,
        orderId: OrderID,
        orderNumber: String,
        channel: SalesChannel,
        locationId: String,
        method: String,
        lines: [PickTaskLine],
        shipTo: Address,
        serviceLevel: ServiceLevel? = nil,
        promisedDate: KontorDate? = nil,
        carrier: String? = nil,
        carrierService: String? = nil,
        createdAt: Timestamp,
        carrierSelection: CarrierSelectionNote? = nil
    ) {
        self.taskId = taskId
        self.orderId = orderId
        self.orderNumber = orderNumber
        self.channel = channel
        self.locationId = locationId
        self.method = method
        self.lines = lines
        self.shipTo = shipTo
        self.serviceLevel = serviceLevel
        self.promisedDate = promisedDate
        self.carrier = carrier
        self.carrierService = carrierService
        self.createdAt = createdAt
        self.carrierSelection = carrierSelection
    }
}

/// One line of a ``PickTask``. JSON: `{lineNumber, sku, gtin, description, quantity, binHint}`.
public struct PickTaskLine: Sendable, Hashable, Codable {
    /// The order line's number.
    public var lineNumber: String

    /// The SKU to pick.
    public var sku: String

    /// The GTIN, when the catalog or the order has one (for scanning).
    public var gtin: String?

    /// The item's description.
    public var description: String?

    /// Pieces to pick.
    public var quantity: Int

    /// Where in the location the item usually is, when known.
    public var binHint: String?

    /// Creates a pick task line.
    public init(
        lineNumber: String,
        sku: String,
        gtin: String? = nil,
        description: String? = nil,
        quantity: Int,
        binHint: String? = nil
    ) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.gtin = gtin
        self.description = description
        self.quantity = quantity
        self.binHint = binHint
    }
}

/// What a WMS reports about a pick task.
public enum WarehouseConfirmationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The lines were picked.
    case picked
    /// The shipment was packed into parcels (with weights and dimensions).
    case packed
    /// The parcels left with the carrier (with tracking numbers).
    case shipped
    /// Some units could not be found; `shortLines` names them.
    case shortPicked = "short-picked"
    /// The warehouse stopped picking after a ``PickTaskCancellation``: `lines` names the pieces it put back (none:
    /// every open piece). Only accepted for an order whose cancellation was requested.
    case cancelled
}

/// Payload of ``FulfillmentEventType/warehouseConfirmation`` on ``KontorTopics/warehouseConfirmation``: a WMS's
/// report about a pick task, translated from its own format. JSON: `{confirmationId, taskId, orderId, kind, lines,
/// shortLines, parcels, carrier, carrierService, occurredAt}`.
public struct WarehouseConfirmation: KontorEventPayload {
    /// `com.kontor.fulfillment.warehouse-confirmation.v1`.
    public static let eventType = FulfillmentEventType.warehouseConfirmation

    /// The WMS's id for this message (deduplication).
    public var confirmationId: String

    /// The pick task (shipment) it is about.
    public var taskId: String

    /// The order.
    public var orderId: OrderID

    /// What happened.
    public var kind: WarehouseConfirmationKind

    /// Lines picked, packed or shipped, in pieces.
    public var lines: [ConfirmedLine]

    /// Lines (or parts of lines) that could not be picked, in pieces.
    public var shortLines: [ConfirmedLine]

    /// Parcels, for `packed` and `shipped`.
    public var parcels: [Parcel]

    /// The carrier the WMS shipped with, when it chose or knows it.
    public var carrier: String?

    /// The carrier's service.
    public var carrierService: String?

    /// When it happened at the warehouse.
    public var occurredAt: Timestamp

    /// Creates a confirmation.
    public init(
        confirmationId: String,
        taskId: String,
        orderId: OrderID,
        kind: WarehouseConfirmationKind,
        lines: [ConfirmedLine] = [],
        shortLines: [ConfirmedLine] = [],
        parcels: [Parcel] = [],
        carrier: String? = nil,
        carrierService: String? = nil,
        occurredAt: Timestamp
    ) {
        self.confirmationId = confirmationId
        self.taskId = taskId
        self.orderId = orderId
        self.kind = kind
        self.lines = lines
        self.shortLines = shortLines
        self.parcels = parcels
        self.carrier = carrier
        self.carrierService = carrierService
        self.occurredAt = occurredAt
    }
}

/// Pieces of one order line in a confirmation or shipment. JSON: `{lineNumber, sku, quantity}`.
public struct ConfirmedLine: Sendable, Hashable, Codable {
    /// The order line's number.
    public var lineNumber: String

    /// The SKU.
    public var sku: String

    /// Pieces.
    public var quantity: Int

    /// Creates a confirmed line.
    public init(lineNumber: String, sku: String, quantity: Int) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
    }
}

/// One parcel of a shipment. JSON: `{parcelId, trackingNumber, weightGrams, lengthMm, widthMm, heightMm}`.
public struct Parcel: Sendable, Hashable, Codable {
    /// The WMS's parcel id (or SSCC), if any.
    public var parcelId: String?

    /// The carrier's tracking number, once the label exists.
    public var trackingNumber: String?

    /// Gross weight in grams.
    public var weightGrams: Int?

    /// Outer dimensions in millimetres.
    public var lengthMm: Int?
    public var widthMm: Int?
    public var heightMm: Int?

    /// Creates a parcel.
    public init(
        parcelId: String? = nil,
        trackingNumber: String? = nil,
        weightGrams: Int? = nil,
        lengthMm: Int? = nil,
        widthMm: Int? = nil,
        heightMm: Int? = nil
    ) {
        self.parcelId = parcelId
        self.trackingNumber = trackingNumber
        self.weightGrams = weightGrams
        self.lengthMm = lengthMm
        self.widthMm = widthMm
        self.heightMm = heightMm
    }
}

/// Payload of ``OrderEventType/shipped`` on ``KontorTopics/orderShipped``: one shipment (pick task) left the
/// warehouse. JSON: `{orderId, taskId, locationId, carrier, carrierService, parcels, lines, shippedAt, complete,
/// promisedDate}`.
public struct OrderShipped: KontorEventPayload {
    /// `com.kontor.order.shipped.v1`.
    public static let eventType = OrderEventType.shipped

    /// The order.
    public var orderId: OrderID

    /// The pick task, which is the shipment's id.
    public var taskId: String

    /// Where it shipped from.
    public var locationId: String

    /// The carrier (e.g. `dhl`, `ups`, `usps`).
    public var carrier: String

    /// The carrier's service, if known.
    public var carrierService: String?

    /// The parcels with their tracking numbers.
    public var parcels: [Parcel]

    /// What shipped, in pieces.
    public var lines: [ConfirmedLine]

    /// When it left.
    public var shippedAt: Timestamp

    /// True when, with this shipment, every piece of the order has shipped (the order is `shipped`, else
    /// `partially-shipped`).
    public var complete: Bool

    /// The date the customer was promised, if any.
    public var promisedDate: KontorDate?

    /// Creates the payload.
    public init(
        orderId: OrderID,
        taskId: String,
        locationId: String,
        carrier: String,
        carrierService: String? = nil,
        parcels: [Parcel],
        lines: [ConfirmedLine],
        shippedAt: Timestamp,
        complete: Bool,
        promisedDate: KontorDate? = nil
    ) {
        self.orderId = orderId
        self.taskId = taskId
        self.locationId = locationId
        self.carrier = carrier
        self.carrierService = carrierService
        self.parcels = parcels
        self.lines = lines
        self.shippedAt = shippedAt
        self.complete = complete
        self.promisedDate = promisedDate
    }

    /// Every parcel's tracking number, in order.
    public var trackingNumbers: [String] { parcels.compactMap(\.trackingNumber) }
}

/// Payload of ``OrderEventType/shortPicked`` on ``KontorTopics/orderShortPicked``: the warehouse could not find
/// some units; their reservations are released and the missing pieces are allocated again. JSON: `{orderId, taskId,
/// locationId, lines, occurredAt}`.
public struct OrderShortPicked: KontorEventPayload {
    /// `com.kontor.order.short-picked.v1`.
    public static let eventType = OrderEventType.shortPicked

    /// The order.
    public var orderId: OrderID

    /// The pick task.
    public var taskId: String

    /// The location that came up short.
    public var locationId: String

    /// The missing pieces per line.
    public var lines: [ConfirmedLine]

    /// When the warehouse reported it.
    public var occurredAt: Timestamp

    /// Creates the payload.
    public init(orderId: OrderID, taskId: String, locationId: String, lines: [ConfirmedLine], occurredAt: Timestamp) {
        self.orderId = orderId
        self.taskId = taskId
        self.locationId = locationId
        self.lines = lines
        self.occurredAt = occurredAt
    }
}
