import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: ReturnStore {
    public func recordShipment(_ shipment: ShipmentRecord) async throws {
        let lines = try ReturnRules.encode(shipment.lines)
        try await execute(
            """
            INSERT INTO order_shipments (shipment_id, order_id, location_id, carrier, lines_json, shipped_at)
            VALUES (\(shipment.shipmentID), \(shipment.orderID.rawValue), \(shipment.locationID), \(shipment.carrier),
                \(lines), \(Int(shipment.shippedAt.microsecondsSinceEpoch)))
            ON CONFLICT (shipment_id) DO NOTHING
            """
        )
    }

    public func shipments(orderID: OrderID) async throws -> [ShipmentRecord] {
        try await fetch(
            "SELECT * FROM order_shipments WHERE order_id = \(orderID.rawValue) ORDER BY shipped_at, shipment_id"
        ) { row in
            ShipmentRecord(
                shipmentID: try row.value("shipment_id"),
                orderID: OrderID(try row.value("order_id", as: String.self)),
                locationID: try row.value("location_id"),
                carrier: try row.value("carrier"),
                lines: try ReturnRules.decode([ConfirmedLine].self, try row.value("lines_json")),
                shippedAt: Timestamp(microsecondsSinceEpoch: try row.value("shipped_at"))
            )
        }
    }

    public func authorizeReturn(_ request: ReturnRequest) async throws -> ReturnAuthorizationOutcome {
        let year = ReturnRules.year(of: request.authorizedAt)
        let lines = try ReturnRules.encode(request.lines)
        let logger = logger
        return try await transaction { connection in
            // Concurrent RMAs of one order take turns: the check of earlier RMAs sees every committed one.
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtext(\("kontor.returns:" + request.orderID.rawValue)))",
                logger: logger
            )
            let earlier = try await Self.returnRecords(
                connection,
                logger: logger,
                "SELECT * FROM return_authorizations WHERE order_id = \(request.orderID.rawValue)"
            )
            let refusals = ReturnRules.refusals(request, earlier: earlier.flatMap(\.lines))
            guard refusals.isEmpty else { return .refused(refusals) }
            // The upsert's row lock makes concurrent RMAs of any order take turns for the number.
            let sequence = try await connection.fetch(
                """
                INSERT INTO sequences (name, value) VALUES (\(ReturnRules.sequenceName(year: year)), 1)
                ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value
                """,
                logger: logger
            ) { try $0.value("value", as: Int.self) }[0]
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
            try await connection.execute(
                """
                INSERT INTO return_authorizations (rma_number, order_id, status, resolution, lines_json,
                    return_carrier, return_tracking_number, return_location_id, note, authorized_by, authorized_at,
                    updated_at)
                VALUES (\(record.rmaNumber), \(record.orderID.rawValue), \(record.status.rawValue),
                    \(record.resolution.rawValue), \(lines), \(record.returnCarrier), \(record.returnTrackingNumber),
                    \(record.returnLocationID), \(record.note), \(record.authorizedBy),
                    \(Int(record.authorizedAt.microsecondsSinceEpoch)), \(Int(record.updatedAt.microsecondsSinceEpoch)))
                """,
                logger: logger
            )
            return .authorized(record)
        }
    }

    public func returnAuthorization(rmaNumber: String) async throws -> ReturnRecord? {
        try await client.withConnection { connection in
            try await Self.returnRecords(
                connection,
                logger: logger,
                "SELECT * FROM return_authorizations WHERE rma_number = \(rmaNumber)"
            ).first
        }
    }

    public func returnAuthorizations(orderID: OrderID?, status: ReturnStatus?, limit: Int) async throws
        -> [ReturnRecord]
    {
        let order = orderID?.rawValue
        let status = status?.rawValue
        return try await client.withConnection { connection in
            try await Self.returnRecords(
                connection,
                logger: logger,
                """
                SELECT * FROM return_authorizations
                WHERE (\(order)::text IS NULL OR order_id = \(order)) AND (\(status)::text IS NULL OR status = \(status))
                ORDER BY authorized_at DESC, rma_number DESC LIMIT \(max(0, limit))
                """
            )
        }
    }

    public func returnAuthorization(exchangeOrderID: OrderID) async throws -> ReturnRecord? {
        try await client.withConnection { connection in
            try await Self.returnRecords(
                connection,
                logger: logger,
                "SELECT * FROM return_authorizations WHERE exchange_order_id = \(exchangeOrderID.rawValue)"
            ).first
        }
    }

    public func recordReturnReceipt(_ receipt: ReturnReceiptRecord) async throws -> ReturnReceiptOutcome {
        let logger = logger
        return try await transaction { connection in
            let rows = try await Self.returnRecords(
                connection,
                logger: logger,
                "SELECT * FROM return_authorizations WHERE rma_number = \(receipt.rmaNumber) FOR UPDATE"
            )
            guard let rma = rows.first else { return .refused("no RMA \"\(receipt.rmaNumber)\"") }
            let earlier = try await Self.returnReceipts(connection, logger: logger, rmaNumber: receipt.rmaNumber)
            if let stored = earlier.first(where: { $0.receiptID == receipt.receiptID }) {
                return .recorded(stored, rma)
            }
            if let problem = ReturnRules.receiptProblem(receipt, rma: rma, earlier: earlier) {
                return .refused(problem)
            }
            var recorded = ReturnRules.withSKUs(receipt, from: rma)
            recorded.receiptNumber = (earlier.map(\.receiptNumber).max() ?? 0) + 1
            try await connection.execute(
                """
                INSERT INTO return_receipts (receipt_id, rma_number, receipt_number, location_id, lines_json, received_at)
                VALUES (\(recorded.receiptID), \(recorded.rmaNumber), \(recorded.receiptNumber),
                    \(recorded.locationID), \(try ReturnRules.encode(recorded.lines)),
                    \(Int(recorded.receivedAt.microsecondsSinceEpoch)))
                """,
                logger: logger
            )
            var restocked: [(sku: String, locationID: String)] = []
            // Sorted: concurrent receipts lock stock rows in the same order.
            for line in recorded.lines.sorted(by: { $0.sku < $1.sku }) {
                if line.restocked {
                    try await connection.execute(
                        """
                        INSERT INTO stock (sku, location_id, on_hand) VALUES (\(line.sku), \(recorded.locationID),
                            \(line.quantity))
                        ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = stock.on_hand + excluded.on_hand
                        """,
                        logger: logger
                    )
                    restocked.append((line.sku, recorded.locationID))
                } else {
                    try await connection.execute(
                        """
                        INSERT INTO quarantine_stock (location_id, sku, quantity)
                        VALUES (\(recorded.locationID), \(line.sku), \(line.quantity))
                        ON CONFLICT (location_id, sku) DO UPDATE
                            SET quantity = quarantine_stock.quantity + excluded.quantity
                        """,
                        logger: logger
                    )
                }
            }
            var updated = rma
            updated.status = .received
            updated.updatedAt = max(rma.updatedAt, recorded.receivedAt)
            try await connection.execute(
                """
                UPDATE return_authorizations SET status = \(updated.status.rawValue),
                    updated_at = \(Int(updated.updatedAt.microsecondsSinceEpoch))
                WHERE rma_number = \(rma.rmaNumber)
                """,
                logger: logger
            )
            // Last: the journal's lock orders journal writers by commit.
            try await Self.journal(connection, logger: logger, restocked, change: .receipt)
            return .recorded(recorded, updated)
        }
    }

    public func returnReceipts(rmaNumber: String) async throws -> [ReturnReceiptRecord] {
        try await client.withConnection { connection in
            try await Self.returnReceipts(connection, logger: logger, rmaNumber: rmaNumber)
        }
    }

    public func settleReturn(rmaNumber: String, eventID: String, refund: Money?, exchangeOrderID: OrderID?)
        async throws
    {
        let status: ReturnStatus = exchangeOrderID != nil ? .exchanged : .refunded
        let logger = logger
        try await transaction { connection in
            try await connection.execute(
                """
                INSERT INTO return_settlements (event_id, rma_number, amount, currency, exchange_order_id)
                VALUES (\(eventID), \(rmaNumber), \(refund?.amount.description)::numeric, \(refund?.currency.rawValue),
                    \(exchangeOrderID?.rawValue))
                ON CONFLICT (event_id) DO NOTHING
                """,
                logger: logger
            )
            try await connection.execute(
                """
                UPDATE return_authorizations SET status = \(status.rawValue),
                    updated_at = \(Int(Timestamp.now().microsecondsSinceEpoch)),
                    exchange_order_id = COALESCE(\(exchangeOrderID?.rawValue), exchange_order_id)
                WHERE rma_number = \(rmaNumber)
                """,
                logger: logger
            )
        }
    }

    public func quarantineStock(locationID: String?) async throws -> [QuarantineStock] {
        try await fetch(
            """
            SELECT * FROM quarantine_stock
            WHERE (\(locationID)::text IS NULL OR location_id = \(locationID)) AND quantity > 0
            ORDER BY location_id, sku
            """
        ) { row in
            QuarantineStock(
                locationID: try row.value("location_id"),
                sku: try row.value("sku"),
                quantity: try row.value("quantity")
            )
        }
    }

    // MARK: Helpers inside a transaction.

    /// The RMAs `query` selects (`SELECT * FROM return_authorizations ...`), newest first, with refunded amounts.
    static func returnRecords(_ connection: PostgresConnection, logger: Logger, _ query: PostgresQuery) async throws
        -> [ReturnRecord]
    {
        var records = try await connection.fetch(query, logger: logger) { row in
            ReturnRecord(
                rmaNumber: try row.value("rma_number"),
                orderID: OrderID(try row.value("order_id", as: String.self)),
                status: ReturnStatus(rawValue: try row.value("status")) ?? .authorized,
                resolution: ReturnResolution(rawValue: try row.value("resolution")) ?? .refund,
                lines: try ReturnRules.decode([ReturnLine].self, try row.value("lines_json")),
                returnCarrier: try row.value("return_carrier"),
                returnTrackingNumber: try row.value("return_tracking_number"),
                returnLocationID: try row.value("return_location_id", as: String?.self),
                note: try row.value("note", as: String?.self),
                authorizedBy: try row.value("authorized_by"),
                authorizedAt: Timestamp(microsecondsSinceEpoch: try row.value("authorized_at")),
                exchangeOrderID: try row.value("exchange_order_id", as: String?.self).map { OrderID($0) },
                updatedAt: Timestamp(microsecondsSinceEpoch: try row.value("updated_at"))
            )
        }
        records.sort { ($0.authorizedAt, $0.rmaNumber) > ($1.authorizedAt, $1.rmaNumber) }
        guard !records.isEmpty else { return [] }
        let settlements = try await connection.fetch(
            """
            SELECT rma_number, amount::text AS amount, currency FROM return_settlements
            WHERE rma_number = ANY(\(records.map(\.rmaNumber))) AND amount IS NOT NULL
            """,
            logger: logger
        ) { row -> (String, Money?) in
            let amount = StoredAmount.parse(try row.value("amount", as: String?.self))
            let currency = try row.value("currency", as: String?.self).flatMap { CurrencyCode(rawValue: $0) }
            return (try row.value("rma_number"), amount.flatMap { a in currency.map { Money(a, $0) } })
        }
        let refunds = Dictionary(grouping: settlements, by: \.0).mapValues { $0.compactMap(\.1) }
        return records.map { record in
            var record = record
            if let paid = refunds[record.rmaNumber], let first = paid.first {
                record.refund = Money.sum(paid, currency: first.currency)
            }
            return record
        }
    }

    static func returnReceipts(_ connection: PostgresConnection, logger: Logger, rmaNumber: String) async throws
        -> [ReturnReceiptRecord]
    {
        try await connection.fetch(
            "SELECT * FROM return_receipts WHERE rma_number = \(rmaNumber) ORDER BY receipt_number",
            logger: logger
        ) { row in
            ReturnReceiptRecord(
                receiptID: try row.value("receipt_id"),
                rmaNumber: try row.value("rma_number"),
                receiptNumber: try row.value("receipt_number"),
                locationID: try row.value("location_id"),
                lines: try ReturnRules.decode([ReceivedReturnLine].self, try row.value("lines_json")),
                receivedAt: Timestamp(microsecondsSinceEpoch: try row.value("received_at"))
            )
        }
    }
}
