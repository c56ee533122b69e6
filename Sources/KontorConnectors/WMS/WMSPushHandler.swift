import Foundation
import KontorB2BXML
import KontorHTTPClient
import KontorKafka
import KontorModel
import KontorWorkers

/// The `wms-push` stage: POSTs every pick task to the WMS that serves its location (``WMSConnection``), as the
/// canonical JSON or the pick-list XML. A 2xx answer is done; 5xx, 408, 429 and transport failures (timeouts,
/// refused connections) are retried by the stage's retry policy; any other answer is permanent and the task goes to
/// the dead-letter topic with the WMS's status and answer. Tasks of locations no WMS serves are left to the Kafka
/// topic (which a WMS may consume itself). Each request carries `Idempotency-Key: <event id>`, so a WMS can drop the
/// copy a retry or redelivery sends.
///
/// A task's cancellation (``PickTaskCancellation``, on the same topic after its task) is POSTed the same way to the
/// WMS's cancel endpoint (``WMSConnection/cancelURL(taskID:)``), as JSON or XML; the WMS answers later with a
/// `cancelled` (or `shipped`) confirmation.
public struct WMSPushHandler: StageHandler {
    /// `wms-push`.
    public static let stageName = "wms-push"

    /// The topics the stage consumes.
    public static let inputTopics = [KontorTopics.pickTask]

    /// The error class of a task the WMS refused (4xx): not retried.
    public static let refusedByWMS = StageError.ErrorClass(rawValue: "refused-by-wms")

    /// The largest part of a WMS answer kept in the error message.
    static let maxAnswerExcerpt = 2_000

    public var stage: String { Self.stageName }
    private let connections: [WMSConnection]
    private let authValues: [String: String]
    private let client: CurlHTTPClient

    /// Creates the handler.
    /// - Parameters:
    ///   - connections: The WMSs, in order; a task goes to the first that serves its location.
    ///   - environment: Where the auth header values are read (default: the process environment).
    /// - Throws: ``ConnectorConfigurationError`` when an auth variable is not set.
    public init(
        connections: [WMSConnection],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        client: CurlHTTPClient = CurlHTTPClient()
    ) throws(ConnectorConfigurationError) {
        var values: [String: String] = [:]
        for connection in connections {
            guard let auth = connection.auth else { continue }
            guard let value = environment[auth.valueEnvironmentVariable], !value.isEmpty else {
                throw ConnectorConfigurationError(
                    file: "connectors/wms/\(connection.name).yaml",
                    message: "auth.valueEnv: environment variable \(auth.valueEnvironmentVariable) is not set"
                )
            }
            values[connection.name] = auth.prefix + value
        }
        self.connections = connections
        self.authValues = values
        self.client = client
    }

    public func handle(_ message: KafkaConsumerMessage) async throws -> [KafkaProducerMessage] {
        let header: EventHeader
        do {
            header = try CanonicalJSON.decodeEventHeader(from: message.value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not a Kontor event: \(error)")
        }
        if header.type == FulfillmentEventType.pickTaskCancellation {
            let event = try Self.decode(PickTaskCancellation.self, message)
            let cancellation = event.data
            guard let connection = connections.first(where: { $0.serves(cancellation.locationId) }) else { return [] }
            try await deliver(
                try request(for: event, to: connection),
                what: "the cancellation of task \(cancellation.taskId)",
                to: connection
            )
            return []
        }
        let event = try Self.decode(PickTask.self, message)
        let task = event.data
        guard let connection = connections.first(where: { $0.serves(task.locationId) }) else { return [] }
        try await deliver(try request(for: event, to: connection), what: "task \(task.taskId)", to: connection)
        return []
    }

    /// Sends `post`: done on a 2xx, retried on 5xx/408/429 and transport failures, refused otherwise.
    private func deliver(_ post: HTTPClientRequest, what: String, to connection: WMSConnection) async throws {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(post)
        } catch {
            throw StageError.transient("WMS \(connection.name): \(what) not delivered: \(error)")
        }
        switch response.status {
        case 200..<300:
            return
        case 408, 429, 500..<600:
            throw StageError.transient(
                "WMS \(connection.name) answered \(response.status) for \(what): \(Self.excerpt(response))"
            )
        default:
            throw StageError(
                Self.refusedByWMS,
                "WMS \(connection.name) refused \(what) with \(response.status): \(Self.excerpt(response))",
                isRetriable: false
            )
        }
    }

    private static func decode<Payload: KontorEventPayload>(
        _ payload: Payload.Type,
        _ message: KafkaConsumerMessage
    ) throws -> EventEnvelope<Payload> {
        do {
            return try CanonicalJSON.decodeEvent(Payload.self, from: message.value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not a valid \(Payload.eventType) event: \(error)")
        }
    }

    /// The POST of `event`'s task to `connection`.
    func request(for event: PickTaskEvent, to connection: WMSConnection) throws -> HTTPClientRequest {
        try post(
            event,
            xml: { try PickListWriter.document(for: event.data) },
            what: "task \(event.data.taskId)",
            to: connection.endpoint,
            of: connection
        )
    }

    /// The POST of `event`'s cancellation to `connection`'s cancel endpoint.
    func request(for event: PickTaskCancellationEvent, to connection: WMSConnection) throws -> HTTPClientRequest {
        try post(
            event,
            xml: { try PickTaskCancellationWriter.document(for: event.data) },
            what: "the cancellation of task \(event.data.taskId)",
            to: connection.cancelURL(taskID: event.data.taskId),
            of: connection
        )
    }

    /// `event`'s payload as the canonical JSON or, for an XML WMS, as `xml` writes it, POSTed to `url`.
    private func post<Payload: KontorEventPayload>(
        _ event: EventEnvelope<Payload>,
        xml: () throws -> String,
        what: String,
        to url: String,
        of connection: WMSConnection
    ) throws -> HTTPClientRequest {
        switch connection.format {
        case .json:
            let body = Array(try CanonicalJSON.encode(event.data))
            return post(body, contentType: "application/json", eventID: event.id, to: url, of: connection)
        case .xml:
            let document: String
            do {
                document = try xml()
            } catch {
                throw StageError.schemaViolation("\(what) cannot be written as XML: \(error)")
            }
            return post(
                Array(document.utf8),
                contentType: "application/xml",
                eventID: event.id,
                to: url,
                of: connection
            )
        }
    }

    private func post(
        _ body: [UInt8],
        contentType: String,
        eventID: EventID,
        to url: String,
        of connection: WMSConnection
    ) -> HTTPClientRequest {
        var headers = [
            (name: "Content-Type", value: contentType),
            (name: "Idempotency-Key", value: eventID.rawValue),
            (name: KontorHeaders.eventID, value: eventID.rawValue),
        ]
        if let auth = connection.auth, let value = authValues[connection.name] {
            headers.append((name: auth.header, value: value))
        }
        return HTTPClientRequest(method: "POST", url: url, headers: headers, body: body, timeout: connection.timeout)
    }

    private static func excerpt(_ response: HTTPClientResponse) -> String {
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "(empty answer)" }
        return text.count > maxAnswerExcerpt ? String(text.prefix(maxAnswerExcerpt)) + "…" : text
    }
}
