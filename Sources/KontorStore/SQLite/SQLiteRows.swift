import Foundation
import GRDB
import KontorModel

/// Reading the store's records from SQLite rows; the column names are those of ``SQLiteSchema``.
enum SQLiteRows {
    static func product(_ row: Row) -> Product {
        Product(
            sku: row["sku"],
            gtin: (row["gtin"] as String?).flatMap { GTIN(rawValue: $0) },
            description: row["description"],
            weightGrams: row["weight_grams"],
            listPrice: StoredAmount.parse(row["list_price"]),
            currency: (row["currency"] as String?).flatMap { CurrencyCode(rawValue: $0) }
        )
    }

    static func location(_ row: Row) -> Location {
        Location(
            id: row["id"],
            name: row["name"],
            kind: Location.Kind(rawValue: row["kind"]) ?? .warehouse,
            address: Address(
                street: row["street"],
                street2: row["street2"],
                city: row["city"],
                postalCode: row["postal_code"],
                country: CountryCode(rawValue: row["country"]) ?? CountryCode.de
            ),
            latitude: row["latitude"],
            longitude: row["longitude"],
            dailyCapacity: row["daily_capacity"],
            canShip: row["can_ship"],
            canPickup: row["can_pickup"],
            active: row["active"]
        )
    }

    static func stockLevel(_ row: Row) -> StockLevel {
        StockLevel(
            sku: row["sku"],
            locationID: row["location_id"],
            onHand: row["on_hand"],
            reserved: row["reserved"],
            safetyStock: row["safety_stock"]
        )
    }

    static func inbound(_ row: Row) -> InboundStock? {
        guard let eta = KontorDate(rawValue: row["eta"]) else { return nil }
        return InboundStock(
            reference: row["reference"],
            sku: row["sku"],
            locationID: row["location_id"],
            quantity: row["quantity"],
            eta: eta
        )
    }

    static func reservation(_ row: Row) -> Reservation {
        Reservation(
            id: row["id"],
            orderID: OrderID(row["order_id"] as String),
            lineNumber: row["line_number"],
            sku: row["sku"],
            locationID: row["location_id"],
            quantity: row["quantity"],
            status: Reservation.Status(rawValue: row["status"]) ?? .released,
            createdAt: Timestamp(microsecondsSinceEpoch: row["created_at"])
        )
    }

    static func customer(_ row: Row) -> Customer {
        Customer(
            id: row["id"],
            name: row["name"],
            creditLimit: StoredAmount.parse(row["credit_limit"]),
            currency: (row["currency"] as String?).flatMap { CurrencyCode(rawValue: $0) },
            openBalance: DecimalAmount(row["open_balance"] as String) ?? .zero
        )
    }

    static func order(_ row: Row) -> OrderRecord {
        OrderRecord(
            orderID: OrderID(row["order_id"] as String),
            orderNumber: row["order_number"],
            channel: SalesChannel(row["channel"] as String),
            customerID: row["customer_id"],
            customerName: row["customer_name"],
            status: row["status"],
            totalAmount: StoredAmount.parse(row["total_amount"]),
            currency: (row["currency"] as String?).flatMap { CurrencyCode(rawValue: $0) },
            createdAt: Timestamp(microsecondsSinceEpoch: row["created_at"]),
            updatedAt: Timestamp(microsecondsSinceEpoch: row["updated_at"]),
            orderJSON: Data((row["order_json"] as String).utf8),
            allocationJSON: (row["allocation_json"] as String?).map { Data($0.utf8) },
            version: row["version"]
        )
    }

    static func timelineEntry(_ row: Row) -> TimelineEntry {
        TimelineEntry(
            orderID: OrderID(row["order_id"] as String),
            sequence: row["sequence"],
            at: Timestamp(microsecondsSinceEpoch: row["at"]),
            stage: row["stage"],
            eventType: row["event_type"],
            status: row["status"],
            reasonsJSON: row["reasons_json"],
            eventID: row["event_id"]
        )
    }

    /// Binds run-time built statement values.
    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .text(let text): text
                case .integer(let number): number
                }
            }
        )
    }
}
