import Foundation
import KontorTestSupport

/// What the order-life tests send as the outside world: a WMS's confirmations, carriers' tracking webhooks, and
/// waits on the test SMTP server.
enum OrderLife {
    /// `date` as RFC 3339 in UTC, as WMSs and carriers send it.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Posts a canonical warehouse confirmation to `POST /v1/wms/confirmations`; `extra` holds the kind's own fields
    /// (`lines`, `parcels`, `carrier`, ...).
    static func confirm(
        _ base: String,
        id: String,
        taskID: String,
        orderID: String,
        kind: String,
        at date: Date,
        extra: [String: Any] = [:]
    ) async throws -> HTTPClient.Reply {
        var body: [String: Any] = [
            "confirmationId": id, "taskId": taskID, "orderId": orderID, "kind": kind, "occurredAt": timestamp(date),
        ]
        body.merge(extra) { _, new in new }
        return try await HTTPClient.request(
            "POST",
            "\(base)/v1/wms/confirmations",
            body: try JSONSerialization.data(withJSONObject: body)
        )
    }

    /// An EasyPost `tracker.updated` webhook event for `trackingNumber` with one scan.
    static func easyPostTrackerUpdated(
        trackingNumber: String,
        carrier: String,
        status: String,
        message: String,
        city: String,
        state: String,
        at date: Date
    ) -> Data {
        let time = timestamp(date)
        let event: [String: Any] = [
            "object": "Event", "id": "evt_\(UUID().uuidString.prefix(8))", "description": "tracker.updated",
            "result": [
                "object": "Tracker", "id": "trk_\(trackingNumber)", "tracking_code": trackingNumber,
                "carrier": carrier, "status": status, "updated_at": time,
                "tracking_details": [
                    [
                        "object": "TrackingDetail", "message": message, "status": status, "datetime": time,
                        "tracking_location": ["city": city, "state": state, "country": "US"],
                    ]
                ],
            ] as [String: Any],
        ]
        return try! JSONSerialization.data(withJSONObject: event)
    }

    /// A DHL Shipment Tracking (Unified API) push for `trackingNumber` with one scan.
    static func dhlShipment(
        trackingNumber: String,
        statusCode: String,
        description: String,
        city: String,
        postalCode: String,
        country: String,
        at date: Date
    ) -> Data {
        let scan: [String: Any] = [
            "timestamp": timestamp(date),
            "location": ["address": ["countryCode": country, "postalCode": postalCode, "addressLocality": city]],
            "statusCode": statusCode, "status": statusCode.uppercased(), "description": description,
        ]
        let body: [String: Any] = [
            "shipments": [["id": trackingNumber, "service": "express", "status": scan, "events": [scan]]]
        ]
        return try! JSONSerialization.data(withJSONObject: body)
    }

    /// The messages `mail` received once `condition` holds for them (or the last ones read after `limit`).
    static func waitForMail(
        _ mail: LocalSMTPServer,
        limit: Duration = .seconds(60),
        until condition: ([ReceivedMail]) -> Bool
    ) async throws -> [ReceivedMail] {
        let deadline = ContinuousClock.now + limit
        while true {
            let received = try mail.messages()
            if condition(received) || ContinuousClock.now >= deadline { return received }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The order's timeline entries' event types, oldest first.
    static func timelineTypes(_ order: [String: Any]) -> [String] {
        (order["timeline"] as? [[String: Any]] ?? []).compactMap { $0["eventType"] as? String }
    }
}
