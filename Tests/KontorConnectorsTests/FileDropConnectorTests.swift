import Foundation
import KontorConnectors
import KontorKafka
import KontorModel
import KontorStore
import Logging
import Testing

/// The file-drop connector against real folders, a real SQLite store and the embedded Kafka cluster over TCP.
@Suite("File-drop connector", .serialized)
struct FileDropConnectorTests {
    final class Stack {
        let cluster: EmbeddedKafkaCluster
        let producer: KafkaProducer
        let root: URL
        let connector: B2BMailboxPoller
        let logger: Logger

        /// A local-folder mailbox under a temporary root, or the mailbox `makeMailbox` builds.
        init(settleTime: Duration = .zero, makeMailbox: ((URL) throws -> any B2BMailbox)? = nil) async throws {
            var logger = Logger(label: "file-drop-test")
            logger.logLevel = .critical
            self.logger = logger
            cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
            for topic in KontorTopics.all { try cluster.createTopic(topic.name, partitions: topic.partitions) }
            var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
            configuration.messageTimeout = .seconds(2)
            producer = try KafkaProducer(configuration: configuration, logger: logger)
            root = FileManager.default.temporaryDirectory.appendingPathComponent("file-drop-\(UUID().uuidString)")
            let store = try SQLiteStore(path: root.appendingPathComponent("state/kontor.sqlite").path)
            let inbound = B2BInbound(
                processor: B2BDocumentProcessor(
                    partners: B2BFixtures.partners,
                    catalog: try B2BFixtures.catalog(),
                    store: store
                ),
                publisher: OrderPublisher(producer: producer, logger: logger),
                logger: logger
            )
            let settings = ConnectorInstance.FileDrop(
                inbox: root.appendingPathComponent("inbox").path,
                settleTime: settleTime
            )
            let mailbox = try makeMailbox?(root) ?? LocalFolderMailbox(settings: settings)
            try await mailbox.prepare()
            connector = B2BMailboxPoller(
                name: "edi-inbox",
                mailbox: mailbox,
                inbound: inbound,
                partner: nil,
                pollInterval: .seconds(1),
                logger: logger
            )
        }

        func drop(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: root.appendingPathComponent("inbox/\(name)"))
        }

        func files(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
                .sorted()
        }

