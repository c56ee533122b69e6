import Foundation
import HTTPTypes
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorModel
import KontorTestSupport
import KontorWorkers
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// A local Hummingbird server standing in for a WMS: it records every pick task posted to it and answers per task
/// with a scripted sequence of statuses (then 200).
final class FakeWMS: Sendable {
    struct Received: Sendable {
        var taskID: String
        var contentType: String
        var authorization: String
        var idempotencyKey: String
        var body: String
    }

    let received = Mutex<[Received]>([])
    let script: [String: [Int]]

    init(script: [String: [Int]]) {
        self.script = script
    }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/pick-tasks") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1_000_000))
            let contentType = request.headers[.contentType] ?? ""
            let taskID: String
            if contentType.contains("json") {
                let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                taskID = object?["taskId"] as? String ?? ""
            } else {
                taskID =
                    body.components(separatedBy: "taskId=\"").dropFirst().first?
                    .components(separatedBy: "\"").first ?? ""
            }
            let attempt = self.received.withLock {
                $0.append(
                    Received(
                        taskID: taskID,
                        contentType: contentType,
                        authorization: request.headers[.authorization] ?? "",
                        idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!] ?? "",
                        body: body
                    )
                )
                return $0.filter { $0.taskID == taskID }.count
            }
            let statuses = self.script[taskID] ?? []
            let status = attempt <= statuses.count ? statuses[attempt - 1] : 200
            let answer = status == 400 ? #"{"error":"unknown SKU DRILL-18V at WH-X"}"# : #"{"ok":true}"#
            return Response(
                status: HTTPResponse.Status(code: status),
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: answer))
            )
        }
        return router
    }

    func requests(for taskID: String) -> [Received] {
        received.withLock { $0.filter { $0.taskID == taskID } }
    }
}

@Suite(
    "WMS push: pick tasks POSTed to a WMS (a local stand-in server), with retries and dead letters",
    .serialized,
    .timeLimit(.minutes(3))
)
struct WMSPushTests {
    static let logger: Logger = {
        var logger = Logger(label: "kontor.wms.tests")
        logger.logLevel = .critical
        return logger
    }()

    static func task(_ id: String, location: String = "WH-DE-LEJ") -> PickTaskEvent {
        let orderID = OrderID("ord_00000000000000000000000000000a01")
        return PickTaskEvent(
            id: EventID("evt-\(id)"),
            source: .worker("fulfillment"),
            type: FulfillmentEventType.pickTask,
            subject: orderID.rawValue,
            time: Timestamp(microsecondsSinceEpoch: 1_000_000),
            correlationID: CorrelationID("corr-\(id)"),
            data: PickTask(
                taskId: id,
                orderId: orderID,
                orderNumber: "1001",
                channel: "web",
                locationId: location,
                method: "ship",
                lines: [
                    PickTaskLine(
                        lineNumber: "1",
                        sku: "DRILL-18V",
                        gtin: "4059952566474",
                        description: "Drill & <bits>",
                        quantity: 2
                    )
                ],
                shipTo: Address(
                    name: "Erika Mustermann",
                    city: "Köln",
                    postalCode: "51147",
                    country: CountryCode("DE")!
                ),
                serviceLevel: .express,
                createdAt: Timestamp(microsecondsSinceEpoch: 1_000_000)
            )
        )
    }

