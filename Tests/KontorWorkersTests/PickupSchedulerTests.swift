import Foundation
import HTTPTypes
import Hummingbird
import KontorApp
import KontorKafka
import KontorModel
import KontorShipping
import KontorStore
import KontorTestSupport
import NIOCore
import ServiceLifecycle
import Testing

/// The pickup scheduler with an SQLite store, the repository's rate table, the embedded Kafka cluster and a real
/// local HTTP server (Hummingbird on loopback) standing in for the carrier's pickup API: no carrier sandbox can run
/// in the tests. The clock is the `at` each tick is given.
///
/// Monday 2026-11-30, Europe/Berlin (UTC+1): DHL's cut-off from Germany is 17:00 (16:00Z); with 60 minutes' lead
/// the pickup is booked from 15:00Z; it takes the parcels labelled since Friday 15:00Z.
@Suite("Carrier pickups booked by the scheduler", .serialized)
struct PickupSchedulerTests {
    typealias Support = AllocationTestSupport

    static func at(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    /// Answers pickup requests with the scripted statuses in turn (then 201 with a pickup id) and records them.
    actor StandInCarrier {
        struct Recorded: Sendable {
            var headers: [String: String]
            var body: [UInt8]
            var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        }

        var script: [HTTPResponse.Status]
        var requests: [Recorded] = []

        init(_ script: [HTTPResponse.Status] = []) { self.script = script }

        func answer(_ recorded: Recorded) -> Response {
            requests.append(recorded)
            let status = script.isEmpty ? .created : script.removeFirst()
            let body =
                switch status.code {
                case 200..<300: #"{"pickupId": "PU-\#(requests.count)", "date": "2026-11-30"}"#
                case 400..<500: #"{"error": {"code": "invalid-address", "message": "no pickups at this address"}}"#
                default: #"{"message": "maintenance"}"#
                }
            return Response(
                status: status,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body))
            )
        }

