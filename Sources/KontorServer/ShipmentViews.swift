import Foundation
import KontorModel
import KontorStore

/// The order detail's `shipments`: one per pick task, in location then task order.
enum ShipmentViews {
    /// `[{taskId, locationId, method, status, carrier, carrierService, trackingNumbers, parcels, lines, createdAt,
    /// updatedAt}]`; each line `{lineNumber, sku, quantity, picked, shipped, short}`, each parcel `{parcelId,
    /// trackingNumber, weightGrams, lengthMm, widthMm, heightMm}` (absent values `null`).
    static func shipments(_ tasks: [PickTaskRecord]) -> [[String: Any]] {
        tasks.map { task in
            [
                "taskId": task.taskID,
                "locationId": task.locationID,
                "method": task.task.method,
                "status": task.status.rawValue,
                "carrier": task.carrier ?? NSNull(),
                "carrierService": task.carrierService ?? NSNull(),
                "trackingNumbers": task.parcels.compactMap(\.trackingNumber),
                "parcels": task.parcels.map { parcel -> [String: Any] in
                    [
                        "parcelId": parcel.parcelId ?? NSNull(),
                        "trackingNumber": parcel.trackingNumber ?? NSNull(),
                        "weightGrams": parcel.weightGrams ?? NSNull(),
                        "lengthMm": parcel.lengthMm ?? NSNull(),
                        "widthMm": parcel.widthMm ?? NSNull(),
                        "heightMm": parcel.heightMm ?? NSNull(),
                    ]
                },
                "lines": task.lines.map { line -> [String: Any] in
                    [
                        "lineNumber": line.lineNumber,
                        "sku": line.sku,
                        "quantity": line.quantity,
                        "picked": line.picked,
                        "shipped": line.shipped,
                        "short": line.short,
                    ]
                },
                "createdAt": task.task.createdAt.rfc3339String,
                "updatedAt": task.updatedAt.rfc3339String,
            ]
        }
    }
}
