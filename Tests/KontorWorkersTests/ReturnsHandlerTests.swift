import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The returns stage against a real SQLite store; messages are handed to the handler as the runtime would (the
/// runtime itself is covered by its own tests).
@Suite("Returns stage")
struct ReturnsHandlerTests {
    static let received = Timestamp(rfc3339: "2026-12-03T08:00:00Z")!

    /// An order with a taxed line of 2 × 9.95 at 19 % and a line of 1 dozen screws at 12.00, projected as received.
    static func project(_ store: SQLiteStore, number: String = "RET-1") async throws -> CanonicalOrder {
        let json = """
            {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"web","orderDate":"2026-11-28",
             "currency":"EUR","buyer":{"id":"C-1","name":"Erika Mustermann"},
             "shipTo":{"name":"Erika Mustermann","street":"Heidestraße 17","city":"Köln","postalCode":"51147",
                       "country":"DE"},
             "lines":[{"lineNumber":"1","sku":"SKU-1","quantity":"2","unitOfMeasure":"C62","unitPrice":"9.95",
                       "taxRate":"19"},
                      {"lineNumber":"2","sku":"SCREW","quantity":"1","unitOfMeasure":"DZN","unitPrice":"12.00"}],
             "totals":{"grandTotal":"35.68"}}
            """
        let order = try CanonicalJSON.decodeOrder(from: Data(json.utf8)).assigningID()
        try await OrderProjector(store: store).project(
            ProjectedEvent(
                eventID: .random(),
                type: OrderEventType.received,
                time: .now(),
                orderID: order.id!,
                step: .receive,
                stage: "ingest",
                order: order
            )
        )
        return order
    }

    static func authorize(
        _ store: SQLiteStore,
        _ order: CanonicalOrder,
        resolution: ReturnResolution,
        lines: [ReturnLine]
    ) async throws -> ReturnRecord {
        let outcome = try await store.authorizeReturn(
            ReturnRequest(
                orderID: order.id!,
                lines: lines,
                returnable: ["1": 2, "2": 12],
                resolution: resolution,
                returnCarrier: "dhl",
                authorizedBy: "ops",
                authorizedAt: .now()
            )
        )
        guard case .authorized(let record) = outcome else { throw StageError.transient("refused: \(outcome)") }
        return record
    }

    static func message<Payload: KontorEventPayload>(_ data: Payload, subject: String, id: EventID = .random()) throws
        -> KafkaConsumerMessage
    {
        let event = EventEnvelope(
            id: id,
            source: EventSource("/kontor/api/returns"),
            subject: subject,
            time: received,
            correlationID: CorrelationID(id),
            data: data
        )
        let produced = try EventMessage.make(event, topic: KontorTopics.topic(for: Payload.eventType)!)
        return KafkaConsumerMessage(
            topic: produced.topic,
            partition: 0,
            offset: 0,
            key: produced.key,
            value: produced.value,
            headers: produced.headers
        )
    }

    static func receipt(_ rma: ReturnRecord, location: String = "WH1", _ lines: [ReceivedReturnLine]) -> ReturnReceived
    {
        ReturnReceived(
            rmaNumber: rma.rmaNumber,
            orderId: rma.orderID,
            locationId: location,
            lines: lines,
            receivedAt: received
        )
    }

    @Test("Refund: resalable restocked, damaged quarantined, amount incl. the line's tax; redelivery is identical")
    func refund() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        try await store.setStock([StockCount(sku: "SKU-1", locationID: "WH1", onHand: 4)])
        let order = try await Self.project(store)
        let rma = try await Self.authorize(
            store,
            order,
            resolution: .refund,
            lines: [
                ReturnLine(lineNumber: "1", sku: "SKU-1", quantity: 2, reason: "damaged"),
                ReturnLine(lineNumber: "2", sku: "SCREW", quantity: 5, reason: "no-longer-needed"),
            ]
        )
        let handler = ReturnsHandler(store: store)
        let input = try Self.message(
            Self.receipt(
                rma,
                [
                    ReceivedReturnLine(
                        lineNumber: "1",
                        sku: "SKU-1",
                        quantity: 1,
                        condition: .resalable,
                        restocked: true
                    ),
                    ReceivedReturnLine(
                        lineNumber: "1",
                        sku: "SKU-1",
                        quantity: 1,
                        condition: .defective,
                        restocked: false
                    ),
                    ReceivedReturnLine(
                        lineNumber: "2",
                        sku: "SCREW",
                        quantity: 5,
                        condition: .resalable,
                        restocked: true
                    ),
                ]
            ),
            subject: rma.orderID.rawValue
        )
        let outputs = try await handler.handle(input)
        #expect(outputs.map(\.topic) == [KontorTopics.returnRefundIssued])
        let refund = try CanonicalJSON.decodeEvent(RefundIssued.self, from: outputs[0].value)
        // 2 × 9.95 × 1.19 = 23.681 → 23.68; 5 screws of a dozen at 12.00 = 5.00: 28.68 EUR.
        #expect(refund.data.amount == Money(DecimalAmount("28.68")!, CurrencyCode("EUR")!))
        #expect(refund.data.amount.amount.description == "28.68")
        #expect(refund.data.rmaNumber == rma.rmaNumber)
        #expect(refund.data.lines.map(\.quantity) == [1, 1, 5])
        #expect(outputs[0].key == Array(rma.orderID.rawValue.utf8))
        #expect(try await store.stockLevels(skus: ["SKU-1"], locationIDs: ["WH1"]).first?.onHand == 5)
        #expect(try await store.stockLevels(skus: ["SCREW"], locationIDs: ["WH1"]).first?.onHand == 5)
        #expect(
            try await store.quarantineStock(locationID: nil) == [
                QuarantineStock(locationID: "WH1", sku: "SKU-1", quantity: 1)
            ]
        )

        // Redelivered: the same output, byte for byte, and no second restock.
        let again = try await handler.handle(input)
        #expect(again.map(\.value) == outputs.map(\.value))
        #expect(try await store.stockLevels(skus: ["SKU-1"], locationIDs: ["WH1"]).first?.onHand == 5)

        // The refund on its topic settles the RMA.
        let settled = KafkaConsumerMessage(
            topic: outputs[0].topic,
            partition: 0,
            offset: 1,
            key: outputs[0].key,
            value: outputs[0].value,
            headers: outputs[0].headers
        )
        #expect(try await handler.handle(settled).isEmpty)
        let record = try #require(try await store.returnAuthorization(rmaNumber: rma.rmaNumber))
        #expect(record.status == .refunded)
        #expect(record.refund == refund.data.amount)
    }

    @Test("Exchange: a new linked order on the received topic, same buyer and ship-to, and ExchangeCreated")
    func exchange() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let order = try await Self.project(store, number: "RET-X")
        let rma = try await Self.authorize(
            store,
            order,
            resolution: .exchange,
            lines: [ReturnLine(lineNumber: "1", sku: "SKU-1", quantity: 1, reason: "wrong-size")]
        )
        let handler = ReturnsHandler(store: store)
        let input = try Self.message(
            Self.receipt(
                rma,
                [ReceivedReturnLine(lineNumber: "1", sku: "SKU-1", quantity: 1, condition: .resalable, restocked: true)]
            ),
            subject: rma.orderID.rawValue
        )
        let outputs = try await handler.handle(input)
        #expect(outputs.map(\.topic) == [KontorTopics.orderReceived, KontorTopics.returnExchangeCreated])
        let newOrder = try CanonicalJSON.decodeEvent(OrderReceived.self, from: outputs[0].value)
        let created = try CanonicalJSON.decodeEvent(ExchangeCreated.self, from: outputs[1].value)
        let replacement = newOrder.data.order
        #expect(replacement.id == created.data.exchangeOrderId)
        #expect(replacement.id != order.id)
        #expect(newOrder.subject == replacement.id?.rawValue)
        #expect(replacement.orderNumber == rma.rmaNumber)
        #expect(replacement.attributes?["exchangeOf"] == order.id?.rawValue)
        #expect(replacement.buyer == order.buyer)
        #expect(replacement.shipTo == order.shipTo)
        #expect(replacement.lines.map(\.sku) == ["SKU-1"])
        #expect(replacement.lines.map(\.quantity) == [DecimalAmount(1)])
        #expect(replacement.lines.map(\.unitPrice) == [DecimalAmount("9.95")!])
        #expect(replacement.totals.grandTotal == .zero)
        #expect(replacement.payment?.status == .paid)
        #expect(BasicOrderValidator().validate(replacement).isEmpty)
        #expect(newOrder.id != created.id)
        #expect(created.data.orderId == order.id)
        #expect(try await handler.handle(input).map(\.value) == outputs.map(\.value))

        let settled = KafkaConsumerMessage(
            topic: outputs[1].topic,
            partition: 0,
            offset: 1,
            key: outputs[1].key,
            value: outputs[1].value,
            headers: outputs[1].headers
        )
        _ = try await handler.handle(settled)
        #expect(try await store.returnAuthorization(exchangeOrderID: replacement.id!)?.rmaNumber == rma.rmaNumber)
        #expect(try await store.returnAuthorization(rmaNumber: rma.rmaNumber)?.status == .exchanged)
    }

    @Test("Bad receipts from a WMS are permanent failures naming the problem; shipments are recorded")
    func refusals() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let order = try await Self.project(store, number: "RET-BAD")
        let rma = try await Self.authorize(
            store,
            order,
            resolution: .refund,
            lines: [ReturnLine(lineNumber: "1", sku: "SKU-1", quantity: 1, reason: "damaged")]
        )
        let handler = ReturnsHandler(store: store)
        let tooMany = try Self.message(
            Self.receipt(
                rma,
                [ReceivedReturnLine(lineNumber: "1", sku: "SKU-1", quantity: 2, condition: .resalable, restocked: true)]
            ),
            subject: rma.orderID.rawValue
        )
        await #expect(throws: StageError.self) { try await handler.handle(tooMany) }
        do {
            _ = try await handler.handle(tooMany)
        } catch let error as StageError {
            #expect(!error.isRetriable)
            #expect(error.message.contains("lines[0].quantity"))
        }
        var unknown = Self.receipt(rma, [])
        unknown.rmaNumber = "RMA-2026-999999"
        do {
            _ = try await handler.handle(try Self.message(unknown, subject: rma.orderID.rawValue))
            Issue.record("an unknown RMA was accepted")
        } catch let error as StageError {
            #expect(error.message.contains("no RMA \"RMA-2026-999999\""))
        }
        #expect(try await store.stockLevels(skus: ["SKU-1"], locationIDs: ["WH1"]).isEmpty)

        let shipped = OrderShipped(
            orderId: order.id!,
            taskId: "\(order.id!.rawValue)-WH1-1",
            locationId: "WH1",
            carrier: "ups",
            parcels: [Parcel(trackingNumber: "1Z999")],
            lines: [ConfirmedLine(lineNumber: "1", sku: "SKU-1", quantity: 2)],
            shippedAt: Self.received,
            complete: true
        )
        #expect(try await handler.handle(try Self.message(shipped, subject: order.id!.rawValue)).isEmpty)
        #expect(try await store.shipments(orderID: order.id!).map(\.carrier) == ["ups"])
    }

    @Test("Projection: return events land on the order's timeline and keep its status")
    func timeline() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let order = try await Self.project(store, number: "RET-T")
        let projection = ProjectionHandler(store: store)
        #expect(ProjectionHandler.inputTopics.contains(KontorTopics.returnRefundIssued))
        let authorized = ReturnAuthorized(
            rmaNumber: "RMA-2026-000001",
            orderId: order.id!,
            lines: [ReturnLine(lineNumber: "1", sku: "SKU-1", quantity: 1, reason: "damaged")],
            resolution: .refund,
            returnCarrier: "dhl",
            returnTrackingNumber: "KR1",
            authorizedBy: "ops",
            authorizedAt: Self.received
        )
        let refunded = RefundIssued(
            rmaNumber: "RMA-2026-000001",
            orderId: order.id!,
            amount: Money(DecimalAmount("11.84")!, CurrencyCode("EUR")!),
            lines: [ConfirmedLine(lineNumber: "1", sku: "SKU-1", quantity: 1)],
            issuedAt: Self.received
        )
        _ = try await projection.handle(try Self.message(authorized, subject: order.id!.rawValue))
        _ = try await projection.handle(try Self.message(refunded, subject: order.id!.rawValue))
        let record = try #require(try await store.order(id: order.id!))
        #expect(record.status == OrderStatus.received.rawValue)
        let timeline = try await store.timeline(orderID: order.id!)
        #expect(timeline.map(\.eventType) == ["order.received", "return.authorized", "return.refund-issued"])
        #expect(timeline.map(\.status) == ["received", "received", "received"])
        let refundDetails = try #require(timeline.last?.reasonsJSON)
        #expect(refundDetails.contains(#""rmaNumber":"RMA-2026-000001""#))
        #expect(refundDetails.contains(#""amount":"11.84""#))
    }
}
