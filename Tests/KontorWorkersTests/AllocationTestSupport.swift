import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers

/// Orders, events and a store with locations like the seed's, for the allocation handler's tests.
enum AllocationTestSupport {
    static let day = KontorDate("2026-11-29")!

    /// Leipzig and Venlo warehouses, a Berlin store (ships and hands out pickups), as in `seed/locations.csv`.
    static let locations = [
        Location(
            id: "WH-DE-LEJ",
            name: "Leipzig distribution centre",
            kind: .warehouse,
            address: Address(city: "Leipzig", postalCode: "04158", country: CountryCode("DE")!),
            latitude: 51.3397,
            longitude: 12.3731,
            dailyCapacity: 2500
        ),
        Location(
            id: "WH-NL-VEN",
            name: "Venlo cross-dock",
            kind: .warehouse,
            address: Address(city: "Venlo", postalCode: "5928 PR", country: CountryCode("NL")!),
            latitude: 51.3704,
            longitude: 6.1724,
            dailyCapacity: 1800
        ),
        Location(
            id: "ST-DE-BER",
            name: "Berlin Alexanderplatz",
            kind: .store,
            address: Address(city: "Berlin", postalCode: "10178", country: CountryCode("DE")!),
            latitude: 52.5219,
            longitude: 13.4132,
            dailyCapacity: 120,
            canShip: true,
            canPickup: true
        ),
    ]

    static func store(stock: [StockCount] = []) async throws -> SQLiteStore {
        let store = try WorkerTestSupport.temporaryStore()
        try await store.upsertLocations(locations)
        try await store.setStock(stock)
        return store
    }

    static func handler(_ store: some AllocationHandler.Store) -> AllocationHandler {
        AllocationHandler(store: store, today: { day })
    }

    /// An order shipping to `postalCode` in Germany with `lines` as (SKU, quantity).
    static func order(
        _ number: String,
        lines: [(String, String)],
        postalCode: String = "80331",
        serviceLevel: String? = nil,
        pickupAt: String? = nil
    ) throws -> CanonicalOrder {
        let lineJSON = lines.enumerated().map { index, line in
            """
            {"lineNumber":"\(index + 1)","sku":"\(line.0)","quantity":"\(line.1)","unitOfMeasure":"C62",
             "unitPrice":"10.00"}
            """
        }.joined(separator: ",")
        var delivery: [String] = []
        if let pickupAt {
            delivery = ["\"method\":\"pickup\"", "\"pickupLocationId\":\"\(pickupAt)\""]
        } else {
            delivery = ["\"method\":\"ship\""]
        }
        if let serviceLevel { delivery.append("\"serviceLevel\":\"\(serviceLevel)\"") }
        let json = """
            {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"web","orderDate":"2026-11-28",
             "currency":"EUR","buyer":{"id":"C-1","name":"Erika Mustermann"},
             "shipTo":{"name":"Erika Mustermann","street":"Marienplatz 1","city":"München",
                       "postalCode":"\(postalCode)","country":"DE"},
             "lines":[\(lineJSON)],
             "delivery":{\(delivery.joined(separator: ","))},
             "totals":{"grandTotal":"10.00"}}
            """
        var order = try CanonicalJSON.decodeOrder(from: Data(json.utf8))
        order.id = OrderID.derived(channel: order.channel, orderNumber: order.orderNumber)
        return order
    }

    static func consumed(_ message: KafkaProducerMessage) -> KafkaConsumerMessage {
        KafkaConsumerMessage(
            topic: message.topic,
            partition: 0,
            offset: 0,
            key: message.key,
            value: message.value,
            headers: message.headers
        )
    }

    static func validated(_ order: CanonicalOrder, id: String, at micros: Int64 = 1_000_000) throws
        -> KafkaConsumerMessage
    {
        let event = OrderValidatedEvent(
            id: EventID(id),
            source: .validationWorker,
            subject: order.id?.rawValue,
            time: Timestamp(microsecondsSinceEpoch: micros),
            correlationID: CorrelationID("corr-\(id)"),
            data: OrderValidated(order: order)
        )
        return consumed(try EventMessage.make(event, topic: KontorTopics.orderValidated))
    }

    static func cancelled(_ orderID: OrderID, id: String) throws -> KafkaConsumerMessage {
        let event = OrderCancelledEvent(
            id: EventID(id),
            source: .orderAPI,
            subject: orderID.rawValue,
            correlationID: CorrelationID("corr-\(id)"),
            data: OrderCancelled(orderId: orderID, reason: "customer asked", cancelledBy: "ops")
        )
        return consumed(try EventMessage.make(event, topic: KontorTopics.orderCancelled))
    }

    static func stockChanged(_ sku: String, id: String) throws -> KafkaConsumerMessage {
        let event = StockChangedEvent(
            id: EventID(id),
            source: .inventory,
            subject: sku,
            correlationID: CorrelationID(id),
            data: StockChanged(sku: sku, locationIds: ["WH-DE-LEJ"], change: "receipt", sequence: 1)
        )
        return consumed(try EventMessage.make(event, topic: KontorTopics.stockChanged))
    }

    static func decode(_ message: KafkaProducerMessage) throws -> OrderAllocatedEvent {
        try CanonicalJSON.decodeEvent(OrderAllocated.self, from: message.value)
    }
}
