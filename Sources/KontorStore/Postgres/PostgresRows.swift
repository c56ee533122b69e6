import Foundation
import KontorModel
import PostgresNIO

/// Reading the store's records from PostgreSQL rows, with the column lists that select them (NUMERIC columns come
/// back as text, so amounts keep their exact digits).
enum PostgresRows {
    static let productColumns = "sku, gtin, description, weight_grams, list_price::text AS list_price, currency"

    static func product(_ row: PostgresRandomAccessRow) throws -> Product {
        Product(
            sku: try row.value("sku"),
            gtin: try row.value("gtin", as: String?.self).flatMap { GTIN(rawValue: $0) },
            description: try row.value("description"),
            weightGrams: try row.value("weight_grams"),
            listPrice: StoredAmount.parse(try row.value("list_price")),
            currency: try row.value("currency", as: String?.self).flatMap { CurrencyCode(rawValue: $0) }
        )
    }

    static func location(_ row: PostgresRandomAccessRow) throws -> Location {
        Location(
            id: try row.value("id"),
            name: try row.value("name"),
            kind: Location.Kind(rawValue: try row.value("kind")) ?? .warehouse,
            address: Address(
                street: try row.value("street"),
                street2: try row.value("street2"),
                city: try row.value("city"),
                postalCode: try row.value("postal_code"),
                country: CountryCode(rawValue: try row.value("country")) ?? CountryCode.de
            ),
            latitude: try row.value("latitude"),
            longitude: try row.value("longitude"),
            dailyCapacity: try row.value("daily_capacity"),
            canShip: try row.value("can_ship"),
            canPickup: try row.value("can_pickup"),
            active: try row.value("active")
        )
    }

    static func stockLevel(_ row: PostgresRandomAccessRow) throws -> StockLevel {
        StockLevel(
            sku: try row.value("sku"),
            locationID: try row.value("location_id"),
            onHand: try row.value("on_hand"),
            reserved: try row.value("reserved"),
            safetyStock: try row.value("safety_stock")
        )
    }

    static func inbound(_ row: PostgresRandomAccessRow) throws -> InboundStock? {
        guard let eta = KontorDate(rawValue: try row.value("eta")) else { return nil }
        return InboundStock(
            reference: try row.value("reference"),
            sku: try row.value("sku"),
            locationID: try row.value("location_id"),
            quantity: try row.value("quantity"),
            eta: eta
        )
    }

    static func reservation(_ row: PostgresRandomAccessRow) throws -> Reservation {
        Reservation(
            id: try row.value("id"),
            orderID: OrderID(try row.value("order_id", as: String.self)),
            lineNumber: try row.value("line_number"),
            sku: try row.value("sku"),
            locationID: try row.value("location_id"),
            quantity: try row.value("quantity"),
            status: Reservation.Status(rawValue: try row.value("status")) ?? .released,
            createdAt: Timestamp(microsecondsSinceEpoch: try row.value("created_at"))
        )
    }

    static let customerColumns =
        "id, name, credit_limit::text AS credit_limit, currency, open_balance::text AS open_balance"

    static func customer(_ row: PostgresRandomAccessRow) throws -> Customer {
        Customer(
            id: try row.value("id"),
            name: try row.value("name"),
            creditLimit: StoredAmount.parse(try row.value("credit_limit")),
            currency: try row.value("currency", as: String?.self).flatMap { CurrencyCode(rawValue: $0) },
            openBalance: DecimalAmount(try row.value("open_balance", as: String.self)) ?? .zero
        )
    }

    static let orderColumns = """
        order_id, order_number, channel, customer_id, customer_name, status, total_amount::text AS total_amount,
        currency, created_at, updated_at, order_json, allocation_json, version
        """

    static func order(_ row: PostgresRandomAccessRow) throws -> OrderRecord {
        OrderRecord(
            orderID: OrderID(try row.value("order_id", as: String.self)),
            orderNumber: try row.value("order_number"),
            channel: SalesChannel(try row.value("channel", as: String.self)),
            customerID: try row.value("customer_id"),
            customerName: try row.value("customer_name"),
            status: try row.value("status"),
            totalAmount: StoredAmount.parse(try row.value("total_amount")),
            currency: try row.value("currency", as: String?.self).flatMap { CurrencyCode(rawValue: $0) },
            createdAt: Timestamp(microsecondsSinceEpoch: try row.value("created_at")),
            updatedAt: Timestamp(microsecondsSinceEpoch: try row.value("updated_at")),
            orderJSON: Data(try row.value("order_json", as: String.self).utf8),
            allocationJSON: try row.value("allocation_json", as: String?.self).map { Data($0.utf8) },
            version: try row.value("version")
        )
    }

    static func timelineEntry(_ row: PostgresRandomAccessRow) throws -> TimelineEntry {
        TimelineEntry(
            orderID: OrderID(try row.value("order_id", as: String.self)),
            sequence: try row.value("sequence"),
            at: Timestamp(microsecondsSinceEpoch: try row.value("at")),
            stage: try row.value("stage"),
            eventType: try row.value("event_type"),
            status: try row.value("status"),
            reasonsJSON: try row.value("reasons_json"),
            eventID: try row.value("event_id")
        )
    }

    /// A statement built at run time with its values.
    static func query(_ sql: String, _ values: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings()
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let number): bindings.append(Int(number))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
