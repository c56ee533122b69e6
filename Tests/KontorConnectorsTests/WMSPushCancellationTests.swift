import Foundation
import HTTPTypes
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorModel
import KontorTestSupport
import KontorWorkers
import Logging
import Synchronization
import Testing

/// A local Hummingbird server standing in for a WMS's cancel endpoint: records each request and answers 202, or 409
/// for task `T-LATE` (the WMS's "already shipped").
final class CancellingWMS: Sendable {
    struct Received: Sendable {
        var path: String
        var contentType: String
        var idempotencyKey: String
        var body: String
    }

    let received = Mutex<[Received]>([])

    var router: Router<BasicRequestContext> {
        let router = Router()
        let record: @Sendable (Request, String) async throws -> Response = { request, taskID in
            let body = String(buffer: try await request.body.collect(upTo: 1_000_000))
            self.received.withLock {
                $0.append(
                    Received(
                        path: request.uri.path,
                        contentType: request.headers[.contentType] ?? "",
                        idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!] ?? "",
                        body: body
                    )
                )
            }
            let late = taskID == "T-LATE"
            return Response(
                status: late ? .conflict : .accepted,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: late ? #"{"error":"already shipped"}"# : "{}"))
            )
        }
        router.post("/api/pick-tasks/:taskId/cancel") { request, context in
            try await record(request, context.parameters.get("taskId") ?? "")
        }
        router.post("/api/cancellations/:taskId") { request, context in
            try await record(request, context.parameters.get("taskId") ?? "")
        }
        return router
    }
}

@Suite("WMS push: pick task cancellations POSTed to a WMS (a local stand-in server)", .timeLimit(.minutes(2)))
struct WMSPushCancellationTests {
    static let logger: Logger = {
        var logger = Logger(label: "kontor.wms.tests")
        logger.logLevel = .critical
        return logger
    }()

    static func cancellation(_ taskID: String) throws -> KafkaConsumerMessage {
        let orderID = OrderID("ord_00000000000000000000000000000a02")
        let event = PickTaskCancellationEvent(
            id: EventID("evt-cancel-\(taskID)"),
            source: .worker("fulfillment"),
            subject: orderID.rawValue,
            time: Timestamp(microsecondsSinceEpoch: 2_000_000),
            correlationID: CorrelationID("corr-\(taskID)"),
            data: PickTaskCancellation(
                taskId: taskID,
                orderId: orderID,
                locationId: "WH-DE-LEJ",
                lines: [ConfirmedLine(lineNumber: "1", sku: "DRILL-18V", quantity: 2)],
                reason: "customer changed their mind & called",
                requestedBy: "ops@example.com",
                requestedAt: Timestamp(microsecondsSinceEpoch: 2_000_000)
            )
        )
        return KafkaConsumerMessage(
            topic: KontorTopics.pickTask,
            partition: 0,
            offset: 0,
            key: Array(orderID.rawValue.utf8),
            value: Array(try CanonicalJSON.encodeEvent(event)),
            headers: []
        )
    }

    @Test("JSON to <endpoint>/{taskId}/cancel by default, with the event id as Idempotency-Key")
    func jsonToDefaultURL() async throws {
        let wms = CancellingWMS()
        try await withLocalServer(wms.router, logger: Self.logger) { base in
            let handler = try WMSPushHandler(
                connections: [WMSConnection(name: "wms", endpoint: "\(base)/api/pick-tasks/")]
            )
            #expect(try await handler.handle(try Self.cancellation("T-1")).isEmpty)
            let request = try #require(wms.received.withLock { $0.first })
            #expect(request.path == "/api/pick-tasks/T-1/cancel")
            #expect(request.contentType == "application/json")
            #expect(request.idempotencyKey == "evt-cancel-T-1")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
            #expect(body["taskId"] as? String == "T-1")
            #expect(body["reason"] as? String == "customer changed their mind & called")
            #expect((body["lines"] as? [[String: Any]])?.first?["quantity"] as? Int == 2)
        }
    }

    @Test("XML to a configured cancelEndpoint; a refusal (409) is permanent, with the WMS's answer")
    func xmlAndRefusal() async throws {
        let wms = CancellingWMS()
        try await withLocalServer(wms.router, logger: Self.logger) { base in
            let handler = try WMSPushHandler(
                connections: [
                    WMSConnection(
                        name: "xml-wms",
                        endpoint: "\(base)/api/pick-tasks",
                        cancelEndpoint: "\(base)/api/cancellations/{taskId}",
                        format: .xml
                    )
                ]
            )
            #expect(try await handler.handle(try Self.cancellation("T-2")).isEmpty)
            let request = try #require(wms.received.withLock { $0.first })
            #expect(request.path == "/api/cancellations/T-2")
            #expect(request.contentType == "application/xml")
            #expect(
                request.body.contains(
                    #"<PickTaskCancellation taskId="T-2" orderId="ord_00000000000000000000000000000a02" "#
                        + #"locationId="WH-DE-LEJ" requestedBy="ops@example.com""#
                )
            )
            #expect(request.body.contains("<Reason>customer changed their mind &amp; called</Reason>"))
            #expect(request.body.contains(#"<Line lineNumber="1" sku="DRILL-18V" quantity="2"/>"#))
            do {
                _ = try await handler.handle(try Self.cancellation("T-LATE"))
                Issue.record("a refused cancellation was taken as delivered")
            } catch let error as StageError {
                #expect(!error.isRetriable)
                #expect(error.errorClass == WMSPushHandler.refusedByWMS)
                #expect(error.message.contains("refused the cancellation of task T-LATE with 409"))
                #expect(error.message.contains("already shipped"))
            }
        }
    }

    @Test("cancelEndpoint in connectors/wms files: read, and a non-URL names its line")
    func loading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-wms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.yaml")
        try "endpoint: https://wms.example.com/tasks\ncancelEndpoint: https://wms.example.com/cancel/{taskId}\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let connection = try WMSConnection.load(file: good.path)
        #expect(connection.cancelURL(taskID: "ord_1-WH 1-1") == "https://wms.example.com/cancel/ord_1-WH%201-1")
        let plain = folder.appendingPathComponent("plain.yaml")
        try "endpoint: https://wms.example.com/tasks\n".write(to: plain, atomically: true, encoding: .utf8)
        #expect(
            try WMSConnection.load(file: plain.path).cancelURL(taskID: "T") == "https://wms.example.com/tasks/T/cancel"
        )
        let bad = folder.appendingPathComponent("bad.yaml")
        try "endpoint: https://wms.example.com/tasks\ncancelEndpoint: ftp://wms\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        do {
            _ = try WMSConnection.load(file: bad.path)
            Issue.record("an ftp cancelEndpoint was accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.message == "'cancelEndpoint' must be an http(s) URL")
        }
    }
}
