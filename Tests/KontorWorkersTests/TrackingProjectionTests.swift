import Foundation
import KontorAllocation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// Shipments, carrier scans and delays in the read model (real SQLite store): statuses, timeline and flags.
@Suite("Read-model projection of shipments, scans and delays")
struct TrackingProjectionTests {
    typealias Script = ProjectionHandlerTests.Script

    static func shipped(_ script: Script, complete: Bool, at second: Int64) throws -> KafkaConsumerMessage {
        try script.message(
            OrderShipped(
                orderId: script.orderID,
                taskId: "\(script.orderID.rawValue)-WH-1-\(complete ? 2 : 1)",
                locationId: "WH-1",
                carrier: "dhl",
                parcels: [Parcel(trackingNumber: complete ? "P2" : "P1")],
                lines: [],
                shippedAt: script.time(second),
                complete: complete
            ),
            at: second,
            source: .worker("fulfillment")
        )
    }

    static func tracked(
        _ script: Script,
        _ status: TrackingStatus,
        delivered: Bool = false,
        at second: Int64
    ) throws -> KafkaConsumerMessage {
        let scan = TrackingEvent(
            trackingNumber: "P2",
            carrier: "dhl",
            status: status,
            occurredAt: script.time(second),
            location: TrackingLocation(city: "Berlin", country: "DE"),
            description: "Recipient not at home",
            format: "dhl"
        )
        return try script.message(
            OrderTracked(orderId: script.orderID, taskId: "T", tracking: scan, delivered: delivered),
            at: second,
            source: TrackingHandler.source
        )
    }

    @Test("Partially shipped, shipped, an exception flag, in transit on the timeline only, then delivered")
    func lifecycle() async throws {
        let (handler, store, script) = try ProjectionHandlerTests.setup()
        try await ProjectionHandlerTests.project(
            handler,
            [
                try script.received(at: 0), try script.validated(at: 1), try script.allocated(.allocated, at: 2),
                try Self.shipped(script, complete: false, at: 3),
            ]
        )
        #expect(try await store.order(id: script.orderID)?.status == "partially-shipped")
        try await ProjectionHandlerTests.project(handler, [try Self.shipped(script, complete: true, at: 4)])
        #expect(try await store.order(id: script.orderID)?.status == "shipped")
        try await ProjectionHandlerTests.project(handler, [try Self.tracked(script, .exception, at: 5)])
        #expect(try await store.order(id: script.orderID)?.status == "shipped")
        let flags = try await store.flags(orderID: script.orderID)
        #expect(flags.map(\.flag) == ["exception"])
        #expect(flags.first?.detail == "Recipient not at home (Berlin, DE), tracking P2 (dhl)")
        #expect(
            try await store.searchOrders(OrderQuery(flag: "exception")).records.map(\.orderID) == [script.orderID]
        )
        try await ProjectionHandlerTests.project(
            handler,
            [try Self.tracked(script, .delivered, delivered: true, at: 6)]
        )
        #expect(try await store.order(id: script.orderID)?.status == "delivered")
        let timeline = try await store.timeline(orderID: script.orderID)
        #expect(
            timeline.map(\.eventType).suffix(4) == ["order.shipped", "order.shipped", "order.tracked", "order.tracked"]
        )
        #expect(timeline.last?.reasonsJSON?.contains("\"delivered\"") == true)
        #expect(timeline[timeline.count - 4].reasonsJSON?.contains("\"trackingNumbers\":[\"P1\"]") == true)
    }

    @Test("A delay flags the order with its new estimate; the status stays; returned to sender → returned")
    func delayAndReturn() async throws {
        let (handler, store, script) = try ProjectionHandlerTests.setup()
        let delay = OrderDelayed(
            orderId: script.orderID,
            cause: .lateEstimate,
            promisedDate: KontorDate(rawValue: "2026-12-01")!,
            estimatedDate: KontorDate(rawValue: "2026-12-03")!,
            detail: "the carrier estimates 2026-12-03",
            detectedAt: script.time(5)
        )
        try await ProjectionHandlerTests.project(
            handler,
            [
                try script.received(at: 0), try script.validated(at: 1), try script.allocated(.allocated, at: 2),
                try Self.shipped(script, complete: true, at: 3),
                try script.message(delay, at: 5, source: .worker("delay-detection")),
            ]
        )
        #expect(try await store.order(id: script.orderID)?.status == "shipped")
        #expect(try await store.flags(orderID: script.orderID).first?.detail?.contains("2026-12-03") == true)
        #expect(try await store.searchOrders(OrderQuery(flag: "delayed")).records.count == 1)
        try await ProjectionHandlerTests.project(handler, [try Self.tracked(script, .returnedToSender, at: 6)])
        #expect(try await store.order(id: script.orderID)?.status == "returned")
    }
}
