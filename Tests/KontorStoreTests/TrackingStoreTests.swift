import KontorModel
import KontorStore
import Testing

@Suite("Tracking store, on both backends")
struct TrackingStoreTests {
    static let order = OrderID("ord_track_store")

    @Test("Shipments, parcels with their latest scan, kept scans, delays and flags", arguments: StoreBackend.allCases)
    func roundTrip(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            var shipment = TrackedShipment(
                taskID: "T1",
                orderID: Self.order,
                correlationID: "corr-1",
                carrier: "dhl",
                carrierService: "dhl-paket",
                promisedDate: KontorDate(rawValue: "2025-06-10"),
                createdAt: Timestamp(rfc3339: "2025-06-01T08:00:00Z")!
            )
            try await store.saveShipment(shipment)
            #expect(try await store.shipment(taskID: "T1") == shipment)
            shipment.shippedAt = Timestamp(rfc3339: "2025-06-02T08:00:00Z")
            shipment.completesOrder = true
            try await store.saveShipment(shipment)
            #expect(try await store.shipments(orderID: Self.order) == [shipment])
            #expect(try await store.unsettledShipments(limit: 10) == [shipment])
            shipment.settled = true
            try await store.saveShipment(shipment)
            #expect(try await store.unsettledShipments(limit: 10).isEmpty)

            let scan = TrackingEvent(
                trackingNumber: "P1",
                carrier: "dhl",
                status: .exception,
                occurredAt: Timestamp(rfc3339: "2025-06-03T08:00:00Z")!,
                location: TrackingLocation(city: "Berlin", postalCode: "10115", country: "DE"),
                description: "Recipient not at home",
                estimatedDelivery: KontorDate(rawValue: "2025-06-11"),
                format: "dhl"
            )
            let parcel = TrackedParcel(trackingNumber: "P1", taskID: "T1", orderID: Self.order, carrier: "dhl")
            try await store.saveParcel(parcel)
            #expect(try await store.parcel(trackingNumber: "P1") == parcel)
            var scanned = parcel
            scanned.lastScan = scan
            try await store.saveParcel(scanned)
            #expect(try await store.parcels(orderID: Self.order) == [scanned])
            #expect(try await store.parcel(trackingNumber: "P1")?.status == .exception)
            #expect(try await store.parcel(trackingNumber: "P404") == nil)

            let kept = PendingScan(
                trackingNumber: "P2",
                eventID: "e1",
                value: Array("{}".utf8),
                receivedAt: Timestamp(rfc3339: "2025-06-03T09:00:00Z")!
            )
            try await store.savePendingScan(kept)
            try await store.savePendingScan(kept)
            #expect(try await store.pendingScans(trackingNumber: "P2") == [kept])
            try await store.deletePendingScans(trackingNumber: "P2")
            #expect(try await store.pendingScans(trackingNumber: "P2").isEmpty)

            let now = Timestamp(rfc3339: "2025-06-03T10:00:00Z")!
            #expect(try await store.recordDelay(orderID: Self.order, cause: .noScan, eventID: "d1", at: now))
            #expect(try await !store.recordDelay(orderID: Self.order, cause: .noScan, eventID: "d1", at: now))
            #expect(try await store.delayCauses(orderID: Self.order) == [.noScan])

            try await store.setFlag(OrderFlag(orderID: Self.order, flag: OrderFlag.exception, detail: "a", at: now))
            try await store.setFlag(OrderFlag(orderID: Self.order, flag: OrderFlag.exception, detail: "b", at: now))
            try await store.setFlag(OrderFlag(orderID: Self.order, flag: OrderFlag.delayed, at: now))
            #expect(try await store.flags(orderID: Self.order).map(\.flag) == ["delayed", "exception"])
            #expect(try await store.flags(orderID: Self.order).last?.detail == "b")
        }
    }
}
