import Foundation
import KontorModel
import PostgresNIO

extension PostgresStore: TrackingStore {
    public func saveShipment(_ shipment: TrackedShipment) async throws {
        try await execute(
            """
            INSERT INTO tracking_shipments (task_id, order_id, correlation_id, carrier, carrier_service, promised_date,
                created_at, shipped_at, completes_order, settled)
            VALUES (\(shipment.taskID), \(shipment.orderID.rawValue), \(shipment.correlationID), \(shipment.carrier),
                \(shipment.carrierService), \(shipment.promisedDate?.rawValue),
                \(shipment.createdAt.microsecondsSinceEpoch), \(shipment.shippedAt?.microsecondsSinceEpoch),
                \(shipment.completesOrder), \(shipment.settled))
            ON CONFLICT (task_id) DO UPDATE SET order_id = excluded.order_id, correlation_id = excluded.correlation_id,
                carrier = excluded.carrier, carrier_service = excluded.carrier_service,
                promised_date = excluded.promised_date, created_at = excluded.created_at,
                shipped_at = excluded.shipped_at, completes_order = excluded.completes_order,
                settled = excluded.settled
            """
        )
    }

    public func shipment(taskID: String) async throws -> TrackedShipment? {
        try await fetch("SELECT * FROM tracking_shipments WHERE task_id = \(taskID)", Self.shipment).first
    }

    public func shipments(orderID: OrderID) async throws -> [TrackedShipment] {
        try await fetch(
            "SELECT * FROM tracking_shipments WHERE order_id = \(orderID.rawValue) ORDER BY created_at, task_id",
            Self.shipment
        )
    }

    public func unsettledShipments(limit: Int) async throws -> [TrackedShipment] {
        try await fetch(
            "SELECT * FROM tracking_shipments WHERE NOT settled ORDER BY created_at, task_id LIMIT \(limit)",
            Self.shipment
        )
    }

    public func saveParcel(_ parcel: TrackedParcel) async throws {
        let scan = try parcel.lastScan.map { String(decoding: try CanonicalJSON.encode($0), as: UTF8.self) }
        try await execute(
            """
            INSERT INTO tracking_parcels (tracking_number, task_id, order_id, carrier, status, last_scan_at, last_scan)
            VALUES (\(parcel.trackingNumber), \(parcel.taskID), \(parcel.orderID.rawValue), \(parcel.carrier),
                \(parcel.status?.rawValue), \(parcel.lastScan?.occurredAt.microsecondsSinceEpoch), \(scan))
            ON CONFLICT (tracking_number) DO UPDATE SET task_id = excluded.task_id, order_id = excluded.order_id,
                carrier = excluded.carrier, status = excluded.status, last_scan_at = excluded.last_scan_at,
                last_scan = excluded.last_scan
            """
        )
    }

    public func parcel(trackingNumber: String) async throws -> TrackedParcel? {
        try await fetch("SELECT * FROM tracking_parcels WHERE tracking_number = \(trackingNumber)", Self.parcel).first
    }

    public func parcels(orderID: OrderID) async throws -> [TrackedParcel] {
        try await fetch(
            "SELECT * FROM tracking_parcels WHERE order_id = \(orderID.rawValue) ORDER BY task_id, tracking_number",
            Self.parcel
        )
    }

    public func savePendingScan(_ scan: PendingScan) async throws {
        try await execute(
            """
            INSERT INTO tracking_pending_scans (tracking_number, event_id, value, received_at)
            VALUES (\(scan.trackingNumber), \(scan.eventID), \(Data(scan.value)),
                \(scan.receivedAt.microsecondsSinceEpoch))
            ON CONFLICT (tracking_number, event_id) DO NOTHING
            """
        )
    }

    public func pendingScans(trackingNumber: String) async throws -> [PendingScan] {
        try await fetch(
            """
            SELECT * FROM tracking_pending_scans WHERE tracking_number = \(trackingNumber)
            ORDER BY received_at, event_id
            """
        ) { row in
            PendingScan(
                trackingNumber: try row.value("tracking_number"),
                eventID: try row.value("event_id"),
                value: [UInt8](try row.value("value", as: Data.self)),
                receivedAt: Timestamp(microsecondsSinceEpoch: try row.value("received_at"))
            )
        }
    }

    public func deletePendingScans(trackingNumber: String) async throws {
        try await execute("DELETE FROM tracking_pending_scans WHERE tracking_number = \(trackingNumber)")
    }

    public func recordDelay(orderID: OrderID, cause: DelayCause, eventID: String, at: Timestamp) async throws -> Bool {
        let inserted = try await fetch(
            """
            INSERT INTO order_delays (order_id, cause, event_id, detected_at)
            VALUES (\(orderID.rawValue), \(cause.rawValue), \(eventID), \(at.microsecondsSinceEpoch))
            ON CONFLICT (order_id, cause) DO NOTHING
            RETURNING 1 AS inserted
            """
        ) { _ in true }
        return !inserted.isEmpty
    }

    public func delayCauses(orderID: OrderID) async throws -> [DelayCause] {
        try await fetch("SELECT cause FROM order_delays WHERE order_id = \(orderID.rawValue) ORDER BY cause") { row in
            DelayCause(rawValue: try row.value("cause", as: String.self))
        }.compactMap { $0 }
    }

    public func setFlag(_ flag: OrderFlag) async throws {
        try await execute(
            """
            INSERT INTO order_flags (order_id, flag, detail, at)
            VALUES (\(flag.orderID.rawValue), \(flag.flag), \(flag.detail), \(flag.at.microsecondsSinceEpoch))
            ON CONFLICT (order_id, flag) DO UPDATE SET detail = excluded.detail, at = excluded.at
            """
        )
    }

    public func flags(orderID: OrderID) async throws -> [OrderFlag] {
        try await fetch("SELECT * FROM order_flags WHERE order_id = \(orderID.rawValue) ORDER BY flag") { row in
            OrderFlag(
                orderID: OrderID(try row.value("order_id", as: String.self)),
                flag: try row.value("flag"),
                detail: try row.value("detail"),
                at: Timestamp(microsecondsSinceEpoch: try row.value("at"))
            )
        }
    }

    private static func shipment(_ row: PostgresRandomAccessRow) throws -> TrackedShipment {
        TrackedShipment(
            taskID: try row.value("task_id"),
            orderID: OrderID(try row.value("order_id", as: String.self)),
            correlationID: try row.value("correlation_id"),
            carrier: try row.value("carrier"),
            carrierService: try row.value("carrier_service"),
            promisedDate: try row.value("promised_date", as: String?.self).flatMap(KontorDate.init(rawValue:)),
            createdAt: Timestamp(microsecondsSinceEpoch: try row.value("created_at")),
            shippedAt: try row.value("shipped_at", as: Int64?.self).map(Timestamp.init(microsecondsSinceEpoch:)),
            completesOrder: try row.value("completes_order"),
            settled: try row.value("settled")
        )
    }

    private static func parcel(_ row: PostgresRandomAccessRow) throws -> TrackedParcel {
        TrackedParcel(
            trackingNumber: try row.value("tracking_number"),
            taskID: try row.value("task_id"),
            orderID: OrderID(try row.value("order_id", as: String.self)),
            carrier: try row.value("carrier"),
            lastScan: try row.value("last_scan", as: String?.self).map {
                try CanonicalJSON.decode(TrackingEvent.self, from: Data($0.utf8))
            }
        )
    }
}
