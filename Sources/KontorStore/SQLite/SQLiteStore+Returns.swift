import Foundation
import GRDB
import KontorModel

extension SQLiteStore: ReturnStore {
    public func recordShipment(_ shipment: ShipmentRecord) async throws {
        let lines = try ReturnRules.encode(shipment.lines)
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO order_shipments
                        (shipment_id, order_id, location_id, carrier, lines_json, shipped_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    shipment.shipmentID, shipment.orderID.rawValue, shipment.locationID, shipment.carrier, lines,
                    shipment.shippedAt.microsecondsSinceEpoch,
                ]
            )
        }
    }

    public func shipments(orderID: OrderID) async throws -> [ShipmentRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM order_shipments WHERE order_id = ? ORDER BY shipped_at, shipment_id",
                arguments: [orderID.rawValue]
            ).map { row in
                ShipmentRecord(
                    shipmentID: row["shipment_id"],
                    orderID: OrderID(row["order_id"] as String),
                    locationID: row["location_id"],
                    carrier: row["carrier"],
                    lines: try ReturnRules.decode([ConfirmedLine].self, row["lines_json"]),
                    shippedAt: Timestamp(microsecondsSinceEpoch: row["shipped_at"])
                )
            }
        }
    }

    public func authorizeReturn(_ request: ReturnRequest) async throws -> ReturnAuthorizationOutcome {
        let year = ReturnRules.year(of: request.authorizedAt)
        let lines = try ReturnRules.encode(request.lines)
        // One IMMEDIATE transaction: the check of earlier RMAs, the number and the insert are one atomic step.
        return try await pool.write { db in
            let earlier = try Self.returnRecords(db, where: "order_id = ?", [request.orderID.rawValue])
            let refusals = ReturnRules.refusals(request, earlier: earlier.flatMap(\.lines))
            guard refusals.isEmpty else { return .refused(refusals) }
            let sequenceName = ReturnRules.sequenceName(year: year)
            try db.execute(
                sql: """
                    INSERT INTO sequences (name, value) VALUES (?, 1)
                    ON CONFLICT(name) DO UPDATE SET value = value + 1
                    """,
                arguments: [sequenceName]
            )
            let sequence =
                try Int.fetchOne(db, sql: "SELECT value FROM sequences WHERE name = ?", arguments: [sequenceName]) ?? 1
            let record = ReturnRecord(
                rmaNumber: ReturnRules.rmaNumber(year: year, sequence: sequence),
                orderID: request.orderID,
                status: .authorized,
                resolution: request.resolution,
                lines: request.lines,
                returnCarrier: request.returnCarrier,
                returnTrackingNumber: ReturnRules.trackingNumber(year: year, sequence: sequence),
                returnLocationID: request.returnLocationID,
                note: request.note,
                authorizedBy: request.authorizedBy,
                authorizedAt: request.authorizedAt,
                updatedAt: request.authorizedAt
            )
            try db.execute(
                sql: """
                    INSERT INTO return_authorizations (rma_number, order_id, status, resolution, lines_json,
                        return_carrier, return_tracking_number, return_location_id, note, authorized_by,
                        authorized_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.rmaNumber, record.orderID.rawValue, record.status.rawValue, record.resolution.rawValue,
                    lines, record.returnCarrier, record.returnTrackingNumber, record.returnLocationID, record.note,
                    record.authorizedBy, record.authorizedAt.microsecondsSinceEpoch,
                    record.updatedAt.microsecondsSinceEpoch,
                ]
            )
            return .authorized(record)
        }
    }

    public func returnAuthorization(rmaNumber: String) async throws -> ReturnRecord? {
        try await pool.read { db in try Self.returnRecords(db, where: "rma_number = ?", [rmaNumber]).first }
    }

    public func returnAuthorizations(orderID: OrderID?, status: ReturnStatus?, limit: Int) async throws
        -> [ReturnRecord]
    {
        var conditions: [String] = []
        var values: [String] = []
        if let orderID {
            conditions.append("order_id = ?")
            values.append(orderID.rawValue)
        }
        if let status {
            conditions.append("status = ?")
            values.append(status.rawValue)
        }
        let filter = conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND ")
        let arguments = values
        return try await pool.read { db in
            Array(try Self.returnRecords(db, where: filter, arguments).prefix(max(0, limit)))
        }
    }

    public func returnAuthorization(exchangeOrderID: OrderID) async throws -> ReturnRecord? {
        try await pool.read { db in
            try Self.returnRecords(db, where: "exchange_order_id = ?", [exchangeOrderID.rawValue]).first
        }
    }

    public func recordReturnReceipt(_ receipt: ReturnReceiptRecord) async throws -> ReturnReceiptOutcome {
        try await pool.write { db in
            guard let rma = try Self.returnRecords(db, where: "rma_number = ?", [receipt.rmaNumber]).first else {
                return .refused("no RMA \"\(receipt.rmaNumber)\"")
            }
            let earlier = try Self.returnReceipts(db, rmaNumber: receipt.rmaNumber)
            if let stored = earlier.first(where: { $0.receiptID == receipt.receiptID }) {
                return .recorded(stored, rma)
            }
            if let problem = ReturnRules.receiptProblem(receipt, rma: rma, earlier: earlier) {
                return .refused(problem)
            }
            var recorded = ReturnRules.withSKUs(receipt, from: rma)
            recorded.receiptNumber = (earlier.map(\.receiptNumber).max() ?? 0) + 1
            try db.execute(
                sql: """
                    INSERT INTO return_receipts
                        (receipt_id, rma_number, receipt_number, location_id, lines_json, received_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    recorded.receiptID, recorded.rmaNumber, recorded.receiptNumber, recorded.locationID,
                    try ReturnRules.encode(recorded.lines), recorded.receivedAt.microsecondsSinceEpoch,
                ]
            )
            var restocked: [(sku: String, locationID: String)] = []
            for line in recorded.lines {
                if line.restocked {
                    try db.execute(
                        sql: """
                            INSERT INTO stock (sku, location_id, on_hand) VALUES (?, ?, ?)
                            ON CONFLICT(sku, location_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand
                            """,
                        arguments: [line.sku, recorded.locationID, line.quantity]
                    )
                    restocked.append((line.sku, recorded.locationID))
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO quarantine_stock (location_id, sku, quantity) VALUES (?, ?, ?)
                            ON CONFLICT(location_id, sku) DO UPDATE SET quantity = quantity + excluded.quantity
                            """,
                        arguments: [recorded.locationID, line.sku, line.quantity]
                    )
                }
            }
            var updated = rma
            updated.status = .received
            updated.updatedAt = max(rma.updatedAt, recorded.receivedAt)
            try db.execute(
                sql: "UPDATE return_authorizations SET status = ?, updated_at = ? WHERE rma_number = ?",
                arguments: [updated.status.rawValue, updated.updatedAt.microsecondsSinceEpoch, rma.rmaNumber]
            )
            try Self.journal(db, restocked, change: .receipt)
            return .recorded(recorded, updated)
        }
    }

    public func returnReceipts(rmaNumber: String) async throws -> [ReturnReceiptRecord] {
        try await pool.read { db in try Self.returnReceipts(db, rmaNumber: rmaNumber) }
    }

    public func settleReturn(rmaNumber: String, eventID: String, refund: Money?, exchangeOrderID: OrderID?)
        async throws
    {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO return_settlements (event_id, rma_number, amount, currency, exchange_order_id)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    eventID, rmaNumber, refund?.amount.description, refund?.currency.rawValue,
                    exchangeOrderID?.rawValue,
                ]
            )
            let status: ReturnStatus = exchangeOrderID != nil ? .exchanged : .refunded
            try db.execute(
                sql: """
                    UPDATE return_authorizations SET status = ?, updated_at = ?,
                        exchange_order_id = COALESCE(?, exchange_order_id)
                    WHERE rma_number = ?
                    """,
                arguments: [
                    status.rawValue, Timestamp.now().microsecondsSinceEpoch, exchangeOrderID?.rawValue, rmaNumber,
                ]
            )
        }
    }

    public func quarantineStock(locationID: String?) async throws -> [QuarantineStock] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM quarantine_stock WHERE (? IS NULL OR location_id = ?) AND quantity > 0
                    ORDER BY location_id, sku
                    """,
                arguments: [locationID, locationID]
            ).map { QuarantineStock(locationID: $0["location_id"], sku: $0["sku"], quantity: $0["quantity"]) }
        }
    }

    // MARK: Helpers inside a transaction.

    /// RMAs matching `condition`, newest first, with their refunded amounts.
    static func returnRecords(
        _ db: Database,
        where condition: String,
        _ values: [String]
    ) throws -> [ReturnRecord] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM return_authorizations WHERE \(condition)
                ORDER BY authorized_at DESC, rma_number DESC
                """,
            arguments: StatementArguments(values)
        )
        return try rows.map { row in
            let rmaNumber: String = row["rma_number"]
            let settlements = try Row.fetchAll(
                db,
                sql: "SELECT amount, currency FROM return_settlements WHERE rma_number = ? AND amount IS NOT NULL",
                arguments: [rmaNumber]
            ).compactMap { row -> Money? in
                guard let amount = StoredAmount.parse(row["amount"]),
                    let currency = CurrencyCode(row["currency"] as String)
                else { return nil }
                return Money(amount, currency)
            }
            return ReturnRecord(
                rmaNumber: rmaNumber,
                orderID: OrderID(row["order_id"] as String),
                status: ReturnStatus(rawValue: row["status"]) ?? .authorized,
                resolution: ReturnResolution(rawValue: row["resolution"]) ?? .refund,
                lines: try ReturnRules.decode([ReturnLine].self, row["lines_json"]),
                returnCarrier: row["return_carrier"],
                returnTrackingNumber: row["return_tracking_number"],
                returnLocationID: row["return_location_id"],
                note: row["note"],
                authorizedBy: row["authorized_by"],
                authorizedAt: Timestamp(microsecondsSinceEpoch: row["authorized_at"]),
                refund: settlements.first.flatMap { Money.sum(settlements, currency: $0.currency) },
                exchangeOrderID: (row["exchange_order_id"] as String?).map { OrderID($0) },
                updatedAt: Timestamp(microsecondsSinceEpoch: row["updated_at"])
            )
        }
    }

    static func returnReceipts(_ db: Database, rmaNumber: String) throws -> [ReturnReceiptRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM return_receipts WHERE rma_number = ? ORDER BY receipt_number",
            arguments: [rmaNumber]
        ).map { row in
            ReturnReceiptRecord(
                receiptID: row["receipt_id"],
                rmaNumber: row["rma_number"],
                receiptNumber: row["receipt_number"],
                locationID: row["location_id"],
                lines: try ReturnRules.decode([ReceivedReturnLine].self, row["lines_json"]),
                receivedAt: Timestamp(microsecondsSinceEpoch: row["received_at"])
            )
        }
    }
}
