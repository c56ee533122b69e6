import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The tracking stage on a real SQLite store: scans matched to shipments, scans before their shipment, scans out of
/// order, `delivered` only when every parcel of a completely shipped order is.
@Suite("Tracking stage")
struct TrackingHandlerTests {
    static let order = OrderID("ord_tracking_1")

    static func shipped(
        task: String,
        parcels: [String],
        complete: Bool,
        promised: String? = "2025-06-06"
    ) throws -> KafkaConsumerMessage {
        let event = OrderShippedEvent(
            source: .worker("fulfillment"),
            subject: order.rawValue,
            time: Timestamp(rfc3339: "2025-06-03T08:00:00Z")!,
            correlationID: .random(),
            data: OrderShipped(
                orderId: order,
                taskId: task,
                locationId: "WH1",
                carrier: "dhl",
                parcels: parcels.map { Parcel(trackingNumber: $0) },
                lines: [],
                shippedAt: Timestamp(rfc3339: "2025-06-03T08:00:00Z")!,
                complete: complete,
                promisedDate: promised.flatMap(KontorDate.init(rawValue:))
            )
        )
        return AllocationTestSupport.consumed(try EventMessage.make(event, topic: KontorTopics.orderShipped))
    }

    static func scan(_ number: String, _ status: TrackingStatus, at time: String) throws -> KafkaConsumerMessage {
        let event = TrackingEventEnvelope(
            source: .ingest("tracking/dhl"),
            subject: number,
            time: Timestamp(rfc3339: time)!,
            correlationID: .random(),
            data: TrackingEvent(
                trackingNumber: number,
                carrier: "dhl",
                status: status,
                occurredAt: Timestamp(rfc3339: time)!,
                description: "scan \(status)",
                format: "dhl"
            )
        )
        return AllocationTestSupport.consumed(try EventMessage.make(event, topic: KontorTopics.shipmentTracking))
    }

    static func tracked(_ messages: [KafkaProducerMessage]) throws -> [OrderTracked] {
        try messages.map {
            #expect($0.topic == KontorTopics.orderTracked)
            return try CanonicalJSON.decodeEvent(OrderTracked.self, from: $0.value).data
        }
    }

    @Test("A scan of a known parcel is published for its order; a redelivered scan gives the same event")
    func match() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let handler = TrackingHandler(store: store)
        #expect(try await handler.handle(Self.shipped(task: "T1", parcels: ["P1"], complete: true)).isEmpty)
        let scan = try Self.scan("P1", .inTransit, at: "2025-06-03T10:00:00Z")
        let first = try await handler.handle(scan)
        let again = try await handler.handle(scan)
        let tracked = try Self.tracked(first)
        #expect(tracked.map(\.orderId) == [Self.order])
        #expect(tracked.first?.taskId == "T1")
        #expect(tracked.first?.delivered == false)
        #expect(first.map(\.value) == again.map(\.value))
        #expect(first.first?.key == Array(Self.order.rawValue.utf8))
    }

    @Test("A scan before its shipment is kept and published when the shipment arrives")
    func earlyScan() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let handler = TrackingHandler(store: store)
        #expect(try await handler.handle(Self.scan("P1", .delivered, at: "2025-06-04T10:00:00Z")).isEmpty)
        #expect(try await handler.handle(Self.scan("P1", .inTransit, at: "2025-06-03T10:00:00Z")).isEmpty)
        #expect(try await store.pendingScans(trackingNumber: "P1").count == 2)
        let released = try Self.tracked(
            try await handler.handle(Self.shipped(task: "T1", parcels: ["P1"], complete: true))
        )
        // In the carrier's scan order; the later one delivers the order.
        #expect(released.map(\.tracking.status) == [.inTransit, .delivered])
        #expect(released.map(\.delivered) == [false, true])
        #expect(try await store.pendingScans(trackingNumber: "P1").isEmpty)
        #expect(try await store.parcel(trackingNumber: "P1")?.status == .delivered)
    }

    @Test("An older scan does not move the parcel's status backwards")
    func outOfOrder() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let handler = TrackingHandler(store: store)
        _ = try await handler.handle(Self.shipped(task: "T1", parcels: ["P1"], complete: true))
        _ = try await handler.handle(Self.scan("P1", .outForDelivery, at: "2025-06-04T07:00:00Z"))
        let late = try Self.tracked(try await handler.handle(Self.scan("P1", .inTransit, at: "2025-06-03T10:00:00Z")))
        #expect(late.map(\.tracking.status) == [.inTransit])
        #expect(try await store.parcel(trackingNumber: "P1")?.status == .outForDelivery)
    }

    @Test("Delivered only when every parcel of a completely shipped order is delivered")
    func deliveredWhenAll() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let handler = TrackingHandler(store: store)
        _ = try await handler.handle(Self.shipped(task: "T1", parcels: ["P1", "P2"], complete: false))
        var result = try Self.tracked(try await handler.handle(Self.scan("P1", .delivered, at: "2025-06-04T10:00:00Z")))
        #expect(result.map(\.delivered) == [false])
        result = try Self.tracked(try await handler.handle(Self.scan("P2", .delivered, at: "2025-06-04T11:00:00Z")))
        // Both parcels are delivered, but the order has not shipped completely.
        #expect(result.map(\.delivered) == [false])
        _ = try await handler.handle(Self.shipped(task: "T2", parcels: ["P3"], complete: true))
        result = try Self.tracked(try await handler.handle(Self.scan("P3", .delivered, at: "2025-06-05T09:00:00Z")))
        #expect(result.map(\.delivered) == [true])
        #expect(try await store.unsettledShipments(limit: 10).isEmpty)
    }

    @Test("A pick task registers its shipment for delay detection; shipping keeps its promised date")
    func pickTask() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        let handler = TrackingHandler(store: store)
        let task = PickTaskEvent(
            source: .worker("fulfillment"),
            subject: Self.order.rawValue,
            correlationID: CorrelationID("corr-1"),
            data: PickTask(
                taskId: "T9",
                orderId: Self.order,
                orderNumber: "SO-9",
                channel: SalesChannel("shopify"),
                locationId: "WH1",
                method: "ship",
                lines: [],
                shipTo: Address(country: CountryCode("DE")!),
                promisedDate: KontorDate(rawValue: "2025-06-10"),
                carrier: "dhl",
                createdAt: Timestamp(rfc3339: "2025-06-02T08:00:00Z")!
            )
        )
        _ = try await handler.handle(
            AllocationTestSupport.consumed(try EventMessage.make(task, topic: KontorTopics.pickTask))
        )
        let registered = try #require(try await store.shipment(taskID: "T9"))
        #expect(registered.shippedAt == nil)
        #expect(registered.correlationID == "corr-1")
        _ = try await handler.handle(Self.shipped(task: "T9", parcels: ["P9"], complete: true, promised: nil))
        let shipped = try #require(try await store.shipment(taskID: "T9"))
        #expect(shipped.promisedDate?.rawValue == "2025-06-10")
        #expect(shipped.shippedAt != nil)
        #expect(shipped.correlationID == "corr-1")
    }

    @Test("Not an event: a permanent error")
    func garbage() async throws {
        let handler = TrackingHandler(store: try WorkerTestSupport.temporaryStore())
        let message = KafkaConsumerMessage(
            topic: KontorTopics.shipmentTracking,
            partition: 0,
            offset: 0,
            key: nil,
            value: Array("nope".utf8),
            headers: []
        )
        await #expect(throws: StageError.self) { try await handler.handle(message) }
    }
}
