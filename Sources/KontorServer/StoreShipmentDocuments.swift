import KontorModel
import KontorShipping
import KontorStore

/// The shipment documents' input read from the store: the pick task with its parcels (tracking numbers included),
/// the picking location's address as sender, and the labels Kontor booked with the carrier, if any.
public struct StoreShipmentDocuments: ShipmentDocumentSource {
    /// Pick tasks, locations and booked labels.
    public typealias Store = FulfillmentStore & LocationStore & ShipmentLabelStore

    private let store: any Store

    /// Documents over `store`.
    public init(store: any Store) {
        self.store = store
    }

    public func shipmentDocument(taskId: String) async throws -> ShipmentDocument? {
        guard let record = try await store.pickTask(id: taskId) else { return nil }
        let location = try await store.location(id: record.locationID)
        let booked = try await store.shipmentLabels(taskID: taskId).flatMap { labels in
            LabelFormat(rawValue: labels.format).map { format in
                BookedLabels(
                    shipmentId: labels.shipmentID,
                    parcels: labels.labels.map {
                        BookedParcel(trackingNumber: $0.trackingNumber, label: Array($0.label))
                    },
                    format: format
                )
            }
        }
        return ShipmentDocument(
            task: record.task,
            parcels: record.parcels,
            shipFrom: location?.address,
            carrier: record.carrier,
            carrierService: record.carrierService,
            bookedLabels: booked
        )
    }
}