        var count: Int { requests.count }
    }

    /// A scheduler, a store file and a Kafka cluster against a running stand-in carrier.
    struct Setup: Sendable {
        let storePath: String
        let store: SQLiteStore
        let cluster: EmbeddedKafkaCluster
        let producer: KafkaProducer
        let table: CarrierRateTable

        func scheduler(store: (any PickupScheduler.Store)? = nil) -> PickupScheduler {
            var settings = PickupSettings()
            settings.enabled = true
            settings.leadMinutes = 60
            settings.readyFrom = "13:00"
            return PickupScheduler(
                table: table,
                store: store ?? self.store,
                settings: settings,
                producer: producer,
                environment: ["KONTOR_CARRIER_DHL_TOKEN": "dhl-secret"],
                logger: WorkerTestSupport.logger,
                maxAttempts: 1,
                backoff: .milliseconds(1)
            )
        }
    }

    static func withSetup(_ carrier: StandInCarrier, _ body: @Sendable (Setup) async throws -> Void) async throws {
        let router = Router()
        router.post("/dhl/v1/pickups") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1_000_000)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            return await carrier.answer(.init(headers: headers, body: Array(buffer: bytes)))
        }
        let storePath = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-pickups-\(UUID().uuidString)/kontor.sqlite").path
        let store = try SQLiteStore(path: storePath)
        try await store.upsertLocations(Support.locations)
        let cluster = try WorkerTestSupport.cluster()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: WorkerTestSupport.logger
        )
        do {
            try await withLocalServer(router) { base in
                let setup = Setup(
                    storePath: storePath,
                    store: store,
                    cluster: cluster,
                    producer: producer,
                    table: try CarrierWiringTests.rateTable(apiBase: base)
                )
                try await body(setup)
            }
        } catch {
            await producer.shutdown()
            cluster.shutdown()
            throw error
        }
        await producer.shutdown()
        cluster.shutdown()
    }

    /// A task at `location` labelled with `carrier` at `bookedAt`: one parcel per tracking number, 1500 g each.
    static func label(
        _ store: SQLiteStore,
        task id: String,
        at location: String = "WH-DE-LEJ",
        carrier: String = "dhl",
        tracking: [String],
        bookedAt: Timestamp
    ) async throws {
        let task = PickTask(
            taskId: id,
            orderId: OrderID("ord_00000000000000000000000000000a\(id.suffix(2))"),
            orderNumber: id,
            channel: SalesChannel("web"),
            locationId: location,
            method: "ship",
            lines: [PickTaskLine(lineNumber: "1", sku: "DRILL-18V", quantity: 1)],
            shipTo: Address(city: "München", postalCode: "80331", country: CountryCode("DE")!),
            carrier: carrier,
            carrierService: "\(carrier)-paket",
            createdAt: bookedAt
        )
        try await store.savePickTasks([
            PickTaskRecord(
                task: task,
                sequence: 1,
                causeID: "alloc-\(id)",
                lines: [PickTaskRecord.Line(lineNumber: "1", reservationLine: 1, sku: "DRILL-18V", quantity: 1)],
                parcels: tracking.map { _ in Parcel(weightGrams: 1500) },
                updatedAt: bookedAt
            )
        ])
        try await store.saveShipmentLabels(
            ShipmentLabels(
                taskID: id,
                carrier: carrier,
                service: "\(carrier)-paket",
                format: "zpl",
                labels: tracking.map { .init(trackingNumber: $0, label: Data("^XA^XZ".utf8)) },
                bookedAt: bookedAt
            )
        )
    }

    @Test(
        "Booked once at cut-off minus lead with the parcels since the last pickup; not before, not twice, not after a restart"
    )
    func booksOnce() async throws {
        let carrier = StandInCarrier()
        try await Self.withSetup(carrier) { setup in
            let store = setup.store
            // Friday before the last pickup: not in Monday's. Friday after it, the weekend and Monday: in it.
            try await Self.label(
                store,
                task: "T-01",
                tracking: ["JJD-FRI-EARLY"],
                bookedAt: Self.at("2026-11-27T14:00:00Z")
            )
            try await Self.label(
                store,
                task: "T-02",
                tracking: ["JJD-FRI-LATE"],
                bookedAt: Self.at("2026-11-27T15:30:00Z")
            )
            try await Self.label(
                store,
                task: "T-03",
                tracking: ["JJD-MON-1", "JJD-MON-2"],
                bookedAt: Self.at("2026-11-30T09:00:00Z")
            )
            // Another location, and UPS (no token configured): not in it.
            try await Self.label(
                store,
                task: "T-04",
                at: "WH-NL-VEN",
                tracking: ["JJD-VENLO"],
                bookedAt: Self.at("2026-11-30T09:00:00Z")
            )
            try await Self.label(
                store,
                task: "T-05",
                carrier: "ups",
                tracking: ["1Z-MON"],
                bookedAt: Self.at("2026-11-30T09:00:00Z")
            )

            let scheduler = setup.scheduler()
            // Sunday and Monday before 15:00Z: nothing.
            #expect(try await scheduler.tick(at: Self.at("2026-11-29T15:30:00Z")).isEmpty)
            #expect(try await scheduler.tick(at: Self.at("2026-11-30T14:59:59Z")).isEmpty)
            #expect(await carrier.count == 0)

            let booked = try await scheduler.tick(at: Self.at("2026-11-30T15:00:00Z"))
            #expect(
                booked.map(\.key) == [
                    PickupKey(locationID: "WH-DE-LEJ", carrier: "dhl", date: KontorDate("2026-11-30")!)
                ]
            )
            #expect(booked.first?.state == .scheduled)
            #expect(booked.first?.carrierPickupID == "PU-1")
            // Labelled after the booking: the next pickup's.
            try await Self.label(
                store,
                task: "T-06",
                tracking: ["JJD-MON-LATE"],
                bookedAt: Self.at("2026-11-30T15:10:00Z")
            )
            #expect(try await scheduler.tick(at: Self.at("2026-11-30T15:20:00Z")).isEmpty)
            // A restarted instance on the same store file books nothing either.
            let reopened = try SQLiteStore(path: setup.storePath)
            #expect(try await setup.scheduler(store: reopened).tick(at: Self.at("2026-11-30T15:30:00Z")).isEmpty)

            let requests = await carrier.requests
            #expect(requests.count == 1)
            let request = try #require(requests.first)
            #expect(request.headers["authorization"] == "Bearer dhl-secret")
            #expect(request.headers["idempotency-key"] == "WH-DE-LEJ-dhl-2026-11-30")
            #expect(request.json["reference"] as? String == "WH-DE-LEJ-dhl-2026-11-30")
            #expect(request.json["date"] as? String == "2026-11-30")
            #expect(request.json["trackingNumbers"] as? [String] == ["JJD-FRI-LATE", "JJD-MON-1", "JJD-MON-2"])
            #expect(request.json["totalWeightGrams"] as? Int == 4500)
            #expect(request.json["readyFrom"] as? String == "13:00")
            #expect(request.json["readyUntil"] as? String == "17:00")
            let address = try #require(request.json["address"] as? [String: Any])
            #expect(address["postalCode"] as? String == "04158")
            #expect(address["company"] as? String == "Leipzig distribution centre")

            // One event, published once.
            let messages = try await WorkerTestSupport.readAll(
                setup.cluster,
                topics: [KontorTopics.pickupScheduled],
                count: 1
            )
            #expect(messages.count == 1)
            let event = try CanonicalJSON.decodeEvent(PickupScheduled.self, from: try #require(messages.first).value)
            #expect(event.type == ShipmentEventType.pickupScheduled)
            #expect(event.subject == "WH-DE-LEJ")
            #expect(event.data.pickupId == "PU-1")
            #expect(event.data.trackingNumbers == ["JJD-FRI-LATE", "JJD-MON-1", "JJD-MON-2"])
            #expect(event.data.readyUntil == "17:00")
            #expect(try await store.pickups(PickupQuery()).map(\.publishedAt) == [Self.at("2026-11-30T15:00:00Z")])
        }
    }

    @Test("No parcels: no call and nothing recorded; after the cut-off: no call")
    func nothingToBook() async throws {
        let carrier = StandInCarrier()
        try await Self.withSetup(carrier) { setup in
            let scheduler = setup.scheduler()
            #expect(try await scheduler.tick(at: Self.at("2026-11-30T15:00:00Z")).isEmpty)
            try await Self.label(
                setup.store,
                task: "T-11",
                tracking: ["JJD-1"],
                bookedAt: Self.at("2026-11-30T09:00:00Z")
            )
            // 16:00Z is 17:00 in Berlin: the cut-off passed.
            #expect(try await scheduler.tick(at: Self.at("2026-11-30T16:00:00Z")).isEmpty)
            #expect(await carrier.count == 0)
            #expect(try await setup.store.pickups(PickupQuery()).isEmpty)
        }
    }

    @Test("A refusal (4xx) is recorded as failed with the carrier's answer and not tried again")
    func refused() async throws {
        let carrier = StandInCarrier([.badRequest])
        try await Self.withSetup(carrier) { setup in
            try await Self.label(
                setup.store,
                task: "T-21",
                tracking: ["JJD-1"],
                bookedAt: Self.at("2026-11-30T09:00:00Z")
            )
            let scheduler = setup.scheduler()
            let settled = try await scheduler.tick(at: Self.at("2026-11-30T15:05:00Z"))
            #expect(settled.map(\.state) == [.failed])
            #expect(
                settled.first?.error
                    == "dhl pickup for WH-DE-LEJ-dhl-2026-11-30 refused (HTTP 400): invalid-address: no pickups at this address"
            )
            #expect(try await scheduler.tick(at: Self.at("2026-11-30T15:06:00Z")).isEmpty)
            #expect(await carrier.count == 1)
            #expect(try await setup.store.pickups(PickupQuery()).map(\.state) == [.failed])
        }
    }

    @Test("An unavailable carrier (5xx) is asked again on the next tick, with the same reference")
    func retriedNextTick() async throws {
        let carrier = StandInCarrier([.serviceUnavailable])
        try await Self.withSetup(carrier) { setup in
            try await Self.label(
                setup.store,
                task: "T-31",
                tracking: ["JJD-1"],
                bookedAt: Self.at("2026-11-30T09:00:00Z")
            )
            let scheduler = setup.scheduler()
            let first = try await scheduler.tick(at: Self.at("2026-11-30T15:00:00Z"))
            #expect(first.map(\.state) == [.retrying])
            #expect(first.first?.error?.contains("HTTP 503: maintenance") == true)
            let second = try await scheduler.tick(at: Self.at("2026-11-30T15:01:00Z"))
            #expect(second.map(\.state) == [.scheduled])
            #expect(second.first?.attempts == 2)
            #expect(second.first?.carrierPickupID == "PU-2")
            let keys = await carrier.requests.map { $0.headers["idempotency-key"] }
            #expect(keys == ["WH-DE-LEJ-dhl-2026-11-30", "WH-DE-LEJ-dhl-2026-11-30"])
            #expect(try await scheduler.tick(at: Self.at("2026-11-30T15:02:00Z")).isEmpty)
            #expect(await carrier.count == 2)
        }
    }

    @Test("The service ticks on its injected clock, books once however often it ticks, and stops on shutdown")
    func service() async throws {
        let carrier = StandInCarrier()
        try await Self.withSetup(carrier) { setup in
            try await Self.label(
                setup.store,
                task: "T-41",
                tracking: ["JJD-1"],
                bookedAt: Self.at("2026-11-30T09:00:00Z")
            )
            let service = PickupService(
                scheduler: setup.scheduler(),
                interval: .milliseconds(10),
                logger: WorkerTestSupport.logger,
                now: { Self.at("2026-11-30T15:00:00Z") }
            )
            let group = ServiceGroup(services: [service], logger: WorkerTestSupport.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Until the pickup is published (bounded by rounds, not by time), then a few more ticks.
                var rounds = 0
                while try await setup.store.pickups(PickupQuery()).first?.publishedAt == nil, rounds < 2000 {
                    rounds += 1
                    try await Task.sleep(for: .milliseconds(10))
                }
                for _ in 0..<5 { try await Task.sleep(for: .milliseconds(10)) }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(await carrier.count == 1)
            #expect(try await setup.store.pickups(PickupQuery()).map(\.state) == [.scheduled])
        }
    }
}
