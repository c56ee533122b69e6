import Foundation
import KontorModel
import KontorStore
import Testing

@Suite("Order progress, on both backends")
struct OrderProgressStoreTests {
    static let received = "kontor.order.received.v1"
    static let validated = "kontor.order.validated.v1"
    static let rejected = "kontor.order.rejected.v1"

    /// An event of `order` as an edge (step 0) or a stage records it; the value names the event, so a test can tell
    /// which one the store kept.
    static func event(
        _ order: String,
        _ eventID: String,
        correlation: String,
        step: Int,
        topic: String,
        at microseconds: Int64 = 1_000_000
    ) -> ProgressEvent {
        ProgressEvent(
            orderID: OrderID(order),
            eventID: eventID,
            correlationID: correlation,
            step: step,
            stage: step == 0 ? "ingest-http" : "validation",
            topic: topic,
            key: Array(order.utf8),
            value: Array("{\"id\":\"\(eventID)\"}".utf8),
            headers: [ProgressEvent.Header(key: "kontor-event-id", value: Array(eventID.utf8))],
            updatedAt: Timestamp(microsecondsSinceEpoch: microseconds)
        )
    }

    @Test(
        "An event comes back byte for byte: key, value, headers (binary and without value), in order",
        arguments: StoreBackend.allCases
    )
    func roundTrip(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            let binary: [UInt8] = [0x00, 0xFF, 0x7B, 0x22, 0x0A, 0xC3, 0x28]
            let event = ProgressEvent(
                orderID: OrderID("ord_1"),
                eventID: "evt-1",
                correlationID: "evt-1",
                step: 0,
                stage: "ingest-http",
                topic: Self.received,
                key: Array("ord_1".utf8),
                value: binary + Array("{\"order\":\"Köln\"}".utf8),
                headers: [
                    ProgressEvent.Header(key: "kontor-event-id", value: Array("evt-1".utf8)),
                    ProgressEvent.Header(key: "x-binary", value: binary),
                    ProgressEvent.Header(key: "x-flag", value: nil),
                    ProgressEvent.Header(key: "x-binary", value: []),
                ],
                updatedAt: Timestamp(microsecondsSinceEpoch: 1_764_331_200_123_456)
            )
            var keyless = Self.event("ord_2", "evt-2", correlation: "evt-2", step: 0, topic: Self.received)
            keyless.key = nil
            keyless.value = []
            keyless.headers = []
            try await store.recordProgress([event, keyless])

            let reopened = try await database.open()
            #expect(try await reopened.progress(orderID: OrderID("ord_1")) == event)
            #expect(try await reopened.progress(orderID: OrderID("ord_2")) == keyless)
            #expect(try await reopened.progress(orderID: OrderID("ord_3")) == nil)
            await reopened.close()
        }
    }

    @Test(
        "Only a later step replaces a submission's event; submissions of one order are kept apart",
        arguments: StoreBackend.allCases
    )
    func latestWins(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let order = OrderID("ord_a")
            let receivedA = Self.event("ord_a", "A", correlation: "A", step: 0, topic: Self.received, at: 1_000)
            let validatedA = Self.event("ord_a", "A-v", correlation: "A", step: 1, topic: Self.validated, at: 2_000)
            try await store.recordProgress([receivedA])
            #expect(try await store.progress(orderID: order) == receivedA)

            // The stage's output is later than the received event.
            try await store.recordProgress([validatedA])
            #expect(try await store.progress(orderID: order) == validatedA)

            // An edge that records after the stage already did (the race between acknowledgement and recording),
            // or an exact redelivery of the received event, leaves the output in place.
            try await store.recordProgress([receivedA])
            #expect(try await store.progress(orderID: order) == validatedA)

            // A changed order (another event, another correlation) is a submission of its own.
            let receivedB = Self.event("ord_a", "B", correlation: "B", step: 0, topic: Self.received, at: 3_000)
            try await store.recordProgress([receivedB])
            #expect(try await store.progress(orderID: order) == receivedB)

            // A stage that handles the older submission late does not hide the newer one, which is still unfinished.
            let receivedC = Self.event("ord_a", "C", correlation: "C", step: 0, topic: Self.received, at: 4_000)
            try await store.recordProgress([receivedC])
            try await store.recordProgress([
                Self.event("ord_a", "B-v", correlation: "B", step: 1, topic: Self.validated, at: 5_000)
            ])
            #expect(try await store.unfinishedProgress(topics: [Self.received]) == [receivedC])

            // A late write of the same step of the same submission does not replace either.
            var otherSameStep = receivedC
            otherSameStep.value = Array("changed".utf8)
            otherSameStep.updatedAt = Timestamp(microsecondsSinceEpoch: 6_000)
            try await store.recordProgress([otherSameStep])
            #expect(try await store.unfinishedProgress(topics: [Self.received]) == [receivedC])
        }
    }

    @Test(
        "Unfinished orders are those whose latest event is on a consumed topic, oldest first",
        arguments: StoreBackend.allCases
    )
    func unfinished(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.recordProgress([
                Self.event("ord_3", "3", correlation: "3", step: 0, topic: Self.received, at: 3_000),
                Self.event("ord_1", "1", correlation: "1", step: 0, topic: Self.received, at: 1_000),
                Self.event("ord_2", "2", correlation: "2", step: 0, topic: Self.received, at: 2_000),
                Self.event("ord_4", "4", correlation: "4", step: 0, topic: Self.received, at: 500),
            ])
            try await store.recordProgress([
                Self.event("ord_2", "2-v", correlation: "2", step: 1, topic: Self.validated, at: 4_000),
                Self.event("ord_4", "4-r", correlation: "4", step: 1, topic: Self.rejected, at: 5_000),
            ])
            let unfinished = try await store.unfinishedProgress(topics: [Self.received])
            #expect(unfinished.map(\.orderID.rawValue) == ["ord_1", "ord_3"])
            // With a later stage consuming validated orders, those are unfinished too.
            let withNextStage = try await store.unfinishedProgress(topics: [Self.received, Self.validated])
            #expect(withNextStage.map(\.orderID.rawValue) == ["ord_1", "ord_3", "ord_2"])
            #expect(try await store.unfinishedProgress(topics: []).isEmpty)
        }
    }

    @Test(
        "Pending events are those a consuming stage has not processed, side consumers included",
        arguments: StoreBackend.allCases
    )
    func pending(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.recordProgress([
                Self.event("ord_1", "1", correlation: "1", step: 0, topic: Self.received, at: 1_000),
                Self.event("ord_2", "2", correlation: "2", step: 0, topic: Self.received, at: 2_000),
                Self.event("ord_3", "3", correlation: "3", step: 0, topic: Self.received, at: 3_000),
            ])
            // ord_2 was validated and its output projected; ord_3 was rejected but not projected yet.
            try await store.record(
                processed: ["validation": ["2", "3"]],
                progress: [
                    Self.event("ord_2", "2-v", correlation: "2", step: 1, topic: Self.validated, at: 4_000),
                    Self.event("ord_3", "3-r", correlation: "3", step: 1, topic: Self.rejected, at: 5_000),
                ]
            )
            try await store.record(stage: "projection", eventIDs: ["1", "2", "3", "2-v"])
            let consumers: [String: Set<String>] = [
                Self.received: ["validation", "projection"],
                Self.validated: ["projection"],
                Self.rejected: ["projection"],
            ]
            #expect(try await store.pendingProgress(consumers: consumers).map(\.eventID) == ["1", "3-r"])
            try await store.record(stage: "projection", eventIDs: ["3-r"])
            try await store.record(stage: "validation", eventIDs: ["1"])
            #expect(try await store.pendingProgress(consumers: consumers).isEmpty)
            // Without the projection, a rejected order is finished and a validated one waits for nobody.
            #expect(try await store.pendingProgress(consumers: [:]).isEmpty)
        }
    }

    @Test(
        "A stage acting on a submission again replaces its own earlier event with the newer one",
        arguments: StoreBackend.allCases
    )
    func sameStepNewerEvent(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let backordered = Self.event("ord_b", "B-a1", correlation: "B", step: 2, topic: Self.validated, at: 1_000)
            try await store.recordProgress([backordered])
            var allocated = Self.event("ord_b", "B-a2", correlation: "B", step: 2, topic: Self.rejected, at: 2_000)
            try await store.recordProgress([allocated])
            #expect(try await store.progress(orderID: OrderID("ord_b")) == allocated)
            // An older event of the same step arriving late changes nothing.
            try await store.recordProgress([backordered])
            #expect(try await store.progress(orderID: OrderID("ord_b")) == allocated)
            allocated.step = 1
            allocated.eventID = "B-old"
            allocated.updatedAt = Timestamp(microsecondsSinceEpoch: 9_000)
            try await store.recordProgress([allocated])
            #expect(try await store.progress(orderID: OrderID("ord_b"))?.eventID == "B-a2")
        }
    }

    @Test(
        "Processed ids and progress are recorded together; old single-stage recording still works",
        arguments: StoreBackend.allCases
    )
    func combinedRecord(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            try await store.recordProgress([Self.event("ord_c", "C", correlation: "C", step: 0, topic: Self.received)])
            let output = Self.event("ord_c", "C-v", correlation: "C", step: 1, topic: Self.validated)
            try await store.record(
                processed: ["validation": ["C"], "validation#dead-letter": [], "other": ["x", "y"]],
                progress: [output]
            )
            #expect(try await store.processed(stage: "validation", among: ["C", "D"]) == ["C"])
            #expect(try await store.processed(stage: "other", among: ["x", "y"]) == ["x", "y"])
            #expect(try await store.progress(orderID: OrderID("ord_c")) == output)
            #expect(try await store.unfinishedProgress(topics: [Self.received]).isEmpty)

            // Recording the same again is harmless.
            try await store.record(processed: ["validation": ["C"]], progress: [output])
            try await store.record(stage: "validation", eventIDs: ["D"])
            #expect(try await store.processed(stage: "validation", among: ["C", "D"]) == ["C", "D"])
        }
    }

    /// PostgreSQL refuses a NUL character in text, which lets the test fail the transaction after the processed ids
    /// were inserted. (SQLite accepts any text, and its schema has no constraint these writes could break.)
    @Test("A failing progress write also undoes the processed ids of the same transaction (PostgreSQL)")
    func combinedRecordIsAtomic() async throws {
        try await withTestStore(.postgres) { store, _ async throws in
            let good = Self.event("ord_g", "G-v", correlation: "G", step: 1, topic: Self.validated)
            var bad = Self.event("ord_h", "H-v", correlation: "H", step: 1, topic: Self.validated)
            bad.stage = "valid\u{0}ation"
            await #expect(throws: (any Error).self) {
                try await store.record(processed: ["validation": ["G", "H"]], progress: [good, bad])
            }
            #expect(try await store.processed(stage: "validation", among: ["G", "H"]).isEmpty)
            #expect(try await store.progress(orderID: OrderID("ord_g")) == nil)
        }
    }

    @Test(
        "Concurrent writers through separate stores keep the latest step of a submission",
        arguments: StoreBackend.allCases
    )
    func concurrentWriters(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, database async throws in
            let other = try await database.open()
            // Per order, an edge and a stage race: whichever commits last, the stage's output must remain.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    let order = "ord_\(index)"
                    let received = Self.event(order, "\(index)", correlation: "\(index)", step: 0, topic: Self.received)
                    let output = Self.event(
                        order,
                        "\(index)-v",
                        correlation: "\(index)",
                        step: 1,
                        topic: Self.validated
                    )
                    let (first, second) = index.isMultiple(of: 2) ? (store, other) : (other, store)
                    group.addTask { try await first.recordProgress([received]) }
                    group.addTask {
                        try await second.record(processed: ["validation": ["\(index)"]], progress: [output])
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.unfinishedProgress(topics: [Self.received]).isEmpty)
            await other.close()
        }
    }
}
