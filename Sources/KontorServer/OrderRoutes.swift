import Foundation
import HTTPTypes
import Hummingbird
import KontorModel
import KontorStore
import NIOCore

/// The orders' read API and actions:
/// - `GET /v1/orders`: one page of order summaries, newest first (filters in ``OrderListParameters``), with
///   `nextCursor` and, on the first page, `counts` by status and channel.
/// - `GET /v1/orders/{id}`: the order's record, lines, allocation, timeline and possible actions; 404 when unknown.
/// - `POST /v1/orders/{id}/cancel`, `/hold`, `/release`: see ``OrderActions``; optional JSON body `{reason}` or
///   `{note}`, recorded under the token's name (see ``actor(_:)``).
enum OrderRoutes {
    /// The header naming who performs an action.
    static let actorHeader = HTTPField.Name("X-Kontor-Actor")!

    /// Who an action is recorded under: the authenticated token's name (or `dashboard` for a password session); a
    /// client acting for a person names them in `X-Kontor-Actor`, recorded as `<token> for <person>`. Without access
    /// control, the header alone, else `api`.
    static func actor(_ request: Request) -> String {
        let named = request.headers[actorHeader].flatMap { $0.isEmpty ? nil : $0 }
        switch (Principal.current?.name, named) {
        case (let token?, let person?) where person != token: return "\(token) for \(person)"
        case (let token?, _): return token
        case (nil, let person?): return person
        case (nil, nil): return "api"
        }
    }

    /// The largest action body read.
    static let maxActionBody = 16 * 1024

    static func add(_ api: OrderAPI, to router: Router<BasicRequestContext>) {
        router.get("/v1/orders") { request, _ in
            try await list(request, store: api.store)
        }
        router.get("/v1/orders/:id") { request, context in
            let orderID = OrderID(context.parameters.decoded("id"))
            guard let record = try await api.store.order(id: orderID) else {
                return notFound(orderID, instance: request.uri.path)
            }
            let timeline = try await api.store.timeline(orderID: orderID)
            var body = OrderViews.detail(record, timeline: timeline)
            if let shipments = api.shipments {
                body["shipments"] = ShipmentViews.shipments(try await shipments.pickTasks(orderID: orderID))
            }
            if let returns = api.returns {
                body.merge(try await ReturnViews.ofOrder(orderID, store: returns)) { _, new in new }
            }
            if let tracking = api.store as? any TrackingStore {
                let shipments = body["shipments"] as? [[String: Any]] ?? []
                body.merge(try await OrderTrackingView.fields(orderID, store: tracking, shipments: shipments)) { $1 }
            }
            return OrderViews.response(.ok, body)
        }
        let actions = OrderActions(api: api)
        for action in OrderActions.Action.allCases {
            router.post("/v1/orders/:id/\(action.rawValue)") { request, context in
                let orderID = OrderID(context.parameters.decoded("id"))
                let instance = request.uri.path
                let text: String?
                switch await actionText(request) {
                case .text(let value): text = value
                case .refused(let problem): return problem.response
                }
                let actor = Self.actor(request)
                return try await actions.perform(action, orderID: orderID, text: text, actor: actor, instance: instance)
            }
        }
    }

    static func list(_ request: Request, store: any OrderReadModelStore) async throws -> Response {
        let parameters: OrderListParameters
        do {
            parameters = try OrderListParameters(
                request.uri.queryParameters.map { (key: String($0.key), value: String($0.value)) }
            )
        } catch {
            return invalid(error.parameter, error.message, instance: request.uri.path)
        }
        let page: OrderPage
        do {
            page = try await store.searchOrders(parameters.query)
        } catch StoreError.invalidCursor {
            return invalid("cursor", "not a cursor this API handed out", instance: request.uri.path)
        }
        var body: [String: Any] = [
            "orders": page.records.map(OrderViews.summary),
            "nextCursor": page.nextCursor ?? NSNull(),
        ]
        if parameters.includesCounts {
            let counts = try await store.orderCounts(parameters.query)
            body["counts"] =
                [
                    "total": counts.total,
                    "byStatus": counts.byStatus,
                    "byChannel": Dictionary(uniqueKeysWithValues: counts.byChannel.map { ($0.key.rawValue, $0.value) }),
                ] as [String: Any]
        }
        return OrderViews.response(.ok, body)
    }

    /// An action's body: its text, or why it was refused.
    enum ActionBody {
        case text(String?)
        case refused(ProblemDetails)
    }

    /// The `reason` or `note` of an action's optional JSON body.
    static func actionText(_ request: Request) async -> ActionBody {
        let object: [String: Any]
        switch await JSONObjectBody.read(request, limit: maxActionBody, example: #"{"reason": "..."}"#) {
        case .object(let parsed): object = parsed
        case .refused(let problem): return .refused(problem)
        }
        for field in ["reason", "note"] {
            guard let value = object[field] else { continue }
            guard let text = value as? String else {
                return .refused(JSONObjectBody.violation(field, "must be a string", instance: request.uri.path))
            }
            return .text(text.isEmpty ? nil : text)
        }
        return .text(nil)
    }

    static func notFound(_ orderID: OrderID, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.notFound,
            title: "Unknown order",
            status: 404,
            detail: "No order with id '\(orderID)'.",
            instance: instance
        ).response
    }

    static func invalid(_ parameter: String, _ message: String, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.invalidParameter,
            title: "Invalid query parameter",
            status: 400,
            detail: "\(parameter): \(message)",
            instance: instance,
            field: parameter
        ).response
    }
}
