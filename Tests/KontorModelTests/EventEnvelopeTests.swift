import Foundation
import Testing

@testable import KontorModel

@Suite struct EventEnvelopeTests {
    static let time = Timestamp(rfc3339: "2025-03-01T09:15:31.250000Z")!

    func receivedEvent() -> OrderReceivedEvent {
        let order = SampleOrders.minimal.assigningID()
        return OrderReceivedEvent(
            id: EventID("3f1c2b9e-0000-4000-8000-000000000001"),
            source: .ingestHTTP,
            subject: order.id?.rawValue,
            time: Self.time,
            correlationID: CorrelationID("req-8d2f"),
            data: OrderReceived(order: order)
        )
    }

    @Test func roundTrip() throws {
        let event = receivedEvent()
        let data = try CanonicalJSON.encodeEvent(event)
        #expect(try CanonicalJSON.decodeEvent(OrderReceived.self, from: data) == event)
        #expect(try CanonicalJSON.decodeEvent(OrderReceived.self, from: Array(data)) == event)
    }

    @Test func attributeNamesAndValues() throws {
        let data = try CanonicalJSON.encodeEvent(receivedEvent())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "correlationid",
                    "schemaversion", "data",
                ]
        )
        #expect(object["specversion"] as? String == "1.0")
        #expect(object["source"] as? String == "/kontor/ingest/http")
        #expect(object["type"] as? String == "com.kontor.order.received.v1")
        #expect(object["time"] as? String == "2025-03-01T09:15:31.250000Z")
        #expect(object["datacontenttype"] as? String == "application/json")
        #expect(object["schemaversion"] as? String == "1.0")
        #expect(object["subject"] as? String == SampleOrders.minimal.derivedID.rawValue)
        #expect(String(decoding: data, as: UTF8.self).contains(#""source":"/kontor/ingest/http""#))
    }

    @Test func decodesHandWrittenFixture() throws {
        let event = try CanonicalJSON.decodeEvent(OrderReceived.self, from: Fixtures.data("event-order-received"))
        #expect(event.type == OrderEventType.received)
        #expect(event.id.rawValue == "3f1c2b9e-0000-4000-8000-000000000001")
        #expect(event.time == Self.time)
        #expect(event.causationID == nil)
        #expect(event.data.order.id == OrderID.derived(channel: .shopify, orderNumber: "1001"))
        #expect(event.subject == event.data.order.id?.rawValue)
    }

    @Test func headerSkipsThePayload() throws {
        let data = try JSONEdit.edit(Fixtures.data("event-order-received")) { $0["data"] = 42 }
        let header = try CanonicalJSON.decodeEventHeader(from: data)
        #expect(header.id.rawValue == "3f1c2b9e-0000-4000-8000-000000000001")
        #expect(header.type == OrderEventType.received)
        #expect(header.correlationID.rawValue == "req-8d2f")
        #expect(throws: OrderDecodingError.self) { try CanonicalJSON.decodeEvent(OrderReceived.self, from: data) }
        #expect(
            receivedEvent().header
                == (try CanonicalJSON.decodeEventHeader(from: CanonicalJSON.encodeEvent(receivedEvent())))
        )
    }

    @Test func followUpIsDeterministic() throws {
        let received = receivedEvent()
        let validated = received.followUp(
            stage: "validation",
            source: .validationWorker,
            data: OrderValidated(order: received.data.order)
        )
        let again = received.followUp(
            stage: "validation",
            source: .validationWorker,
            data: OrderValidated(order: received.data.order)
        )
        #expect(validated.id == again.id)
        #expect(validated.id == EventID.derived(from: received.id, stage: "validation"))
        #expect(validated.type == OrderEventType.validated)
        #expect(validated.causationID == received.id)
        #expect(validated.correlationID == received.correlationID)
        #expect(validated.subject == received.subject)
        #expect(validated.source.rawValue == "/kontor/workers/validation")
    }

    @Test func rejectedEventRoundTripsWithReasons() throws {
        let received = receivedEvent()
        var order = received.data.order
        order.lines[0].quantity = 0
        let reasons = BasicOrderValidator().validate(order)
        let rejected = received.followUp(
            stage: "validation",
            source: .validationWorker,
            data: OrderRejected(order: order, reasons: reasons)
        )
        let data = try CanonicalJSON.encodeEvent(rejected)
        let decoded = try CanonicalJSON.decodeEvent(OrderRejected.self, from: data)
        #expect(decoded == rejected)
        #expect(decoded.data.reasons.first?.code == .nonPositiveQuantity)
        #expect(
            String(decoding: data, as: UTF8.self).contains(#""causationid":"3f1c2b9e-0000-4000-8000-000000000001""#)
        )
    }

    @Test func validatedWarningsAreOmittedWhenNil() throws {
        let event = receivedEvent().followUp(
            stage: "validation",
            source: .validationWorker,
            data: OrderValidated(order: SampleOrders.minimal)
        )
        let text = String(decoding: try CanonicalJSON.encodeEvent(event), as: UTF8.self)
        #expect(!text.contains("warnings"))
    }

    @Test func unsupportedSpecVersion() throws {
        let data = try JSONEdit.edit(Fixtures.data("event-order-received")) { $0["specversion"] = "0.3" }
        let error = try #require(throws: OrderDecodingError.self) { try CanonicalJSON.decodeEventHeader(from: data) }
        #expect(error.field == "specversion")
    }

    @Test func payloadErrorsHaveFullPaths() throws {
        let data = try JSONEdit.edit(Fixtures.data("event-order-received")) { object in
            var payload = try #require(object["data"] as? [String: Any])
            var order = try #require(payload["order"] as? [String: Any])
            try JSONEdit.setInArray(&order, "lines", 0, "quantity", 1)
            payload["order"] = order
            object["data"] = payload
        }
        let error = try #require(throws: OrderDecodingError.self) {
            try CanonicalJSON.decodeEvent(OrderReceived.self, from: data)
        }
        #expect(error.field == "data.order.lines[0].quantity")
        #expect(error.message == #"expected a decimal string like "12.50", found a number"#)
    }

    @Test func missingCorrelationID() throws {
        let data = try JSONEdit.edit(Fixtures.data("event-order-received")) { $0["correlationid"] = nil }
        let error = try #require(throws: OrderDecodingError.self) { try CanonicalJSON.decodeEventHeader(from: data) }
        #expect(error.field == "correlationid")
        #expect(error.message == "missing required field")
    }
}
