import Foundation
import KontorModel
import KontorStore

/// What `GET /v1/orders/{id}` shows of carrier tracking: the order's flags (`exception`, `delayed`, with what they
/// are about) and each shipment's parcels with their latest scan.
enum OrderTrackingView {
    static func fields(_ orderID: OrderID, store: any TrackingStore) async throws -> [String: Any] {
        let flags = try await store.flags(orderID: orderID)
        let parcels = try await store.parcels(orderID: orderID)
        let shipments = try await store.shipments(orderID: orderID)
        return [
            "flags": flags.map { flag -> [String: Any] in
                ["flag": flag.flag, "detail": flag.detail ?? NSNull(), "at": flag.at.rfc3339String]
            },
            "shipments": shipments.map { shipment -> [String: Any] in
                [
                    "taskId": shipment.taskID,
                    "carrier": shipment.carrier ?? NSNull(),
                    "carrierService": shipment.carrierService ?? NSNull(),
                    "promisedDate": shipment.promisedDate?.rawValue ?? NSNull(),
                    "shippedAt": shipment.shippedAt?.rfc3339String ?? NSNull(),
                    "parcels": parcels.filter { $0.taskID == shipment.taskID }.map(parcel),
                ]
            },
        ]
    }

    private static func parcel(_ parcel: TrackedParcel) -> [String: Any] {
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
