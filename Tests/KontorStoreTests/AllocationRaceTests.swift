import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// Many allocation handlers, each with a store of its own on one database (as separate worker processes have),
/// allocate orders for the last units at once: nothing is oversold and every order ends reserved or backordered.
@Suite("Concurrent allocators, on both backends")
struct AllocationRaceTests {
    @Test("24 orders, 4 allocators, 10 units in two places", arguments: StoreBackend.allCases)
    func lastUnits(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            try await store.upsertLocations([
                Location(
                    id: "WH-A",
                    name: "A",
                    kind: .warehouse,
                    address: Address(postalCode: "04158", country: CountryCode("DE")!)
                ),
                Location(
                    id: "WH-B",
                    name: "B",
                    kind: .warehouse,
                    address: Address(postalCode: "80331", country: CountryCode("DE")!)
                ),
            ])
            try await store.setStock([
                StockCount(sku: "LAST", locationID: "WH-A", onHand: 6),
                StockCount(sku: "LAST", locationID: "WH-B", onHand: 4),
            ])
            var stores: [any KontorStoreBackend] = []
            for _ in 0..<4 { stores.append(try await database.open()) }
            let handlers = stores.map { AllocationHandler(store: $0, maxAttempts: 50) }
            let outputs = try await withThrowingTaskGroup(of: KafkaProducerMessage.self) { group in
                for index in 0..<24 {
                    let handler = handlers[index % handlers.count]
                    group.addTask {
                        let message = try Self.validated(number: "RACE-\(index)", quantity: 1 + index % 2)
                        return try #require(try await handler.handle(message).first)
                    }
                }
                return try await group.reduce(into: [KafkaProducerMessage]()) { $0.append($1) }
            }
            for other in stores { await other.close() }

            let levels = try await store.stockLevels(skus: ["LAST"], locationIDs: nil)
            #expect(levels.allSatisfy { $0.reserved <= $0.onHand })
            let events = try outputs.map { try CanonicalJSON.decodeEvent(OrderAllocated.self, from: $0.value) }
            let reserved = events.flatMap(\.data.reservations).reduce(0) { $0 + $1.quantity }
            #expect(reserved == levels.reduce(0) { $0 + $1.reserved })
            #expect(reserved == 10)
            // Every order is accounted for: what it holds plus what it waits for is what it ordered.
            for event in events {
                let held = event.data.reservations.reduce(0) { $0 + $1.quantity }
                let waiting = event.data.plan.backorders.reduce(0) { $0 + $1.quantity }
                let ordered = event.data.order.lines.count == 1 ? Int("\(event.data.order.lines[0].quantity)") : nil
                #expect(held + waiting == ordered)
                let stored = try await store.reservations(orderID: event.data.plan.orderID).filter {
                    $0.status == .active
                }
                #expect(stored.reduce(0) { $0 + $1.quantity } == held)
            }
            #expect(events.count == 24)
        }
    }

    private static func validated(number: String, quantity: Int) throws -> KafkaConsumerMessage {
        var order = try CanonicalJSON.decodeOrder(
            from: Array(
                """
                {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"web","orderDate":"2026-11-28",
                 "currency":"EUR","buyer":{"id":"C-1","name":"Erika Mustermann"},
                 "shipTo":{"name":"Erika Mustermann","city":"Köln","postalCode":"51147","country":"DE"},
                 "lines":[{"lineNumber":"1","sku":"LAST","quantity":"\(quantity)","unitOfMeasure":"C62",
                           "unitPrice":"9.95"}],
                 "totals":{"grandTotal":"9.95"}}
                """.utf8
            )
        )
        order.id = OrderID.derived(channel: order.channel, orderNumber: order.orderNumber)
        let event = OrderValidatedEvent(
            id: .random(),
            source: .validationWorker,
            subject: order.id?.rawValue,
            correlationID: .random(),
            data: OrderValidated(order: order)
        )
        let message = try EventMessage.make(event, topic: KontorTopics.orderValidated)
        return KafkaConsumerMessage(
            topic: message.topic,
            partition: 0,
            offset: 0,
            key: message.key,
            value: message.value
        )
    }
}
