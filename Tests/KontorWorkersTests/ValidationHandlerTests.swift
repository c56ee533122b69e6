import Foundation
import KontorKafka
import KontorModel
import KontorWorkers
import Testing

@Suite("Validation handler")
struct ValidationHandlerTests {
    private func consumed(_ message: KafkaProducerMessage) -> KafkaConsumerMessage {
        KafkaConsumerMessage(
            topic: message.topic,
            partition: 0,
            offset: 0,
            key: message.key,
            value: message.value,
            headers: message.headers
        )
    }

    @Test("A valid order becomes a validated event whose id derives from the input event")
    func validOrder() async throws {
        let order = try WorkerTestSupport.order(number: "A-1")
        let input = try WorkerTestSupport.receivedMessage(order, eventID: EventID("input-1"))
        let outputs = try await ValidationHandler().handle(consumed(input))
        let output = try #require(outputs.first)
        #expect(outputs.count == 1)
        #expect(output.topic == KontorTopics.orderValidated)
        #expect(output.key == Array(order.id!.rawValue.utf8))
        let event = try CanonicalJSON.decodeEvent(OrderValidated.self, from: output.value)
        #expect(event.id == EventID.derived(from: EventID("input-1"), stage: "validation"))
        #expect(event.causationID == EventID("input-1"))
        #expect(event.type == OrderEventType.validated)
        #expect(event.data.order == order)
        #expect(output.headers.value(forKey: KontorHeaders.eventID) == event.id.rawValue)
    }

    @Test("An order failing business rules becomes a rejected event with reasons")
    func rejectedOrder() async throws {
        let order = try WorkerTestSupport.order(number: "A-2", country: "XX", quantity: "0")
        let outputs = try await ValidationHandler().handle(consumed(try WorkerTestSupport.receivedMessage(order)))
        let output = try #require(outputs.first)
        #expect(output.topic == KontorTopics.orderRejected)
        let event = try CanonicalJSON.decodeEvent(OrderRejected.self, from: output.value)
        let codes = Set(event.data.reasons.map(\.code.rawValue))
        #expect(codes == ["unknown-country", "non-positive-quantity"])
        #expect(event.data.reasons.contains { $0.field == "shipTo.country" })
    }

    @Test("Garbage is a permanent error: it cannot succeed on retry")
    func garbageIsPermanent() async throws {
        let message = KafkaConsumerMessage(
            topic: KontorTopics.orderReceived,
            partition: 0,
            offset: 0,
            value: Array("{oops".utf8)
        )
        await #expect {
            _ = try await ValidationHandler().handle(message)
        } throws: { error in
            (error as? StageError)?.errorClass == .unparseable && (error as? StageError)?.isRetriable == false
        }
    }
}
