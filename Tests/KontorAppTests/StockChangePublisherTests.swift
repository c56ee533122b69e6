import Foundation
import KontorAllocation
import KontorApp
import KontorKafka
import KontorModel
import KontorStore
import Logging
import Testing

/// The stock journal and its publisher on a real SQLite store and the embedded Kafka cluster.
@Suite("Stock change publisher", .serialized)
struct StockChangePublisherTests {
    static let logger: Logger = {
        var logger = Logger(label: "kontor.app.tests")
        logger.logLevel = .critical
        return logger
    }()

    @Test("An import and a receipt become stock-changed events per SKU; publishing again publishes nothing new")
    func importAndReceipt() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: Self.logger)
        defer { cluster.shutdown() }
        try cluster.createTopic(KontorTopics.stockChanged, partitions: 3)
        let store = try SQLiteStore(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("kontor-app-\(UUID().uuidString)/kontor.sqlite").path
        )
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
            logger: Self.logger
        )
        let publisher = StockChangePublisher(store: store, producer: producer, logger: Self.logger)

        try await store.setStock([
            StockCount(sku: "A", locationID: "WH1", onHand: 1),
            StockCount(sku: "A", locationID: "WH2", onHand: 1),
            StockCount(sku: "B", locationID: "WH1", onHand: 1),
        ])
        #expect(try await publisher.publishPending() == 2)
        try await store.adjustOnHand(sku: "B", locationID: "WH1", by: 4)
        #expect(try await publisher.publishPending() == 1)
        #expect(try await publisher.publishPending() == 0)
        #expect(try await store.checkpoint(connector: StockChangePublisher.checkpointName) != nil)

        let messages = try await Self.read(cluster, count: 3)
        await producer.shutdown()
        let events = try messages.map { try CanonicalJSON.decodeEvent(StockChanged.self, from: $0.value) }
            .sorted { $0.data.sequence < $1.data.sequence }
        #expect(events.map(\.data.sku) == ["A", "B", "B"])
        #expect(events.map(\.data.change) == ["count", "count", "receipt"])
        #expect(events[0].data.locationIds == ["WH1", "WH2"])
        #expect(events.allSatisfy { $0.type == InventoryEventType.stockChanged && $0.subject == $0.data.sku })
        #expect(Set(messages.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }) == ["A", "B"])
        #expect(Set(events.map(\.id)).count == 3)
    }

    static func read(_ cluster: EmbeddedKafkaCluster, count: Int) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                bootstrapServers: cluster.bootstrapServers,
                groupID: "reader-\(UUID().uuidString)"
            ),
            topics: [KontorTopics.stockChanged],
            logger: logger
        )
        var received: [KafkaConsumerMessage] = []
        // Bounded by attempts, not by time: the assertions are about content only.
        for _ in 0..<60 where received.count < count {
            received += try await consumer.poll(maxWait: .seconds(1)) ?? []
        }
        received += try await consumer.poll(maxWait: .milliseconds(700)) ?? []
        await consumer.close()
        return received
    }
}

@Suite("Routing policy file")
struct RoutingPolicyLoaderTests {
    @Test("The shipped policy loads; a bad field is refused by name")
    func shippedAndBad() throws {
        let shipped = try RoutingPolicyLoader.load(path: "connectors/allocation/routing.yaml")
        #expect(shipped.maxShipments == 2)
        #expect(shipped.rules.allowedDestinations["WH-US-SDF"]?.count == 2)
        #expect(throws: ConfigurationError.self) { try RoutingPolicyLoader.decode("maxShipments: 0", file: "r.yaml") }
        do {
            _ = try RoutingPolicyLoader.decode("weights: { costPerKm: lots }", file: "r.yaml")
            Issue.record("a text weight was accepted")
        } catch {
            #expect("\(error)".contains("policy.weights.costPerKm"))
        }
        do {
            _ = try RoutingPolicyLoader.decode("maxShipments: 0", file: "r.yaml")
        } catch {
            #expect("\(error)".contains("policy.maxShipments"))
        }
    }
}
