import Foundation
import HTTPTypes
import Hummingbird
import KontorStore
import KontorWorkers
import NIOCore

/// The dead-letter API, registered in one function so that a middleware group can wrap it:
/// - `GET /v1/dlq`: one page of dead letters, newest failure first; filters `stage`, `since`, `error`, `status`,
///   paging `limit` (1...1000, default 50) and `cursor`.
/// - `GET /v1/dlq/{id}`: one dead letter with headers and payload (text when UTF-8, else base64); 404 when unknown.
/// - `POST /v1/dlq/replay`: JSON body `{stage, since, error, status, ids, to, dryRun}`; `to` is `original` (default)
///   or a topic.
/// - `POST /v1/dlq/purge`: JSON body `{stage, since, error, status, ids}`, at least one of them.
/// - `GET /v1/audit`: the audit log, newest first (`limit`, `before`).
/// Replays and purges are audited under the token's name (see `OrderRoutes.actor(_:)`).
public enum DeadLetterRoutes {
    /// The largest replay or purge body read.
    static let maxBody = 64 * 1024

    /// Adds the routes to `routes` (the router or a group of it).
    public static func add(_ operations: DeadLetterOperations, to routes: some RouterMethods<BasicRequestContext>) {
        routes.get("/v1/dlq") { request, _ in
            try await list(request, operations: operations)
        }
        routes.get("/v1/dlq/:id") { request, context in
            let id = context.parameters.decoded("id")
            guard let record = try await operations.store.deadLetter(id: id) else {
                return ProblemDetails(
                    type: ProblemDetails.Types.notFound,
                    title: "Unknown dead letter",
                    status: 404,
                    detail: "No dead letter with id '\(id)'.",
                    instance: request.uri.path
                ).response
            }
            return OrderViews.response(.ok, DeadLetterJSON.detail(record))
        }
        routes.post("/v1/dlq/replay") { request, _ in
            try await replay(request, operations: operations)
        }
        routes.post("/v1/dlq/purge") { request, _ in
            try await purge(request, operations: operations)
        }
        routes.get("/v1/audit") { request, _ in
            let parameters = Dictionary(
                request.uri.queryParameters.map { (String($0.key), String($0.value)) },
                uniquingKeysWith: { first, _ in first }
            )
            let limit = parameters["limit"].map { Int($0) ?? 0 } ?? 50
            guard (1...1000).contains(limit) else {
                return OrderRoutes.invalid(
                    "limit",
                    "'\(parameters["limit"] ?? "")' is not a number in 1...1000",
                    instance: request.uri.path
                )
            }
            var before: Int64?
            if let text = parameters["before"] {
                guard let value = Int64(text) else {
                    return OrderRoutes.invalid(
                        "before",
                        "'\(text)' is not a sequence number",
                        instance: request.uri.path
                    )
                }
                before = value
            }
            let entries = try await operations.store.auditEntries(limit: limit, before: before)
            return OrderViews.response(
                .ok,
                [
                    "entries": entries.map(DeadLetterJSON.audit),
                    "nextBefore": entries.count == limit ? (entries.last?.sequence as Any) : NSNull(),
                ]
            )
        }
    }

    static func list(_ request: Request, operations: DeadLetterOperations) async throws -> Response {
        let instance = request.uri.path
        let parameters = request.uri.queryParameters.map { (key: String($0.key), value: String($0.value)) }
        let known: Set<String> = ["stage", "since", "error", "status", "limit", "cursor"]
        if let unknown = parameters.map(\.key).first(where: { !known.contains($0) }) {
            return OrderRoutes.invalid(unknown, "unknown parameter; known are \(known.sorted())", instance: instance)
        }
        let value = { (name: String) in parameters.last { $0.key == name }?.value }
        var query: DeadLetterQuery
        do {
            query = try DeadLetterFilter.query(
                stage: value("stage"),
                since: value("since"),
                error: value("error"),
                status: value("status")
            )
        } catch {
            return OrderRoutes.invalid(error.parameter, error.message, instance: instance)
        }
        query.limit = 50
        if let limit = value("limit") {
            guard let number = Int(limit), (1...1000).contains(number) else {
                return OrderRoutes.invalid("limit", "'\(limit)' is not a number in 1...1000", instance: instance)
            }
            query.limit = number
        }
        query.after = value("cursor").flatMap { $0.isEmpty ? nil : $0 }
        let page: DeadLetterPage
        do {
            page = try await operations.store.deadLetters(query)
        } catch StoreError.invalidCursor {
            return OrderRoutes.invalid("cursor", "not a cursor this API handed out", instance: instance)
        }
        return OrderViews.response(
            .ok,
            ["deadLetters": page.records.map(DeadLetterJSON.summary), "nextCursor": page.nextCursor ?? NSNull()]
        )
    }

