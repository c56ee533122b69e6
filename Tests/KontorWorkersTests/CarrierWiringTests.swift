import Foundation
import HTTPTypes
import Hummingbird
import KontorAllocation
import KontorApp
import KontorKafka
import KontorModel
import KontorShipping
import KontorStore
import KontorTestSupport
import KontorWorkers
import NIOCore
import Testing

/// Carrier selection and label booking in the fulfillment stage, with the real allocation stage, an SQLite store and
/// the repository's rate table. The carrier's label API is stood in for by a real local HTTP server (Hummingbird on
/// loopback) speaking the generic JSON carrier API: no carrier sandbox can run in the tests.
@Suite("Fulfillment: carrier selection and label booking")
struct CarrierWiringTests {
    typealias Support = AllocationTestSupport

    /// 1200 g per piece: two pieces weigh 2400 g.
    static let drill = Product(
        sku: "DRILL-18V",
        gtin: GTIN("4059952566474"),
        description: "Cordless drill 18 V",
        weightGrams: 1200
    )

    /// `connectors/carriers/rates.yaml`, with the carriers' API base URLs pointed at `base` when given.
    static func rateTable(apiBase base: String? = nil) throws -> CarrierRateTable {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var text = try String(
            contentsOf: root.appendingPathComponent("connectors/carriers/rates.yaml"),
            encoding: .utf8
        )
        if let base {
            text = text.replacingOccurrences(of: "http://127.0.0.1:8091", with: base)
        }
        return try CarrierRateTableLoader.decode(text, file: "rates.yaml")
    }

    static func handler(_ store: SQLiteStore, table: CarrierRateTable) -> FulfillmentHandler {
        FulfillmentHandler(
            store: store,
            carriers: RateTableCarrierChooser(table: table, store: store, defaultPieceWeightGrams: 500),
            labels: CarrierLabelBooker(
                table: table,
                store: store,
                defaultPieceWeightGrams: 500,
                environment: ["KONTOR_CARRIER_DHL_TOKEN": "dhl-secret"],
                maxAttempts: 2,
                backoff: .milliseconds(10)
            )
        )
    }

    /// The pick task made for `order` (allocated at Leipzig).
    static func pickTask(_ store: SQLiteStore, _ order: CanonicalOrder, handler: FulfillmentHandler) async throws
        -> PickTask
    {
        let allocated = try await FulfillmentHandlerTests.allocate(
            Support.handler(store),
            try Support.validated(order, id: "v-\(order.orderNumber)")
        )
        let tasks = try FulfillmentHandlerTests.tasks(try await handler.handle(allocated))
        return try #require(tasks.first)
    }

    static func confirmation(
        _ id: String,
        _ task: PickTask,
        _ kind: WarehouseConfirmationKind,
        parcels: [Parcel] = []
    ) throws -> KafkaConsumerMessage {
        let event = WarehouseConfirmationEvent(
            id: EventID("wms-\(id)"),
            source: .ingest("wms"),
            type: FulfillmentEventType.warehouseConfirmation,
            subject: task.orderId.rawValue,
            time: Timestamp(microsecondsSinceEpoch: 5_000_000),
            correlationID: CorrelationID("wms-\(id)"),
            data: WarehouseConfirmation(
                confirmationId: id,
                taskId: task.taskId,
                orderId: task.orderId,
                kind: kind,
                parcels: parcels,
                occurredAt: Timestamp(microsecondsSinceEpoch: 5_000_000)
            )
        )
        return Support.consumed(try EventMessage.make(event, topic: KontorTopics.warehouseConfirmation))
    }

