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
        let event: PickTaskEvent
        do {
            event = try CanonicalJSON.decodeEvent(PickTask.self, from: message.value)
        } catch {
            throw error.kind == .malformedJSON
                ? StageError.unparseable("not a JSON event: \(error.message)")
                : StageError.schemaViolation("not a valid pick task event: \(error)")
        }
        let task = event.data
        guard let connection = connections.first(where: { $0.serves(task.locationId) }) else { return [] }
        let post = try request(for: event, to: connection)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(post)
        } catch {
            throw StageError.transient("WMS \(connection.name): task \(task.taskId) not delivered: \(error)")
        }
        switch response.status {
        case 200..<300:
            return []
        case 408, 429, 500..<600:
            throw StageError.transient(
                "WMS \(connection.name) answered \(response.status) for task \(task.taskId): \(Self.excerpt(response))"
            )
        default:
            throw StageError(
                Self.refusedByWMS,
                "WMS \(connection.name) refused task \(task.taskId) with \(response.status): \(Self.excerpt(response))",
                isRetriable: false
            )
        }
    }

    /// The POST of `event`'s task to `connection`.
    func request(for event: PickTaskEvent, to connection: WMSConnection) throws -> HTTPClientRequest {
        let body: [UInt8]
        let contentType: String
        switch connection.format {
        case .json:
            body = Array(try CanonicalJSON.encode(event.data))
            contentType = "application/json"
        case .xml:
            do {
                body = Array(try PickListWriter.document(for: event.data).utf8)
            } catch {
                throw StageError.schemaViolation("task \(event.data.taskId) cannot be written as XML: \(error)")
            }
            contentType = "application/xml"
        }
        var headers = [
            (name: "Content-Type", value: contentType),
            (name: "Idempotency-Key", value: event.id.rawValue),
            (name: KontorHeaders.eventID, value: event.id.rawValue),
        ]
        if let auth = connection.auth, let value = authValues[connection.name] {
            headers.append((name: auth.header, value: value))
        }
        return HTTPClientRequest(
            method: "POST",
            url: connection.endpoint,
            headers: headers,
            body: body,
            timeout: connection.timeout
        )
    }

    private static func excerpt(_ response: HTTPClientResponse) -> String {
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "(empty answer)" }
        return text.count > maxAnswerExcerpt ? String(text.prefix(maxAnswerExcerpt)) + "…" : text
    }
}
