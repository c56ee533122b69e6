import Foundation
import Hummingbird
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging

/// What `POST /v1/orders/{id}/returns` does: checks the request against the order and creates the RMA.
///
/// Refusals, each a problem naming the reason: 404 unknown order; 409 `illegal-transition` when the order has not
/// shipped (its status does not allow `returnToSender` and the returns stage recorded no shipment of it); 422
/// `schema-violation` for an empty or malformed body (field named); 422 `return-refused` for a line not on the
/// order, more pieces than shipped (or ordered, while no shipment is known) minus what earlier RMAs cover, or a
/// return window that has passed. Otherwise the store creates the RMA (number and label, atomically against
/// concurrent requests), `ReturnAuthorized` is published, and the answer is **201** with the RMA and
/// `Location: /v1/returns/{rma}`.
struct ReturnAuthorization: Sendable {
    let api: ReturnAPI

    /// One line of the body as sent; every field optional so that a missing one is named.
    private struct LineBody: Decodable {
        var lineNumber: String?
        var quantity: Int?
        var reason: String?
    }

    /// The parsed request body.
    struct Body {
        var lines: [(lineNumber: String, quantity: Int, reason: String)]
        var resolution: ReturnResolution
        var note: String?
    }

    func create(orderID: OrderID, body object: [String: Any], request: Request, actor: String) async throws
        -> Response
    {
        let instance = request.uri.path
        let idempotency = ReturnIdempotency(
            store: api.store,
            scope: "returns:create:\(orderID.rawValue)",
            request: request,
            body: object
        )
        if let stored = try await idempotency.stored(instance: instance) { return stored }
        let body: Body
        switch Self.parse(object, instance: instance) {
        case .success(let parsed): body = parsed
        case .failure(let refusal): return refusal.response
        }
        guard let record = try await api.store.order(id: orderID) else {
            return OrderRoutes.notFound(orderID, instance: instance)
        }
        let shipments = try await api.store.shipments(orderID: orderID)
        let status = OrderStatus(rawValue: record.status)
        let shippedByStatus = status.map { OrderLifecycle.allows(.returnToSender, from: $0) } ?? false
        guard shippedByStatus || !shipments.isEmpty else {
            return OrderActions.illegal(
                "order \(orderID) is \(record.status): only a shipped or delivered order can be returned",
                instance: instance
            )
        }
        let now = Timestamp.now()
        if let start = try await windowStart(record: record, shipments: shipments) {
            let end = Timestamp(
                microsecondsSinceEpoch: start.microsecondsSinceEpoch + Int64(api.policy.windowDays) * 86_400_000_000
            )
            if now > end {
                return ReturnProblems.refused(
                    "the return window of \(api.policy.windowDays) days from \(start.rfc3339String) ended "
                        + "\(end.rfc3339String)",
                    instance: instance
                )
            }
        }
        let order: CanonicalOrder
        do {
            order = try CanonicalJSON.decodeOrder(from: record.orderJSON)
        } catch {
            return OrderActions.illegal("the order's data cannot be read: \(error)", instance: instance)
        }
        var lines: [ReturnLine] = []
        var returnable: [String: Int] = [:]
        for (index, line) in body.lines.enumerated() {
            guard let orderLine = order.lines.first(where: { $0.lineNumber == line.lineNumber }) else {
                return ReturnProblems.refused(
                    "lines[\(index)].lineNumber: order \(orderID) has no line '\(line.lineNumber)'",
                    field: "lines[\(index)].lineNumber",
                    instance: instance
                )
            }
            lines.append(
                ReturnLine(
                    lineNumber: line.lineNumber,
                    sku: orderLine.sku ?? orderLine.gtin ?? orderLine.buyerSku ?? "",
                    quantity: line.quantity,
                    reason: line.reason
                )
            )
            returnable[line.lineNumber] =
                shipments.isEmpty
                ? (orderLine.pieces ?? 0)
                : shipments.flatMap(\.lines).filter { $0.lineNumber == line.lineNumber }.reduce(0) { $0 + $1.quantity }
        }
        let outcome = try await api.store.authorizeReturn(
            ReturnRequest(
                orderID: orderID,
                lines: lines,
                returnable: returnable,
                resolution: body.resolution,
                returnCarrier: shipments.last?.carrier ?? api.policy.defaultCarrier,
                returnLocationID: shipments.first?.locationID,
                note: body.note,
                authorizedBy: actor,
                authorizedAt: now
            )
        )
        let rma: ReturnRecord
        switch outcome {
        case .refused(let refusals):
            let first = refusals[0]
            let index = body.lines.firstIndex { $0.lineNumber == first.lineNumber } ?? 0
            let basis = shipments.isEmpty ? "ordered" : "shipped"
            return ReturnProblems.refused(
                "lines[\(index)].quantity: \(first.requested) pieces of line \(first.lineNumber) asked, "
                    + "\(first.remaining) left to return (\(basis) \(returnable[first.lineNumber] ?? 0), "
                    + "minus earlier RMAs)",
                field: "lines[\(index)].quantity",
                instance: instance
            )
        case .authorized(let created):
            rma = created
        }
        let event = EventEnvelope(
            // Derived from the RMA number: publishing it again yields the same event id.
            id: EventID.derived(from: EventID(rawValue: rma.rmaNumber), stage: "returns-api"),
            source: ReturnRoutes.source,
            subject: orderID.rawValue,
            time: now,
            correlationID: CorrelationID(EventID.derived(from: EventID(rawValue: rma.rmaNumber), stage: "returns-api")),
            data: ReturnAuthorized(
                rmaNumber: rma.rmaNumber,
                orderId: orderID,
                lines: rma.lines,
                resolution: rma.resolution,
                returnCarrier: rma.returnCarrier,
                returnTrackingNumber: rma.returnTrackingNumber,
                authorizedBy: actor,
                authorizedAt: rma.authorizedAt
            )
        )
        do {
            _ = try await api.producer.send(try EventMessage.make(event, topic: KontorTopics.returnAuthorized))
        } catch {
            api.logger.error(
                "RMA created but its event was not published",
                metadata: ["kontor.rma": "\(rma.rmaNumber)", "kontor.error": "\(error)"]
            )
            return ReturnProblems.unavailable(
                "\(rma.rmaNumber) was created, but its event was not published: \(error)",
                instance: instance
            )
        }
        api.logger.info("RMA created", metadata: ["kontor.rma": "\(rma.rmaNumber)", "kontor.actor": "\(actor)"])
        let shipTo = try await rma.returnLocationID.asyncFlatMap { try await api.store.location(id: $0)?.address }
        return try await idempotency.save(
            status: .created,
            body: ReturnViews.summary(rma, shipFrom: order.shipTo, shipTo: shipTo),
            headers: [.location: "/v1/returns/\(rma.rmaNumber)"]
        )
    }

