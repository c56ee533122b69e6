import Foundation
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers

/// What `POST /v1/wms/confirmations` needs: the reader (canonical JSON and the WMS mappings), the producer, the
/// quarantine for refused bodies and, optionally, the pick tasks (an unknown task is then refused at once).
public struct WMSConfirmationIntake: Sendable {
    public var reader: WarehouseConfirmationReader
    public var producer: KafkaProducer
    public var quarantine: QuarantineWriter
    public var tasks: (any FulfillmentStore)?

    /// Creates the intake.
    public init(
        reader: WarehouseConfirmationReader,
        producer: KafkaProducer,
        quarantine: QuarantineWriter,
        tasks: (any FulfillmentStore)? = nil
    ) {
        self.reader = reader
        self.producer = producer
        self.quarantine = quarantine
        self.tasks = tasks
    }

    /// The event for `confirmation`: its id derives from the confirmation id, so the same confirmation sent twice
    /// is one event to the pipeline (and the store applies a confirmation id once anyway).
    public static func event(for confirmation: WarehouseConfirmation) -> WarehouseConfirmationEvent {
        let id = EventID.derived(from: EventID("kontor.wms-confirmation"), stage: confirmation.confirmationId)
        return WarehouseConfirmationEvent(
            id: id,
            source: .ingest("wms"),
            type: FulfillmentEventType.warehouseConfirmation,
            subject: confirmation.orderId.rawValue,
            time: confirmation.occurredAt,
            correlationID: CorrelationID(id),
            data: confirmation
        )
    }
}

/// `POST /v1/wms/confirmations[?format=NAME]` (scope `ingest`): a WMS reports on a pick task. The body is the
/// canonical ``WarehouseConfirmation`` JSON or a WMS's own JSON read through a confirmation mapping (`format` names
/// it, else the content decides). Answers 202 `{status, eventId, confirmationId, taskId, orderId, kind}` once Kafka
/// acknowledged the event on `kontor.fulfillment.warehouse-confirmation.v1`; 400 for a body that is not JSON, 422
/// naming the field for one that does not fit (also an unknown task or a task of another order), both with the raw
/// body kept on the quarantine topic; 413 for a body over `ingest.maxBodyBytes`; 503 when Kafka is unavailable.
enum WMSConfirmationRoutes {
    static func add(
        _ intake: WMSConfirmationIntake,
        to router: Router<BasicRequestContext>,
        configuration: IngestConfiguration
    ) {
        router.post("/v1/wms/confirmations") { request, _ in
            let instance = request.uri.path
            guard let body = try await KontorRouter.collectBody(request, configuration: configuration) else {
                return KontorRouter.tooLarge(configuration, instance: instance)
            }
            let contentType = request.headers[.contentType]
            func refuse(_ error: WarehouseConfirmationError) async -> Response {
                let quarantineID = await intake.quarantine.keep(
                    body,
                    reason: "wms confirmation: \(error)",
                    field: error.field.isEmpty ? nil : error.field,
                    source: "http-wms",
                    contentType: contentType
                )
                let malformed = error.kind == .malformed
                return ProblemDetails(
                    type: malformed ? ProblemDetails.Types.malformedJSON : ProblemDetails.Types.schemaViolation,
                    title: malformed ? "Malformed JSON" : "Invalid warehouse confirmation",
                    status: malformed ? 400 : 422,
                    detail: "\(error)",
                    instance: instance,
                    field: error.field.isEmpty ? nil : error.field,
                    quarantineId: quarantineID
                ).response
            }
            let confirmation: WarehouseConfirmation
            do throws(WarehouseConfirmationError) {
                confirmation = try intake.reader.read(body, format: request.uri.queryParameters.get("format"))
            } catch {
                return await refuse(error)
            }
            if let tasks = intake.tasks {
                guard let task = try await tasks.pickTask(id: confirmation.taskId) else {
                    return await refuse(
                        WarehouseConfirmationError(
                            .invalid,
                            field: "taskId",
                            "no pick task '\(confirmation.taskId)'"
                        )
                    )
                }
                guard task.orderID == confirmation.orderId else {
                    return await refuse(
                        WarehouseConfirmationError(
                            .invalid,
                            field: "orderId",
                            "task \(task.taskID) belongs to order \(task.orderID), not \(confirmation.orderId)"
                        )
                    )
                }
            }
            let event = WMSConfirmationIntake.event(for: confirmation)
            do {
                _ = try await intake.producer.send(
                    try EventMessage.make(event, topic: KontorTopics.warehouseConfirmation)
                )
            } catch {
                return ProblemDetails(
                    type: ProblemDetails.Types.unavailable,
                    title: "Confirmation not accepted",
                    status: 503,
                    detail: "The confirmation was not published: \(error)",
                    instance: instance,
                    retryAfter: configuration.retryAfterSeconds
                ).response
            }
            return KontorRouter.jsonResponse(
                .accepted,
                [
                    "status": "accepted", "eventId": event.id.rawValue, "confirmationId": confirmation.confirmationId,
                    "taskId": confirmation.taskId, "orderId": confirmation.orderId.rawValue,
                    "kind": confirmation.kind.rawValue,
                ]
            )
        }
    }
}