        func read(_ folder: String, _ name: String) throws -> Data {
            try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name))
        }

        /// Every event on `kontor.order.received.v1`, as (event id, order number).
        func receivedOrders(expecting count: Int) async throws -> [(eventID: String, orderNumber: String)] {
            let consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    bootstrapServers: cluster.bootstrapServers,
                    groupID: "check-\(UUID().uuidString)"
                ),
                topics: [KontorTopics.orderReceived],
                logger: logger
            )
            var found: [(String, String)] = []
            for _ in 0..<40 where found.count < count {
                for message in try await consumer.poll(maxWait: .milliseconds(500)) ?? [] {
                    let event = try JSONDecoder().decode(OrderReceivedEvent.self, from: Data(message.value))
                    found.append((event.id.rawValue, event.data.order.orderNumber))
                }
            }
            await consumer.close()
            return found
        }

        func shutdown() async {
            await producer.shutdown()
            cluster.shutdown()
            try? FileManager.default.removeItem(at: root)
        }
    }

    @Test("Good files go to processed, refused ones to failed with their reasons, acknowledgements to the outbox")
    func takesEachFileOnce() async throws {
        let stack = try await Stack()
        var bad = B2BFixtures.order("B")
        bad[0] = "BEG*00*SA*B**2020013X"
        try stack.drop("po-1.edi", try B2BFixtures.bytes("x12/node-x12_850.edi"))
        try stack.drop("po-2.edi", B2BFixtures.x12([B2BFixtures.order("A"), bad, B2BFixtures.order("C")]))
        try stack.drop("notes.txt", Array("not a document".utf8))
        try stack.drop("incoming.edi.part", Array("ISA*".utf8))
        try stack.drop(".hidden.edi", Array("ISA*".utf8))

        let taken = await stack.connector.scanOnce()
        #expect(Set(taken) == ["po-1.edi", "po-2.edi", "notes.txt"])
        #expect(stack.files("inbox") == [".hidden.edi", "incoming.edi.part"])
        #expect(stack.files("processed").count == 1)
        #expect(stack.files("processed").first?.hasSuffix("-po-1.edi") == true)
        let failed = stack.files("failed")
        #expect(failed.count == 4)
        #expect(
            failed.contains { $0.hasSuffix("-po-2.edi") } && failed.contains { $0.hasSuffix("-po-2.edi.error.json") }
        )
        #expect(failed.contains { $0.hasSuffix("-notes.txt.error.json") })
        #expect(stack.files("outbox") == ["997-acme-000000001.x12", "997-onesource-000000001.x12"])

        let errorFile = try #require(failed.first { $0.hasSuffix("-po-2.edi.error.json") })
        let report = try #require(
            try JSONSerialization.jsonObject(with: stack.read("failed", errorFile)) as? [String: Any]
        )
        #expect(report["status"] as? String == "partially-accepted")
        #expect(report["partner"] as? String == "acme")
        #expect(report["file"] as? String == "po-2.edi")
        let transactions = try #require(report["transactions"] as? [[String: Any]])
        #expect(transactions.map { $0["status"] as? String } == ["published", "refused", "published"])
        #expect((transactions[1]["error"] as? String)?.contains("BEG") == true)
        #expect((transactions[0]["orderId"] as? String)?.hasPrefix("ord_") == true)
        let notes = try #require(failed.first { $0.hasSuffix("-notes.txt.error.json") })
        #expect(String(decoding: try stack.read("failed", notes), as: UTF8.self).contains("not an X12"))

        let ack = String(decoding: try stack.read("outbox", "997-acme-000000001.x12"), as: UTF8.self)
        #expect(ack.contains("AK5*R*5") && ack.contains("AK9*P*3*3*2"))

        let orders = try await stack.receivedOrders(expecting: 3)
        #expect(orders.map(\.orderNumber).sorted() == ["08292233294", "A", "C"])
        await stack.shutdown()
    }

    @Test("A fixed file put back into the inbox publishes only the repaired order anew")
    func resubmission() async throws {
        let stack = try await Stack()
        var bad = B2BFixtures.order("B")
        bad[0] = "BEG*00*SA*B**2020013X"
        try stack.drop("po.edi", B2BFixtures.x12([B2BFixtures.order("A"), bad]))
        await stack.connector.scanOnce()
        #expect(stack.files("processed").isEmpty)
        try stack.drop(
            "po.edi",
            B2BFixtures.x12([B2BFixtures.order("A"), B2BFixtures.order("B")], isaControl: "000000043")
        )
        await stack.connector.scanOnce()
        #expect(stack.files("processed").count == 1)
        #expect(stack.files("outbox") == ["997-acme-000000001.x12", "997-acme-000000002.x12"])

        let orders = try await stack.receivedOrders(expecting: 3)
        #expect(orders.map(\.orderNumber).sorted() == ["A", "A", "B"])
        let eventsOfA = Set(orders.filter { $0.orderNumber == "A" }.map(\.eventID))
        #expect(eventsOfA.count == 1, "the same order published twice carries the same event id")
        await stack.shutdown()
    }

    @Test("Files still being written wait; while the broker is down a file stays in the inbox")
    func waitsAndKeeps() async throws {
        let settling = try await Stack(settleTime: .seconds(3600))
        try settling.drop("po.edi", try B2BFixtures.bytes("x12/node-x12_850.edi"))
        #expect(await settling.connector.scanOnce().isEmpty)
        #expect(settling.files("inbox") == ["po.edi"])
        await settling.shutdown()

        let stack = try await Stack()
        try stack.drop("po.edi", try B2BFixtures.bytes("x12/node-x12_850.edi"))
        try stack.cluster.setBrokerDown(1)
        #expect(await stack.connector.scanOnce().isEmpty)
        #expect(stack.files("inbox") == ["po.edi"])
        #expect(stack.files("failed").isEmpty && stack.files("processed").isEmpty)
        try stack.cluster.setBrokerUp(1)
        #expect(await stack.connector.scanOnce() == ["po.edi"])
        #expect(stack.files("processed").count == 1)
        await stack.shutdown()
    }
}