    /// The selection of a replay or purge body, with its other fields.
    struct Selection {
        var query: DeadLetterQuery
        var body: [String: Any]
    }

    /// A body read: its selection, or why it is refused.
    enum BodyOutcome {
        case selected(Selection)
        case refused(ProblemDetails)
    }

    /// Reads a replay or purge body: the filters and `ids`, or why it is refused.
    static func readSelection(_ request: Request) async -> BodyOutcome {
        let instance = request.uri.path
        let object: [String: Any]
        switch await JSONObjectBody.read(request, limit: maxBody, example: #"{"stage": "validation"}"#) {
        case .object(let parsed): object = parsed
        case .refused(let problem): return .refused(problem)
        }
        func violation(_ field: String, _ message: String) -> BodyOutcome {
            .refused(JSONObjectBody.violation(field, message, instance: instance))
        }
        var strings: [String: String] = [:]
        for field in ["stage", "since", "error", "status", "to"] {
            guard let value = object[field], !(value is NSNull) else { continue }
            guard let text = value as? String else { return violation(field, "must be a string") }
            strings[field] = text
        }
        var query: DeadLetterQuery
        do {
            query = try DeadLetterFilter.query(
                stage: strings["stage"],
                since: strings["since"],
                error: strings["error"],
                status: strings["status"]
            )
        } catch {
            return violation(error.parameter, error.message)
        }
        if let ids = object["ids"] {
            guard let list = ids as? [String] else { return violation("ids", "must be an array of strings") }
            query.ids = list
        }
        if let dryRun = object["dryRun"], !(dryRun is Bool) {
            return violation("dryRun", "must be true or false")
        }
        return .selected(Selection(query: query, body: object))
    }

    static func actor(_ request: Request) -> String {
        OrderRoutes.actor(request)
    }

    static func replay(_ request: Request, operations: DeadLetterOperations) async throws -> Response {
        let selection: Selection
        switch await readSelection(request) {
        case .selected(let value): selection = value
        case .refused(let problem): return problem.response
        }
        let to = (selection.body["to"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "original"
        let target: DeadLetterOperations.Target = to == "original" ? .original : .topic(to)
        let dryRun = selection.body["dryRun"] as? Bool ?? false
        do {
            let result = try await operations.replay(
                selection.query,
                to: target,
                dryRun: dryRun,
                actor: actor(request)
            )
            return OrderViews.response(
                .ok,
                [
                    "dryRun": result.dryRun, "selected": result.records.count, "replayed": result.published,
                    "ids": result.records.map(\.id),
                ]
            )
        } catch let failure as DeadLetterOperations.ReplayFailure {
            return ProblemDetails(
                type: ProblemDetails.Types.unavailable,
                title: "Replay incomplete",
                status: 503,
                detail: failure.description,
                instance: request.uri.path
            ).response
        }
    }

    static func purge(_ request: Request, operations: DeadLetterOperations) async throws -> Response {
        let selection: Selection
        switch await readSelection(request) {
        case .selected(let value): selection = value
        case .refused(let problem): return problem.response
        }
        guard selection.query.filterDescription != "all" else {
            return ProblemDetails(
                type: ProblemDetails.Types.schemaViolation,
                title: "Schema violation",
                status: 400,
                detail: "A purge needs a filter (stage, since, error, status) or ids.",
                instance: request.uri.path
            ).response
        }
        let count = try await operations.purge(selection.query, actor: actor(request))
        return OrderViews.response(.ok, ["purged": count])
    }
}
