import KontorModel
import PostgresNIO

extension PostgresStore: ShipmentLabelStore {
    @discardableResult
    public func saveShipmentLabels(_ labels: ShipmentLabels) async throws -> ShipmentLabels {
        let logger = logger
        return try await transaction { connection in
            // The task's row lock makes two bookings of one task take turns; the first one's labels are kept.
            guard
                let task = try await connection.fetch(
                    "SELECT * FROM pick_tasks WHERE task_id = \(labels.taskID) FOR UPDATE",
                    logger: logger,
                    Self.pickTaskRecord
                ).first
            else {
                throw StoreError.notFound(kind: "pick task", id: labels.taskID)
            }
            if let kept = try await connection.fetch(
                "SELECT labels_json FROM shipment_labels WHERE task_id = \(labels.taskID)",
                logger: logger,
                { try $0.value("labels_json", as: String.self) }
            ).first {
                return try FulfillmentRules.decode(ShipmentLabels.self, kept)
            }
            let labelsJSON = try FulfillmentRules.encode(labels)
            let parcelsJSON = try FulfillmentRules.encode(labels.applied(to: task.parcels))
            try await connection.execute(
                """
                INSERT INTO shipment_labels (task_id, labels_json, booked_at)
                VALUES (\(labels.taskID), \(labelsJSON), \(Int(labels.bookedAt.microsecondsSinceEpoch)))
                """,
                logger: logger
            )
            try await connection.execute(
                "UPDATE pick_tasks SET parcels_json = \(parcelsJSON) WHERE task_id = \(labels.taskID)",
                logger: logger
            )
            return labels
        }
    }

    public func shipmentLabels(taskID: String) async throws -> ShipmentLabels? {
        try await fetch(
            "SELECT labels_json FROM shipment_labels WHERE task_id = \(taskID)",
            { try FulfillmentRules.decode(ShipmentLabels.self, try $0.value("labels_json", as: String.self)) }
        ).first
    }
}
