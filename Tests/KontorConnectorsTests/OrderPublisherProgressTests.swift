import Foundation
import KontorConnectors
import KontorKafka
import KontorModel
import KontorStore
import Logging
import Testing

/// A real SQLite store that refuses to record progress, as a full disk or a lost database would. (A real store cannot
/// be made to fail on demand, hence this wrapper.)
struct RefusingProgressStore: OrderProgressStore {
    let store: SQLiteStore

    struct DiskFull: Error, CustomStringConvertible {
        var description: String { "disk I/O error" }
    }

    func recordProgress(_ events: [ProgressEvent]) async throws { throw DiskFull() }
    func progress(orderID: OrderID) async throws -> ProgressEvent? { try await store.progress(orderID: orderID) }
    func unfinishedProgress(topics: Set<String>) async throws -> [ProgressEvent] {
        try await store.unfinishedProgress(topics: topics)
    }
    func pendingProgress(consumers: [String: Set<String>]) async throws -> [ProgressEvent] {
        try await store.pendingProgress(consumers: consumers)
    }
}

/// The publisher against the embedded Kafka cluster and a real SQLite store.
@Suite("Order publisher records accepted orders", .serialized)
struct OrderPublisherProgressTests {
    static func order(_ number: String) throws -> CanonicalOrder {
        let json = """
            {"schemaVersion":"1.0","orderNumber":"\(number)","channel":"web","orderDate":"2026-11-28",
             "currency":"EUR","buyer":{"id":"C-1","name":"Erika Mustermann"},
             "shipTo":{"name":"Erika Mustermann","street":"Heidestraße 17","city":"Köln","postalCode":"51147",
                       "country":"DE"},
             "lines":[{"lineNumber":"1","sku":"SKU-1","quantity":"2","unitOfMeasure":"C62","unitPrice":"9.95"}],
             "totals":{"grandTotal":"19.90"}}
            """
        return try CanonicalJSON.decodeOrder(from: Data(json.utf8))
    }

    @Test("The acknowledged event is the order's progress; a redelivery adds nothing; a store failure refuses")
    func recordsAfterAcknowledgement() async throws {
        var logger = Logger(label: "publisher-test")
        logger.logLevel = .critical
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        for topic in KontorTopics.all { try cluster.createTopic(topic.name, partitions: topic.partitions) }
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: logger
        )
        let store = try SQLiteStore(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("publisher-\(UUID().uuidString)/kontor.sqlite").path
        )
        let publisher = OrderPublisher(producer: producer, progressStore: store, logger: logger)

        let receipt = try await publisher.publish(try Self.order("PUB-1"), source: "http", basis: "body:1")
        let recorded = try #require(try await store.progress(orderID: receipt.orderID))
        #expect(recorded.eventID == receipt.eventID.rawValue)
        #expect(recorded.topic == KontorTopics.orderReceived)
        #expect(recorded.step == 0)
        #expect(recorded.stage == "ingest-http")
        #expect(recorded.key == Array(receipt.orderID.rawValue.utf8))
        let event = try CanonicalJSON.decodeEvent(OrderReceived.self, from: recorded.value)
        #expect(event.data.order.orderNumber == "PUB-1")

        // The same delivery again: same event, and the stored record stays as it was.
        let again = try await publisher.publish(try Self.order("PUB-1"), source: "http", basis: "body:1")
        #expect(again.eventID == receipt.eventID)
        #expect(try await store.progress(orderID: receipt.orderID) == recorded)
        #expect(try await store.unfinishedProgress(topics: [KontorTopics.orderReceived]).count == 1)

        // When the store cannot record the order, the order is not accepted, and the error says why.
        let refusing = OrderPublisher(
            producer: producer,
            progressStore: RefusingProgressStore(store: store),
            logger: logger
        )
        await #expect {
            _ = try await refusing.publish(try Self.order("PUB-2"), source: "http", basis: "body:2")
        } throws: { error in
            "\(error)".contains("could not be recorded in the store, so it is not accepted: disk I/O error")
        }
        await producer.shutdown()
        cluster.shutdown()
    }
}