    @Test("A 503 is retried until the WMS takes the task; a 400 goes to the dead-letter topic with the WMS's answer")
    func retriesAndDeadLetters() async throws {
        let wms = FakeWMS(script: ["T-RETRY": [503], "T-BAD": [400]])
        try await withLocalServer(wms.router, logger: Self.logger) { base in
            let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: Self.logger)
            for topic in KontorTopics.all { try cluster.createTopic(topic.name, partitions: topic.partitions) }
            let producer = try KafkaProducer(
                configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers),
                logger: Self.logger
            )
            for id in ["T-RETRY", "T-BAD", "T-ELSEWHERE"] {
                let event = Self.task(id, location: id == "T-ELSEWHERE" ? "ST-DE-BER" : "WH-DE-LEJ")
                try await producer.send(try EventMessage.make(event, topic: KontorTopics.pickTask))
            }
            let handler = try WMSPushHandler(
                connections: [
                    WMSConnection(
                        name: "test-wms",
                        endpoint: "\(base)/api/pick-tasks",
                        auth: .init(header: "Authorization", valueEnvironmentVariable: "WMS_TOKEN", prefix: "Bearer "),
                        locations: ["WH-DE-LEJ"]
                    )
                ],
                environment: ["WMS_TOKEN": "s3cret"]
            )
            var configuration = WorkerConfiguration(
                stage: handler.stage,
                inputTopics: WMSPushHandler.inputTopics,
                deadLetterTopic: KontorTopics.deadLetter(stage: handler.stage),
                bootstrapServers: cluster.bootstrapServers,
                retry: RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(10))
            )
            configuration.groupID = "kontor-wms-push-test"
            configuration.consumer.groupID = "kontor-wms-push-test"
            let runtime = WorkerRuntime(
                handler: handler,
                configuration: configuration,
                producer: producer,
                processedLog: nil,
                logger: Self.logger
            )
            let group = ServiceGroup(services: [runtime], logger: Self.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let deadLetters = try await Self.read(
                    cluster,
                    topic: KontorTopics.deadLetter(stage: "wms-push"),
                    count: 1
                )
                // The retried task and the refused one were both sent; wait for the retry's second request.
                while wms.requests(for: "T-RETRY").count < 2 { try await Task.sleep(for: .milliseconds(50)) }
                await group.triggerGracefulShutdown()

                #expect(deadLetters.count == 1)
                let dead = try #require(deadLetters.first)
                #expect(dead.headers.value(forKey: KontorHeaders.dlqErrorClass) == "refused-by-wms")
                let reason = dead.headers.value(forKey: KontorHeaders.dlqErrorMessage) ?? ""
                #expect(reason.contains("400"))
                #expect(reason.contains("unknown SKU DRILL-18V at WH-X"))
                #expect(try CanonicalJSON.decodeEvent(PickTask.self, from: dead.value).data.taskId == "T-BAD")
            }
            #expect(wms.requests(for: "T-BAD").count == 1)
            let retried = wms.requests(for: "T-RETRY")
            #expect(retried.count == 2)
            #expect(retried.allSatisfy { $0.authorization == "Bearer s3cret" && $0.idempotencyKey == "evt-T-RETRY" })
            #expect(retried.first?.contentType == "application/json")
            let posted = try CanonicalJSON.decode(PickTask.self, from: Data(try #require(retried.first).body.utf8))
            #expect(posted == Self.task("T-RETRY").data)
            // Tasks of locations this WMS does not serve stay on the topic only.
            #expect(wms.requests(for: "T-ELSEWHERE").isEmpty)
            await producer.shutdown()
        }
    }

    @Test("The XML format posts the documented pick list, escaped")
    func xmlPickList() async throws {
        let wms = FakeWMS(script: [:])
        try await withLocalServer(wms.router, logger: Self.logger) { base in
            let handler = try WMSPushHandler(
                connections: [WMSConnection(name: "xml-wms", endpoint: "\(base)/api/pick-tasks", format: .xml)]
            )
            let event = Self.task("T-XML")
            let message = KafkaConsumerMessage(
                topic: KontorTopics.pickTask,
                partition: 0,
                offset: 0,
                key: Array(event.data.orderId.rawValue.utf8),
                value: Array(try CanonicalJSON.encodeEvent(event)),
                headers: []
            )
            #expect(try await handler.handle(message).isEmpty)
            let request = try #require(wms.requests(for: "T-XML").first)
            #expect(request.contentType == "application/xml")
            #expect(request.body.contains(#"<PickList taskId="T-XML" orderId="ord_00000000000000000000000000000a01""#))
            #expect(request.body.contains(#"<Line lineNumber="1" sku="DRILL-18V" gtin="4059952566474" quantity="2">"#))
            #expect(request.body.contains("<Description>Drill &amp; &lt;bits&gt;</Description>"))
            #expect(request.body.contains("<Country>DE</Country>"))
            #expect(request.body.contains("<ServiceLevel>express</ServiceLevel>"))
        }
    }

    @Test("A WMS that cannot be reached is a retriable failure")
    func unreachable() async throws {
        let handler = try WMSPushHandler(
            connections: [WMSConnection(name: "gone", endpoint: "http://127.0.0.1:9/api", timeout: .seconds(2))]
        )
        let event = Self.task("T-GONE")
        let message = KafkaConsumerMessage(
            topic: KontorTopics.pickTask,
            partition: 0,
            offset: 0,
            key: nil,
            value: Array(try CanonicalJSON.encodeEvent(event)),
            headers: []
        )
        do {
            _ = try await handler.handle(message)
            Issue.record("a push to a closed port succeeded")
        } catch let error as StageError {
            #expect(error.isRetriable)
            #expect(error.errorClass == .transient)
        }
    }

    @Test("connectors/wms files: endpoint, format, auth and locations; mistakes name the line")
    func loading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-wms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        endpoint: https://wms.example.com/api/pick-tasks
        format: xml
        auth:
          header: X-Api-Key
          valueEnv: WMS_KEY
        locations: [WH-DE-LEJ, WH-NL-VEN]
        timeoutSeconds: 5
        """.write(to: folder.appendingPathComponent("main.yaml"), atomically: true, encoding: .utf8)
        try "endpoint: http://off.example\nenabled: false\n".write(
            to: folder.appendingPathComponent("off.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let connections = try WMSConnection.loadAll(directory: folder.path)
        #expect(connections.map(\.name) == ["main"])
        #expect(connections.first?.format == .xml)
        #expect(connections.first?.locations == ["WH-DE-LEJ", "WH-NL-VEN"])
        #expect(connections.first?.auth?.header == "X-Api-Key")
        #expect(connections.first?.timeout == .seconds(5))
        #expect(connections.first?.serves("ST-DE-BER") == false)
        #expect(try WMSConnection.loadAll(directory: folder.appendingPathComponent("missing").path).isEmpty)

        // Outside the folder loaded below, which must fail for the missing auth variable alone.
        let bad = folder.appendingPathComponent("broken").appendingPathComponent("bad.yml")
        try FileManager.default.createDirectory(at: bad.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "endpoint: https://wms.example.com\nformat: csv\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: ConnectorConfigurationError.self) { try WMSConnection.load(file: bad.path) }
        do {
            _ = try WMSConnection.load(file: bad.path)
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("unknown format 'csv'"))
        }
        #expect(throws: ConnectorConfigurationError.self) {
            try WMSPushHandler(connections: try WMSConnection.loadAll(directory: folder.path), environment: [:])
        }
    }

    static func read(_ cluster: EmbeddedKafkaCluster, topic: String, count: Int) async throws -> [KafkaConsumerMessage]
    {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                bootstrapServers: cluster.bootstrapServers,
                groupID: "reader-\(UUID().uuidString)"
            ),
            topics: [topic],
            logger: logger
        )
        var received: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while received.count < count, ContinuousClock.now < deadline {
            received += try await consumer.poll(maxWait: deadline - ContinuousClock.now) ?? []
        }
        await consumer.close()
        return received
    }
}
