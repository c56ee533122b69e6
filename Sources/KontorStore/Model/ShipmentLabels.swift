import Foundation
import KontorModel

/// Shipping labels a carrier booked for one pick task (shipment): one tracking number and label per parcel, as the
/// carrier sent them, so the label route can serve them and the shipment carries the tracking numbers.
public struct ShipmentLabels: Sendable, Hashable, Codable {
    /// One parcel's label.
    public struct Label: Sendable, Hashable, Codable {
        /// The carrier's tracking number.
        public var trackingNumber: String

        /// The label bytes: ZPL text or a PDF, in ``ShipmentLabels/format``.
        public var label: Data

        /// Creates a label.
        public init(trackingNumber: String, label: Data) {
            self.trackingNumber = trackingNumber
            self.label = label
        }
    }

    /// The pick task (shipment).
    public var taskID: String

    /// The carrier, e.g. `dhl`.
    public var carrier: String

    /// The carrier's service, e.g. `dhl-paket`.
    public var service: String

    /// The carrier's id for the shipment, if it gave one.
    public var shipmentID: String?

    /// `zpl` or `pdf`.
    public var format: String

    /// Per parcel, in the task's parcel order.
    public var labels: [Label]

    /// When the labels were booked.
    public var bookedAt: Timestamp

    /// Creates booked labels.
    public init(
        taskID: String,
        carrier: String,
        service: String,
        shipmentID: String? = nil,
        format: String,
        labels: [Label],
        bookedAt: Timestamp
    ) {
        self.taskID = taskID
        self.carrier = carrier
        self.service = service
        self.shipmentID = shipmentID
        self.format = format
        self.labels = labels
        self.bookedAt = bookedAt
    }

    /// `parcels` with the labels' tracking numbers, by position; parcels beyond the task's get added.
    public func applied(to parcels: [Parcel]) -> [Parcel] {
        var result = parcels
        for (index, label) in labels.enumerated() {
            if index < result.count {
                result[index].trackingNumber = label.trackingNumber
            } else {
                result.append(Parcel(trackingNumber: label.trackingNumber))
            }
        }
        return result
    }
}
