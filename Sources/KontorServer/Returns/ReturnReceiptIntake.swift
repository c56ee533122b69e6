import Foundation
import Hummingbird
import KontorConnectors
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers

/// What `POST /v1/returns/{rma}/receipt` does: a WMS reports returned goods as `{locationId, lines: [{lineNumber,
/// quantity, condition}], receivedAt}` (`condition`: `resalable`, `damaged` or `defective`; `receivedAt` optional,
/// RFC 3339). The receipt is checked against the RMA (404 unknown RMA; 422 naming the field for an unknown location,
/// a line not on the RMA, more pieces than outstanding) and published as the canonical `ReturnReceived` to
/// `kontor.return.received.v1`, answered **202** once the broker acknowledged it. The returns stage then restocks or
/// quarantines and refunds or exchanges. The event id derives from the `Idempotency-Key` (else the body), so a
/// retried receipt is booked once.
struct ReturnReceiptIntake: Sendable {
    let api: ReturnAPI

    private struct LineBody: Decodable {
        var lineNumber: String?
        var quantity: Int?
        var condition: String?
    }

    private struct ReceiptBody: Decodable {
        var locationId: String?
        var lines: [LineBody]?
        var receivedAt: String?
    }

    /// `raw` is the body as received: a refused receipt (422) keeps it on the quarantine topic and names the record
    /// in the answer, so the goods the WMS reported are not lost.
    func receive(
        rmaNumber: String,
        body object: [String: Any],
        raw: [UInt8],
        request: Request
    ) async throws -> Response {
        let instance = request.uri.path
        func keep(_ reason: String, field: String?) async -> String? {
            await api.quarantine?.keep(
                raw,
                reason: "return receipt for \(rmaNumber): \(reason)",
                field: field,
                source: "http-returns",
                contentType: request.headers[.contentType]
            )
        }
        func invalid(_ field: String, _ message: String, instance: String) async -> Response {
            let quarantineID = await keep("\(field): \(message)", field: field)
            return ReturnProblems.invalid(field, message, instance: instance, quarantineId: quarantineID)
        }
        let idempotency = ReturnIdempotency(
            store: api.store,
            scope: "returns:receipt:\(rmaNumber)",
            request: request,
            body: object
        )
        if let stored = try await idempotency.stored(instance: instance) { return stored }
        guard let rma = try await api.store.returnAuthorization(rmaNumber: rmaNumber) else {
            return ReturnProblems.unknownRMA(rmaNumber, instance: instance)
        }
        let body: ReceiptBody
        do {
            body = try JSONDecoder().decode(ReceiptBody.self, from: try JSONSerialization.data(withJSONObject: object))
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
                .joined()
            return await invalid(String(field.drop { $0 == "." }), "has the wrong type", instance: instance)
        } catch {
            return await invalid(
                "lines",
                "quantities are whole numbers of pieces: \(error)",
                instance: instance
            )
        }
        guard let locationID = body.locationId, !locationID.isEmpty else {
            return await invalid("locationId", "the receiving location is required", instance: instance)
        }
        guard try await api.store.location(id: locationID) != nil else {
            return await invalid("locationId", "no location '\(locationID)'", instance: instance)
        }
        guard let rawLines = body.lines, !rawLines.isEmpty else {
            return await invalid(
                "lines",
                "at least one line {lineNumber, quantity, condition}",
                instance: instance
            )
        }
        var lines: [ReceivedReturnLine] = []
        for (index, line) in rawLines.enumerated() {
            guard let lineNumber = line.lineNumber, !lineNumber.isEmpty else {
                return await invalid("lines[\(index)].lineNumber", "is required", instance: instance)
            }
            guard let quantity = line.quantity, quantity >= 1 else {
                return await invalid(
                    "lines[\(index)].quantity",
                    "a whole number of pieces, at least 1, is required",
                    instance: instance
                )
            }
            guard let condition = line.condition.flatMap(ReturnCondition.init(rawValue:)) else {
                return await invalid(
                    "lines[\(index)].condition",
                    "must be resalable, damaged or defective",
                    instance: instance
                )
            }
            let sku = rma.lines.first { $0.lineNumber == lineNumber }?.sku ?? ""
            lines.append(
                ReceivedReturnLine(
                    lineNumber: lineNumber,
                    sku: sku,
                    quantity: quantity,
                    condition: condition,
                    restocked: condition == .resalable
                )
            )
        }
        var receivedAt = Timestamp.now()
        if let text = body.receivedAt {
            guard let parsed = Timestamp(rfc3339: text) else {
                return await invalid("receivedAt", "an RFC 3339 timestamp is required", instance: instance)
            }
            receivedAt = parsed
        }
        let basis = idempotency.key.map { "key:\($0)" } ?? "body:\(idempotency.requestHash)"
        let eventID = EventID.derived(from: EventID(rawValue: rmaNumber), stage: "receipt/\(basis)")
        let candidate = ReturnReceiptRecord(
            receiptID: eventID.rawValue,
            rmaNumber: rmaNumber,
            receiptNumber: 0,
            locationID: locationID,
            lines: lines,
            receivedAt: receivedAt
        )
        let earlier = try await api.store.returnReceipts(rmaNumber: rmaNumber)
        // A receipt already booked under this id (a retry) is published again unchanged; the stage books it once.
        if !earlier.contains(where: { $0.receiptID == eventID.rawValue }),
            let problem = rma.receiptProblem(candidate, earlier: earlier)
        {
            let named = problem.split(separator: ":").first.map(String.init)
            let field = named?.contains(" ") == true ? nil : named
            let quarantineID = await keep(problem, field: field)
            return ReturnProblems.refused(problem, field: field, instance: instance, quarantineId: quarantineID)
        }
        let event = EventEnvelope(
            id: eventID,
            source: ReturnRoutes.source,
            subject: rma.orderID.rawValue,
            time: receivedAt,
            correlationID: CorrelationID(eventID),
            data: ReturnReceived(
                rmaNumber: rmaNumber,
                orderId: rma.orderID,
                locationId: locationID,
                lines: lines,
                receivedAt: receivedAt
            )
        )
        let message = try EventMessage.make(event, topic: KontorTopics.returnReceived)
        do {
            _ = try await api.producer.send(message)
        } catch {
            return ReturnProblems.unavailable("the receipt was not published: \(error)", instance: instance)
        }
        // Recorded as the order's progress, so that `kontor run` publishes it again if the embedded cluster lost it.
        if let progress = PipelineProgress.event(for: message, stage: "api", step: 0) {
            try? await api.store.recordProgress([progress])
        }
        return try await idempotency.save(
            status: .accepted,
            body: [
                "rmaNumber": rmaNumber, "orderId": rma.orderID.rawValue, "eventId": eventID.rawValue,
                "status": "received", "topic": KontorTopics.returnReceived,
            ]
        )
    }
}
