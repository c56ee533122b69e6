import Foundation
import Hummingbird
import KontorModel
import KontorStore

/// The JSON the order API answers with: summaries for lists, the detail view of one order.
enum OrderViews {
    /// `{orderId, orderNumber, channel, customerId, customerName, status, total: {amount, currency}, createdAt,
    /// updatedAt, version}`; absent values are `null`.
    static func summary(_ record: OrderRecord) -> [String: Any] {
        var total: Any = NSNull()
        if let amount = record.totalAmount {
            total = ["amount": amount.description, "currency": record.currency?.rawValue ?? NSNull()] as [String: Any]
        }
        return [
            "orderId": record.orderID.rawValue,
            "orderNumber": record.orderNumber,
            "channel": record.channel.rawValue,
            "customerId": record.customerID ?? NSNull(),
            "customerName": record.customerName ?? NSNull(),
            "status": record.status,
            "total": total,
            "createdAt": record.createdAt.rfc3339String,
            "updatedAt": record.updatedAt.rfc3339String,
            "version": record.version,
        ]
    }

    /// The summary plus `order` (the canonical order, `null` until an event carrying it arrived), `lines`,
    /// `allocation` (`{status, shipments, backorders, reservations, decision}` or `null`), `timeline` (by time, then
    /// arrival) and `actions`
    /// (whether cancel, hold and release are possible now).
    static func detail(_ record: OrderRecord, timeline: [TimelineEntry]) -> [String: Any] {
        var body = summary(record)
        let order = parsed(record.orderJSON)
        body["order"] = order
        body["lines"] = (order as? [String: Any])?["lines"] ?? [Any]()
        body["allocation"] = record.allocationJSON.map(parsed) ?? NSNull()
        // In the order things happened: the projection may read a later event first (events of one order travel on
        // different topics), so the timeline's sequence is the order of arrival.
        let happened = timeline.sorted {
            ($0.at.microsecondsSinceEpoch, $0.sequence) < ($1.at.microsecondsSinceEpoch, $1.sequence)
        }
        body["timeline"] = happened.map { entry -> [String: Any] in
            [
                "sequence": entry.sequence,
                "at": entry.at.rfc3339String,
                "stage": entry.stage,
                "eventType": entry.eventType,
                "status": entry.status,
                "details": entry.reasonsJSON.map { parsed(Data($0.utf8)) } ?? NSNull(),
                "eventId": entry.eventID,
            ]
        }
        let status = OrderStatus(rawValue: record.status)
        body["actions"] = [
            "cancel": status.map { OrderLifecycle.allows(.cancel, from: $0) } ?? false,
            "hold": status.map { OrderLifecycle.allows(.hold, from: $0) } ?? false,
            "release": status.map { OrderLifecycle.allows(.release, from: $0) } ?? false,
        ]
        return body
    }

    /// A JSON response with `body` (sorted keys, unescaped slashes).
    static func response(_ status: HTTPResponse.Status, _ body: [String: Any]) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// Stored JSON as an object for embedding; `null` when empty or unreadable.
    private static func parsed(_ data: Data) -> Any {
        guard !data.isEmpty, let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return NSNull() }
        return value
    }
}
