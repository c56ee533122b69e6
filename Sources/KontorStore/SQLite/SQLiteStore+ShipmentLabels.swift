import GRDB
import KontorModel

extension SQLiteStore: ShipmentLabelStore {
    @discardableResult
    public func saveShipmentLabels(_ labels: ShipmentLabels) async throws -> ShipmentLabels {
        try await pool.write { db in
            if let kept = try String.fetchOne(
                db,
                sql: "SELECT labels_json FROM shipment_labels WHERE task_id = ?",
                arguments: [labels.taskID]
            ) {
                return try FulfillmentRules.decode(ShipmentLabels.self, kept)
            }
            guard let task = try Self.pickTask(db, id: labels.taskID) else {
                throw StoreError.notFound(kind: "pick task", id: labels.taskID)
            }
            try db.execute(
                sql: "INSERT INTO shipment_labels (task_id, labels_json, booked_at) VALUES (?, ?, ?)",
                arguments: [labels.taskID, try FulfillmentRules.encode(labels), labels.bookedAt.microsecondsSinceEpoch]
            )
            try db.execute(
                sql: "UPDATE pick_tasks SET parcels_json = ? WHERE task_id = ?",
                arguments: [try FulfillmentRules.encode(labels.applied(to: task.parcels)), labels.taskID]
            )
            return labels
        }
    }

    public func shipmentLabels(taskID: String) async throws -> ShipmentLabels? {
        try await pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT labels_json FROM shipment_labels WHERE task_id = ?",
                arguments: [taskID]
            ).map { try FulfillmentRules.decode(ShipmentLabels.self, $0) }
        }
    }
}
