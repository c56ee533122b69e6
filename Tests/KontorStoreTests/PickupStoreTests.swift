import Foundation
import KontorModel
import KontorStore
import Testing

@Suite("Carrier pickups: claimed once per location, carrier and day, on both backends")
struct PickupStoreTests {
    static let day = KontorDate("2026-11-30")!
    static let at = Timestamp(rfc3339: "2026-11-30T15:00:00Z")!
    static let key = PickupKey(locationID: "WH1", carrier: "dhl", date: day)

    static func seconds(_ seconds: Int64, after time: Timestamp = at) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: time.microsecondsSinceEpoch + seconds * 1_000_000)
    }

    /// A task at `location` with `parcels`, labelled with `carrier` at `bookedAt`, one label per tracking number.
    static func labelledTask(
        _ store: any KontorStoreBackend,
        id: String,
        location: String,
        carrier: String,
        parcels: [Parcel],
        tracking: [String],
        bookedAt: Timestamp
    ) async throws {
        let task = PickTask(
            taskId: id,
            orderId: OrderID("ord_00000000000000000000000000000p01"),
            orderNumber: "1001",
            channel: SalesChannel("web"),
            locationId: location,
            method: "ship",
            lines: [PickTaskLine(lineNumber: "1", sku: "A", quantity: 1)],
            shipTo: Address(city: "Berlin", postalCode: "10115", country: CountryCode("DE")!),
            carrier: carrier,
            createdAt: bookedAt
        )
        try await store.savePickTasks([
            PickTaskRecord(
                task: task,
                sequence: 1,
                causeID: "cause-\(id)",
                lines: [PickTaskRecord.Line(lineNumber: "1", reservationLine: 1, sku: "A", quantity: 1)],
                parcels: parcels,
                updatedAt: bookedAt
            )
        ])
        try await store.saveShipmentLabels(
            ShipmentLabels(
                taskID: id,
                carrier: carrier,
                service: "\(carrier)-service",
                format: "zpl",
                labels: tracking.map { .init(trackingNumber: $0, label: Data("^XA^XZ".utf8)) },
                bookedAt: bookedAt
            )
        )
    }

    @Test(
        "Labelled parcels: the location's labels with the carrier, booked in the window, with their weights",
        arguments: StoreBackend.allCases
    )
    func labelledParcels(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ in
            let packed = [Parcel(weightGrams: 1200), Parcel(weightGrams: 800)]
            try await Self.labelledTask(
                store,
                id: "T1",
                location: "WH1",
                carrier: "dhl",
                parcels: packed,
                tracking: ["JJD1", "JJD2"],
                bookedAt: Self.seconds(-3600)
            )
            try await Self.labelledTask(
                store,
                id: "T2",
                location: "WH1",
                carrier: "dhl",
                parcels: [],
                tracking: ["JJD3"],
                bookedAt: Self.seconds(-60)
            )
            try await Self.labelledTask(
                store,
                id: "T3",
                location: "WH1",
                carrier: "ups",
                parcels: [],
                tracking: ["1Z1"],
                bookedAt: Self.seconds(-60)
            )
            try await Self.labelledTask(
                store,
                id: "T4",
                location: "WH2",
                carrier: "dhl",
                parcels: [],
                tracking: ["JJD4"],
                bookedAt: Self.seconds(-60)
            )
            // At the window's end: the next pickup's.
            try await Self.labelledTask(
                store,
                id: "T5",
                location: "WH1",
                carrier: "dhl",
                parcels: [],
                tracking: ["JJD5"],
                bookedAt: Self.at
            )
            let parcels = try await store.labelledParcels(
                locationID: "WH1",
                carrier: "dhl",
                bookedFrom: Self.seconds(-86_400),
                until: Self.at
            )
            #expect(
                parcels == [
                    LabelledParcel(trackingNumber: "JJD1", weightGrams: 1200),
                    LabelledParcel(trackingNumber: "JJD2", weightGrams: 800),
                    LabelledParcel(trackingNumber: "JJD3"),
                ]
            )
        }
    }

    @Test(
        "Concurrent claims from separate store connections: exactly one wins; none after it is scheduled",
        arguments: StoreBackend.allCases
    )
    func claimOnce(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database in
            let parcels = [LabelledParcel(trackingNumber: "JJD1", weightGrams: 1200)]
            let others = try await withThrowingTaskGroup(of: (any KontorStoreBackend).self) { group in
                for _ in 0..<4 { group.addTask { try await database.open() } }
                return try await group.reduce(into: [any KontorStoreBackend]()) { $0.append($1) }
            }
            let claims = try await withThrowingTaskGroup(of: PickupRecord?.self) { group in
                for (index, claimer) in (others + others).enumerated() {
                    group.addTask {
                        try await claimer.claimPickup(
                            Self.key,
                            parcels: parcels,
                            claimID: "instance-\(index)",
                            at: Self.at,
                            claimedUntil: Self.seconds(600)
                        )
                    }
                }
                return try await group.reduce(into: [PickupRecord]()) { if let claim = $1 { $0.append(claim) } }
            }
            for other in others { await other.close() }
            #expect(claims.count == 1)
            let claim = try #require(claims.first)
            #expect(claim.state == .booking)
            #expect(claim.reference == "WH1-dhl-2026-11-30")
            #expect(claim.attempts == 1)
            #expect(claim.parcels == parcels)

            // Another claim id cannot settle it; the holder can.
            #expect(
                try await store.settlePickup(
                    Self.key,
                    claimID: "someone-else",
                    outcome: .scheduled(carrierPickupID: "X"),
                    at: Self.at
                ) == nil
            )
            let scheduled = try #require(
                try await store.settlePickup(
                    Self.key,
                    claimID: claim.claimID,
                    outcome: .scheduled(carrierPickupID: "PU-1"),
                    at: Self.seconds(5)
                )
            )
            #expect(scheduled.state == .scheduled)
            #expect(scheduled.carrierPickupID == "PU-1")
            #expect(scheduled.updatedAt == Self.seconds(5))
            // Scheduled: never claimed again, not even after the claim's time.
            #expect(
                try await store.claimPickup(
                    Self.key,
                    parcels: parcels,
                    claimID: "late",
                    at: Self.seconds(3600),
                    claimedUntil: Self.seconds(4200)
                ) == nil
            )
            #expect(try await store.pickups(PickupQuery(date: Self.day)) == [scheduled])
        }
    }

    @Test(
        "A retrying pickup is claimed again with a new attempt; a failed one is kept, not claimed",
        arguments: StoreBackend.allCases
    )
    func retryThenFail(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ in
            let first = try #require(
                try await store.claimPickup(
                    Self.key,
                    parcels: [],
                    claimID: "a",
                    at: Self.at,
                    claimedUntil: Self.seconds(600)
                )
            )
            #expect(
                try await store.claimPickup(
                    Self.key,
                    parcels: [],
                    claimID: "b",
                    at: Self.seconds(1),
                    claimedUntil: Self.seconds(601)
                ) == nil
            )
            let retrying = try await store.settlePickup(
                Self.key,
                claimID: first.claimID,
                outcome: .retry(error: "HTTP 503"),
                at: Self.seconds(2)
            )
            #expect(retrying?.state == .retrying)
            #expect(retrying?.error == "HTTP 503")
            let more = [LabelledParcel(trackingNumber: "JJD9")]
            let second = try #require(
                try await store.claimPickup(
                    Self.key,
                    parcels: more,
                    claimID: "b",
                    at: Self.seconds(60),
                    claimedUntil: Self.seconds(660)
                )
            )
            #expect(second.attempts == 2)
            #expect(second.parcels == more)
            #expect(second.state == .booking)
            // The first claim is no longer held.
            #expect(
                try await store.settlePickup(
                    Self.key,
                    claimID: "a",
                    outcome: .failed(error: "late"),
                    at: Self.seconds(61)
                ) == nil
            )
            let failed = try await store.settlePickup(
                Self.key,
                claimID: "b",
                outcome: .failed(error: "HTTP 400: invalid-address"),
                at: Self.seconds(62)
            )
            #expect(failed?.state == .failed)
            #expect(failed?.error == "HTTP 400: invalid-address")
            #expect(
                try await store.claimPickup(
                    Self.key,
                    parcels: more,
                    claimID: "c",
                    at: Self.seconds(120),
                    claimedUntil: Self.seconds(720)
                )
                    == nil
            )
            #expect(try await store.pickups(PickupQuery(carrier: "dhl")).map(\.state) == [.failed])
        }
    }

    @Test(
        "A claim left by a crashed holder is taken over after it expires, not before",
        arguments: StoreBackend.allCases
    )
    func expiredClaim(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ in
            _ = try #require(
                try await store.claimPickup(
                    Self.key,
                    parcels: [],
                    claimID: "crashed",
                    at: Self.at,
                    claimedUntil: Self.seconds(600)
                )
            )
            #expect(
                try await store.claimPickup(
                    Self.key,
                    parcels: [],
                    claimID: "next",
                    at: Self.seconds(599),
                    claimedUntil: Self.seconds(1200)
                )
                    == nil
            )
            let taken = try await store.claimPickup(
                Self.key,
                parcels: [],
                claimID: "next",
                at: Self.seconds(600),
                claimedUntil: Self.seconds(1200)
            )
            #expect(taken?.claimID == "next")
            #expect(taken?.attempts == 2)
        }
    }

    @Test(
        "Queries filter by day, location and carrier; unpublished scheduled pickups until marked",
        arguments: StoreBackend.allCases
    )
    func queries(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ in
            let keys = [
                Self.key,
                PickupKey(locationID: "WH1", carrier: "ups", date: Self.day),
                PickupKey(locationID: "WH2", carrier: "dhl", date: Self.day),
                PickupKey(locationID: "WH1", carrier: "dhl", date: KontorDate("2026-11-27")!),
            ]
            for key in keys {
                let claim = try #require(
                    try await store.claimPickup(
                        key,
                        parcels: [],
                        claimID: "x",
                        at: Self.at,
                        claimedUntil: Self.seconds(600)
                    )
                )
                try await store.settlePickup(
                    key,
                    claimID: claim.claimID,
                    outcome: .scheduled(carrierPickupID: "PU-\(key)"),
                    at: Self.at
                )
            }
            #expect(try await store.pickups(PickupQuery()).map(\.key) == [keys[0], keys[1], keys[2], keys[3]])
            #expect(
                try await store.pickups(PickupQuery(date: Self.day, locationID: "WH1")).map(\.key) == [
                    keys[0], keys[1],
                ]
            )
            #expect(
                try await store.pickups(PickupQuery(locationID: "WH1", carrier: "dhl")).map(\.key) == [
                    keys[0], keys[3],
                ]
            )
            #expect(try await store.pickups(PickupQuery(limit: 1)).count == 1)
            #expect(try await store.pickups(PickupQuery(unpublishedOnly: true)).count == 4)
            try await store.markPickupPublished(keys[1], at: Self.seconds(1))
            let unpublished = try await store.pickups(PickupQuery(unpublishedOnly: true))
            #expect(unpublished.map(\.key) == [keys[0], keys[2], keys[3]])
            #expect(try await store.pickups(PickupQuery(carrier: "ups")).first?.publishedAt == Self.seconds(1))
        }
    }
}
