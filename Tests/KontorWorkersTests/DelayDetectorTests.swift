import Foundation
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// Delay detection on a real SQLite store with an injected clock: each rule, once per order and cause.
@Suite("Delay detection")
struct DelayDetectorTests {
    static func at(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    static func shipment(
        _ task: String,
        order: String,
        promised: String = "2025-06-10",
        shippedAt: String? = nil
    ) -> TrackedShipment {
        TrackedShipment(
            taskID: task,
            orderID: OrderID(order),
            correlationID: "corr-\(order)",
            carrier: "dhl",
            carrierService: "dhl-paket",
            promisedDate: KontorDate(rawValue: promised),
            createdAt: at("2025-06-01T08:00:00Z"),
            shippedAt: shippedAt.map(at),
            completesOrder: true
        )
    }

    static func scan(_ number: String, _ status: TrackingStatus, _ time: String, estimate: String? = nil)
        -> TrackingEvent
    {
        TrackingEvent(
            trackingNumber: number,
            carrier: "dhl",
            status: status,
            occurredAt: at(time),
            description: "carrier says \(status)",
            estimatedDelivery: estimate.flatMap(KontorDate.init(rawValue:)),
            format: "dhl"
        )
    }

    @Test("Late pick: not shipped by the promised date minus the service's transit days")
    func latePick() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        try await store.saveShipment(Self.shipment("T1", order: "o1", promised: "2025-06-10"))
        let detector = DelayDetector(store: store, rules: DelayRules(transitDays: ["dhl-paket": 3]))
        // The last day to ship is 2025-06-07.
        #expect(try await detector.detect(at: Self.at("2025-06-07T20:00:00Z")).isEmpty)
        let found = try await detector.detect(at: Self.at("2025-06-08T06:00:00Z"))
        #expect(found.map(\.data.cause) == [.latePick])
        #expect(found.first?.data.estimatedDate.rawValue == "2025-06-11")
        #expect(found.first?.data.promisedDate.rawValue == "2025-06-10")
        #expect(found.first?.correlationID == CorrelationID("corr-o1"))
    }

    @Test("No scan: shipped and silent for longer than noScanHours")
    func noScan() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        try await store.saveShipment(Self.shipment("T1", order: "o1", shippedAt: "2025-06-02T08:00:00Z"))
        try await store.saveParcel(
            TrackedParcel(
                trackingNumber: "P1",
                taskID: "T1",
                orderID: OrderID("o1"),
                carrier: "dhl",
                lastScan: Self.scan("P1", .inTransit, "2025-06-03T08:00:00Z")
            )
        )
        let detector = DelayDetector(store: store, rules: DelayRules(noScanHours: 48))
        #expect(try await detector.detect(at: Self.at("2025-06-05T07:00:00Z")).isEmpty)
        let found = try await detector.detect(at: Self.at("2025-06-05T09:00:00Z"))
        #expect(found.map(\.data.cause) == [.noScan])
        #expect(found.first?.data.detail == "no carrier scan for 49 hours")
    }

    @Test("Carrier exception and a carrier estimate after the promised date; announced once, across restarts")
    func exceptionAndEstimate() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        try await store.saveShipment(Self.shipment("T1", order: "o1", shippedAt: "2025-06-02T08:00:00Z"))
        try await store.saveParcel(
            TrackedParcel(
                trackingNumber: "P1",
                taskID: "T1",
                orderID: OrderID("o1"),
                carrier: "dhl",
                lastScan: Self.scan("P1", .exception, "2025-06-03T08:00:00Z", estimate: "2025-06-12")
            )
        )
        let now = Self.at("2025-06-03T09:00:00Z")
        let detector = DelayDetector(store: store)
        let found = try await detector.detect(at: now)
        #expect(found.map(\.data.cause) == [.carrierException, .lateEstimate])
        #expect(found.last?.data.estimatedDate.rawValue == "2025-06-12")
        // Same order and cause: same event id.
        #expect(try await detector.detect(at: now).map(\.id) == found.map(\.id))
        for event in found { try await detector.recordPublished(event) }
        // A new detector over the same store (a restart) announces nothing again.
        #expect(try await DelayDetector(store: store).detect(at: Self.at("2025-06-04T09:00:00Z")).isEmpty)
        #expect(try await store.delayCauses(orderID: OrderID("o1")) == [.carrierException, .lateEstimate])
    }

    @Test("Settled shipments and shipments without a promised date are not looked at")
    func ignored() async throws {
        let store = try WorkerTestSupport.temporaryStore()
        var settled = Self.shipment("T1", order: "o1", promised: "2025-06-02")
        settled.settled = true
        try await store.saveShipment(settled)
        var unpromised = Self.shipment("T2", order: "o2")
        unpromised.promisedDate = nil
        try await store.saveShipment(unpromised)
        #expect(try await DelayDetector(store: store).detect(at: Self.at("2025-07-01T00:00:00Z")).isEmpty)
    }
}