    @Test("The cheapest service fills the task; the decision with every candidate is kept on it and in the store")
    func selectionOnTask() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 5)])
        try await store.upsertProducts([Self.drill])
        let order = try Support.order("C-1", lines: [("DRILL-18V", "2")])
        let task = try await Self.pickTask(store, order, handler: Self.handler(store, table: try Self.rateTable()))

        // 2400 g from Leipzig to München: DPD Classic 4.79 EUR beats DHL Paket 5.99 EUR.
        #expect(task.carrier == "dpd")
        #expect(task.carrierService == "dpd-classic")
        let selection = try #require(task.carrierSelection)
        #expect(selection.price == Money(DecimalAmount("4.79")!, CurrencyCode("EUR")!))
        #expect(selection.estimatedDelivery != nil)
        #expect(selection.summary.hasPrefix("dpd/dpd-classic: cheapest"))
        #expect(selection.candidates.count == 5)
        #expect(
            selection.candidates.contains {
                $0.hasPrefix("dhl/dhl-paket:") && $0.contains("not chosen: costs 5.99 EUR, dpd-classic costs 4.79 EUR")
            }
        )
        #expect(selection.candidates.contains { $0.hasPrefix("ups/ups-ground:") && $0.contains("excluded") })
        let stored = try #require(try await store.pickTask(id: task.taskId))
        #expect(stored.carrier == "dpd")
        #expect(stored.carrierService == "dpd-classic")
        #expect(stored.task.carrierSelection == selection)
    }

    @Test("An order asking for a carrier gets that carrier's service; pickup tasks get no carrier")
    func askedCarrierAndPickup() async throws {
        let store = try await Support.store(stock: [
            StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 5),
            StockCount(sku: "DRILL-18V", locationID: "ST-DE-BER", onHand: 5),
        ])
        try await store.upsertProducts([Self.drill])
        let handler = Self.handler(store, table: try Self.rateTable())
        var asking = try Support.order("C-2", lines: [("DRILL-18V", "1")])
        asking.delivery?.carrier = "dhl"
        let dhl = try await Self.pickTask(store, asking, handler: handler)
        #expect(dhl.carrier == "dhl")
        #expect(dhl.carrierService == "dhl-paket")
        #expect(dhl.carrierSelection?.candidates.count == 1)

        let pickup = try Support.order("C-3", lines: [("DRILL-18V", "1")], pickupAt: "ST-DE-BER")
        let task = try await Self.pickTask(store, pickup, handler: handler)
        #expect(task.method == "pickup")
        #expect(task.carrier == nil)
        #expect(task.carrierService == nil)
        #expect(task.carrierSelection == nil)
    }

    /// What the stand-in carrier API received.
    actor Bookings {
        struct Booking: Sendable {
            var headers: [String: String]
            var bodyBytes: [UInt8]
            var body: [String: Any] {
                (try? JSONSerialization.jsonObject(with: Data(bodyBytes))) as? [String: Any] ?? [:]
            }
        }
        var requests: [Booking] = []
        func add(_ booking: Booking) { requests.append(booking) }
        var count: Int { requests.count }
    }

    @Test("Packed → labels booked once (redelivery books nothing); served tracking numbers reach OrderShipped")
    func bookingOnPacked() async throws {
        let bookings = Bookings()
        let router = Router()
        router.post("/dhl/v1/labels") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1_000_000)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            await bookings.add(.init(headers: headers, bodyBytes: Array(buffer: body)))
            let label = Data("^XA^FDcarrier label^FS^XZ\n".utf8).base64EncodedString()
            let answer = """
                {"shipmentId": "S-1", "labelFormat": "zpl",
                 "parcels": [{"trackingNumber": "JJD000390007700001", "label": "\(label)"}]}
                """
            return Response(
                status: .created,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: answer))
            )
        }
        try await withLocalServer(router) { base in
            let store = try await Support.store(stock: [
                StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 5)
            ])
            try await store.upsertProducts([Self.drill])
            let handler = Self.handler(store, table: try Self.rateTable(apiBase: base))
            var order = try Support.order("C-4", lines: [("DRILL-18V", "2")])
            order.delivery?.carrier = "dhl"
            let task = try await Self.pickTask(store, order, handler: handler)
            #expect(task.carrierService == "dhl-paket")

            let packed = try Self.confirmation(
                "PACK-1",
                task,
                .packed,
                parcels: [Parcel(parcelId: "P1", weightGrams: 2500)]
            )
            #expect(try await handler.handle(packed).isEmpty)
            #expect(try await handler.handle(packed).isEmpty)
            #expect(await bookings.count == 1)
            let request = try #require(await bookings.requests.first)
            #expect(request.headers["idempotency-key"] == task.taskId)
            #expect(request.headers["authorization"] == "Bearer dhl-secret")
            #expect(request.body["service"] as? String == "dhl-paket")
            #expect((request.body["shipFrom"] as? [String: Any])?["postalCode"] as? String == "04158")
            #expect((request.body["parcels"] as? [[String: Any]])?.first?["weightGrams"] as? Int == 2500)

            let labels = try #require(try await store.shipmentLabels(taskID: task.taskId))
            #expect(labels.shipmentID == "S-1")
            #expect(labels.labels.map(\.trackingNumber) == ["JJD000390007700001"])
            #expect(String(decoding: labels.labels[0].label, as: UTF8.self) == "^XA^FDcarrier label^FS^XZ\n")
            let record = try #require(try await store.pickTask(id: task.taskId))
            #expect(record.parcels.map(\.trackingNumber) == ["JJD000390007700001"])

            // The WMS confirms the shipment with its parcel but without the tracking number.
            let shipped = try Self.confirmation(
                "SHIP-1",
                task,
                .shipped,
                parcels: [Parcel(parcelId: "P1", weightGrams: 2500)]
            )
            let event = try FulfillmentHandlerTests.shipped(try await handler.handle(shipped))
            #expect(event.carrier == "dhl")
            #expect(event.parcels.map(\.trackingNumber) == ["JJD000390007700001"])
            #expect(await bookings.count == 1)
        }
    }

    @Test("A carrier that refuses the booking is a permanent failure naming the carrier's reason")
    func bookingRefused() async throws {
        let router = Router()
        router.post("/dhl/v1/labels") { _, _ -> Response in
            Response(
                status: .unprocessableContent,
                headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: #"{"error": {"code": "invalid-postal-code", "message": "postal code 80331 unknown"}}"#
                    )
                )
            )
        }
        try await withLocalServer(router) { base in
            let store = try await Support.store(stock: [
                StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 5)
            ])
            try await store.upsertProducts([Self.drill])
            let handler = Self.handler(store, table: try Self.rateTable(apiBase: base))
            var order = try Support.order("C-5", lines: [("DRILL-18V", "1")])
            order.delivery?.carrier = "dhl"
            let task = try await Self.pickTask(store, order, handler: handler)
            let packed = try Self.confirmation("PACK-2", task, .packed)
            do {
                _ = try await handler.handle(packed)
                Issue.record("the booking should have failed")
            } catch let error as StageError {
                #expect(!error.isRetriable)
                #expect(error.errorClass == .carrierRejected)
                #expect(error.message.contains("postal code 80331 unknown"))
            }
            #expect(try await store.shipmentLabels(taskID: task.taskId) == nil)
        }
    }

    @Test("Services the warehouse prints labels for are not booked")
    func warehouseLabels() async throws {
        let store = try await Support.store(stock: [StockCount(sku: "DRILL-18V", locationID: "WH-DE-LEJ", onHand: 5)])
        try await store.upsertProducts([Self.drill])
        // No server: a booking attempt would fail the confirmation.
        let handler = Self.handler(store, table: try Self.rateTable(apiBase: "http://127.0.0.1:9"))
        let task = try await Self.pickTask(
            store,
            try Support.order("C-6", lines: [("DRILL-18V", "2")]),
            handler: handler
        )
        #expect(task.carrierService == "dpd-classic")
        #expect(try await handler.handle(try Self.confirmation("PACK-3", task, .packed)).isEmpty)
        #expect(try await store.shipmentLabels(taskID: task.taskId) == nil)
    }
}
