import Foundation
import GRDB
import KontorModel

extension SQLiteStore: TrackingStore {
    public func saveShipment(_ shipment: TrackedShipment) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO tracking_shipments (task_id, order_id, correlation_id, carrier,
                        carrier_service, promised_date, created_at, shipped_at, completes_order, settled)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    shipment.taskID, shipment.orderID.rawValue, shipment.correlationID, shipment.carrier,
                    shipment.carrierService, shipment.promisedDate?.rawValue,
                    shipment.createdAt.microsecondsSinceEpoch, shipment.shippedAt?.microsecondsSinceEpoch,
                    shipment.completesOrder, shipment.settled,
                ]
            )
        }
    }

    public func shipment(taskID: String) async throws -> TrackedShipment? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tracking_shipments WHERE task_id = ?", arguments: [taskID])
                .map(Self.shipment)
        }
    }

    public func shipments(orderID: OrderID) async throws -> [TrackedShipment] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM tracking_shipments WHERE order_id = ? ORDER BY created_at, task_id",
                arguments: [orderID.rawValue]
            ).map(Self.shipment)
        }
    }

    public func unsettledShipments(limit: Int) async throws -> [TrackedShipment] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM tracking_shipments WHERE settled = 0 ORDER BY created_at, task_id LIMIT ?",
                arguments: [limit]
            ).map(Self.shipment)
        }
    }

    public func saveParcel(_ parcel: TrackedParcel) async throws {
        let scan = try parcel.lastScan.map { String(decoding: try CanonicalJSON.encode($0), as: UTF8.self) }
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO tracking_parcels (tracking_number, task_id, order_id, carrier, status,
                        last_scan_at, last_scan)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    parcel.trackingNumber, parcel.taskID, parcel.orderID.rawValue, parcel.carrier,
                    parcel.status?.rawValue, parcel.lastScan?.occurredAt.microsecondsSinceEpoch, scan,
                ]
            )
        }
    }

    public func parcel(trackingNumber: String) async throws -> TrackedParcel? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM tracking_parcels WHERE tracking_number = ?",
                arguments: [trackingNumber]
            ).map(Self.parcel)
        }
    }

    public func parcels(orderID: OrderID) async throws -> [TrackedParcel] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM tracking_parcels WHERE order_id = ? ORDER BY task_id, tracking_number",
                arguments: [orderID.rawValue]
            ).map(Self.parcel)
        }
    }

    public func savePendingScan(_ scan: PendingScan) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO tracking_pending_scans (tracking_number, event_id, value, received_at)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [
                    scan.trackingNumber, scan.eventID, Data(scan.value), scan.receivedAt.microsecondsSinceEpoch,
                ]
            )
        }
    }

    public func pendingScans(trackingNumber: String) async throws -> [PendingScan] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM tracking_pending_scans WHERE tracking_number = ? ORDER BY received_at, event_id
                    """,
                arguments: [trackingNumber]
            ).map { row in
                PendingScan(
                    trackingNumber: row["tracking_number"],
                    eventID: row["event_id"],
                    value: [UInt8](row["value"] as Data),
                    receivedAt: Timestamp(microsecondsSinceEpoch: row["received_at"])
                )
            }
        }
    }

    public func deletePendingScans(trackingNumber: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM tracking_pending_scans WHERE tracking_number = ?",
                arguments: [trackingNumber]
            )
        }
    }

    public func recordDelay(orderID: OrderID, cause: DelayCause, eventID: String, at: Timestamp) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO order_delays (order_id, cause, event_id, detected_at) VALUES (?, ?, ?, ?)
                    """,
                arguments: [orderID.rawValue, cause.rawValue, eventID, at.microsecondsSinceEpoch]
            )
            return db.changesCount > 0
        }
    }

    public func delayCauses(orderID: OrderID) async throws -> [DelayCause] {
        try await pool.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT cause FROM order_delays WHERE order_id = ? ORDER BY cause",
                arguments: [orderID.rawValue]
            ).compactMap(DelayCause.init(rawValue:))
        }
    }

    public func setFlag(_ flag: OrderFlag) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO order_flags (order_id, flag, detail, at) VALUES (?, ?, ?, ?)",
                arguments: [flag.orderID.rawValue, flag.flag, flag.detail, flag.at.microsecondsSinceEpoch]
            )
        }
    }

    public func flags(orderID: OrderID) async throws -> [OrderFlag] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM order_flags WHERE order_id = ? ORDER BY flag",
                arguments: [orderID.rawValue]
            ).map { row in
                OrderFlag(
                    orderID: OrderID(row["order_id"] as String),
                    flag: row["flag"],
                    detail: row["detail"],
                    at: Timestamp(microsecondsSinceEpoch: row["at"])
                )
            }
        }
    }

    private static func shipment(_ row: Row) -> TrackedShipment {
        TrackedShipment(
            taskID: row["task_id"],
            orderID: OrderID(row["order_id"] as String),
            correlationID: row["correlation_id"],
            carrier: row["carrier"],
            carrierService: row["carrier_service"],
            promisedDate: (row["promised_date"] as String?).flatMap(KontorDate.init(rawValue:)),
            createdAt: Timestamp(microsecondsSinceEpoch: row["created_at"]),
            shippedAt: (row["shipped_at"] as Int64?).map(Timestamp.init(microsecondsSinceEpoch:)),
            completesOrder: row["completes_order"],
            settled: row["settled"]
        )
    }

    private static func parcel(_ row: Row) throws -> TrackedParcel {
        TrackedParcel(
            trackingNumber: row["tracking_number"],
            taskID: row["task_id"],
            orderID: OrderID(row["order_id"] as String),
            carrier: row["carrier"],
            lastScan: try (row["last_scan"] as String?).map {
                try CanonicalJSON.decode(TrackingEvent.self, from: Data($0.utf8))
            }
        )
    }
}