    /// The window starts at the last delivery the timeline shows, else at the last shipment.
    private func windowStart(record: OrderRecord, shipments: [ShipmentRecord]) async throws -> Timestamp? {
        let timeline = try await api.store.timeline(orderID: record.orderID)
        if let delivered = timeline.filter({ $0.status == OrderStatus.delivered.rawValue }).map(\.at).max() {
            return delivered
        }
        let shippedStatuses = [OrderStatus.shipped.rawValue, OrderStatus.partiallyShipped.rawValue]
        let shipped = shipments.map(\.shippedAt) + timeline.filter { shippedStatuses.contains($0.status) }.map(\.at)
        return shipped.max()
    }

    /// The body, or the 422 naming the field that is wrong.
    static func parse(_ object: [String: Any], instance: String) -> Result<Body, ProblemResponse> {
        func invalid(_ field: String, _ message: String) -> Result<Body, ProblemResponse> {
            .failure(ProblemResponse(response: ReturnProblems.invalid(field, message, instance: instance)))
        }
        guard let rawLines = object["lines"] else {
            return invalid("lines", "at least one line {lineNumber, quantity, reason} is required")
        }
        guard let array = rawLines as? [Any], !array.isEmpty else {
            return invalid("lines", "must be a non-empty array of {lineNumber, quantity, reason}")
        }
        var lines: [(lineNumber: String, quantity: Int, reason: String)] = []
        for (index, element) in array.enumerated() {
            let path = "lines[\(index)]"
            guard element is [String: Any], let data = try? JSONSerialization.data(withJSONObject: element) else {
                return invalid(path, "must be an object")
            }
            // JSONDecoder refuses `true` and 1.5 as an Int, which JSONSerialization's numbers do not tell apart.
            let line: LineBody
            do {
                line = try JSONDecoder().decode(LineBody.self, from: data)
            } catch let DecodingError.typeMismatch(_, context) {
                return invalid("\(path).\(context.codingPath.first?.stringValue ?? "quantity")", "has the wrong type")
            } catch {
                return invalid("\(path).quantity", "a whole number of pieces, at least 1, is required")
            }
            guard let lineNumber = line.lineNumber, !lineNumber.isEmpty else {
                return invalid("\(path).lineNumber", "a line number (string) is required")
            }
            guard let quantity = line.quantity, quantity >= 1 else {
                return invalid("\(path).quantity", "a whole number of pieces, at least 1, is required")
            }
            let reason = line.reason ?? "unspecified"
            guard !reason.isEmpty else { return invalid("\(path).reason", "must be a non-empty string") }
            lines.append((lineNumber, quantity, reason))
        }
        guard let rawResolution = object["resolution"] as? String,
            let resolution = ReturnResolution(rawValue: rawResolution)
        else {
            return invalid("resolution", "must be \"refund\" or \"exchange\"")
        }
        let note = object["note"]
        if let note, !(note is String) && !(note is NSNull) { return invalid("note", "must be a string") }
        let text = (note as? String).flatMap { $0.isEmpty ? nil : $0 }
        return .success(Body(lines: lines, resolution: resolution, note: text))
    }
}

/// A problem answer carried through a `Result`.
struct ProblemResponse: Error {
    var response: Response
}

extension Optional {
    /// `flatMap` with an async, throwing transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
