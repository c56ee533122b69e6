import KontorModel

/// What the packing slip and the shipping labels of one shipment (pick task) are made from.
public struct ShipmentDocument: Sendable, Hashable {
    /// The pick task: order number, ship-to, lines, location.
    public var task: PickTask

    /// The parcels, with tracking numbers once labels are booked.
    public var parcels: [Parcel]

    /// The sender's address (the shipping location), printed on the label; the location id alone when absent.
    public var shipFrom: Address?

    /// The carrier, when it differs from (or is missing on) the task.
    public var carrier: String?

    /// The carrier's service, when it differs from (or is missing on) the task.
    public var carrierService: String?

    /// The labels the carrier booked, as it sent them; the label route serves these when they are in the format
    /// asked for, and renders ``ShippingLabel`` from the tracking numbers otherwise.
    public var bookedLabels: BookedLabels?

    /// A shipment's documents input.
    public init(
        task: PickTask,
        parcels: [Parcel] = [],
        shipFrom: Address? = nil,
        carrier: String? = nil,
        carrierService: String? = nil,
        bookedLabels: BookedLabels? = nil
    ) {
        self.task = task
        self.parcels = parcels
        self.shipFrom = shipFrom
        self.carrier = carrier
        self.carrierService = carrierService
        self.bookedLabels = bookedLabels
    }

    /// The carrier's own labels in `format`, ready to serve: ZPL labels one after the other (a printer takes them
    /// in sequence), a PDF only for a single parcel (PDFs cannot simply be joined). Nil when there are none.
    public func carrierLabel(in format: LabelFormat) -> [UInt8]? {
        guard let bookedLabels, bookedLabels.format == format, !bookedLabels.parcels.isEmpty else { return nil }
        switch format {
        case .zpl: return bookedLabels.parcels.flatMap(\.label)
        case .pdf: return bookedLabels.parcels.count == 1 ? bookedLabels.parcels[0].label : nil
        }
    }

    /// The carrier for the label: ``carrier``, else the task's.
    public var effectiveCarrier: String? { carrier ?? task.carrier }

    /// The service for the label: ``carrierService``, else the task's.
    public var effectiveService: String? { carrierService ?? task.carrierService }

    /// The parcels that have tracking numbers, with their position (1-based) among all parcels.
    var trackedParcels: [(number: Int, parcel: Parcel, trackingNumber: String)] {
        zip(1..., parcels).compactMap { number, parcel in
            parcel.trackingNumber.map { (number, parcel, $0) }
        }
    }
}

/// Finds the shipment documents' input by pick task id, for the packing-slip and label routes. The fulfillment
/// store implements it; tests use an in-memory one.
public protocol ShipmentDocumentSource: Sendable {
    /// The shipment for `taskId`, or `nil` when there is no such task.
    func shipmentDocument(taskId: String) async throws -> ShipmentDocument?
}
