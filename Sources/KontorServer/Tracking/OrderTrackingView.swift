import Foundation
import KontorModel
import KontorStore

/// What `GET /v1/orders/{id}` adds from carrier tracking: the order's flags (`exception`, `delayed`, with what they
/// are about), and on each shipment its promised date, shipping time and every parcel's latest scan.
enum OrderTrackingView {
    /// `flags`, and `shipments` completed with tracking: `shipments` are the pick-task views
    /// (``ShipmentViews/shipments(_:)``); a shipment tracking knows but no pick task does (shipped by a WMS that
    /// Kontor did not send a task to) is added in the same shape.
    static func fields(
        _ orderID: OrderID,
        store: any TrackingStore,
        shipments: [[String: Any]]
    ) async throws -> [String: Any] {
        let flags = try await store.flags(orderID: orderID)
        let parcels = try await store.parcels(orderID: orderID)
        let tracked = try await store.shipments(orderID: orderID)
        var views = shipments
        for shipment in tracked where !views.contains(where: { $0["taskId"] as? String == shipment.taskID }) {
            views.append([
                "taskId": shipment.taskID,
                "carrier": shipment.carrier ?? NSNull(),
                "carrierService": shipment.carrierService ?? NSNull(),
                "trackingNumbers": parcels.filter { $0.taskID == shipment.taskID }.map(\.trackingNumber),
                "parcels": [[String: Any]](),
            ])
        }
        for index in views.indices {
            guard let taskID = views[index]["taskId"] as? String else { continue }
            let shipment = tracked.first { $0.taskID == taskID }
            views[index]["promisedDate"] = shipment?.promisedDate?.rawValue ?? NSNull()
            views[index]["shippedAt"] = shipment?.shippedAt?.rfc3339String ?? NSNull()
            var parcelViews = views[index]["parcels"] as? [[String: Any]] ?? []
            for scanned in parcels where scanned.taskID == taskID {
                if let at = parcelViews.firstIndex(where: { $0["trackingNumber"] as? String == scanned.trackingNumber })
                {
                    parcelViews[at].merge(tracking(of: scanned)) { $1 }
                } else {
                    parcelViews.append(tracking(of: scanned))
                }
            }
            views[index]["parcels"] = parcelViews
        }
        return [
            "flags": flags.map { flag -> [String: Any] in
                ["flag": flag.flag, "detail": flag.detail ?? NSNull(), "at": flag.at.rfc3339String]
            },
            "shipments": views,
        ]
    }

    /// `{trackingNumber, carrier, status, lastScan}` of a parcel.
    private static func tracking(of parcel: TrackedParcel) -> [String: Any] {
        var body: [String: Any] = ["trackingNumber": parcel.trackingNumber, "carrier": parcel.carrier]
        body["status"] = parcel.status?.rawValue ?? NSNull()
        if let scan = parcel.lastScan, let data = try? CanonicalJSON.encode(scan),
            let json = try? JSONSerialization.jsonObject(with: data)
        {
            body["lastScan"] = json
        } else {
            body["lastScan"] = NSNull()
        }
        return body
    }
}
