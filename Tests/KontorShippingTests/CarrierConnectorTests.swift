import Foundation
import HTTPTypes
import Hummingbird
import KontorModel
import KontorShipping
import KontorTestSupport
import NIOCore
import Testing

/// The carrier's API is stood in for by a real local HTTP server (Hummingbird on loopback) speaking the generic
/// JSON carrier API; the connector talks to it over libcurl as it would to a carrier.
@Suite("Carrier connector against a local HTTP server standing in for the carrier's API")
struct CarrierConnectorTests {
    /// What the stand-in server saw (header names in lower case).
    actor Recorder {
        struct Recorded: Sendable {
            var path: String
            var headers: [String: String]
            var bodyBytes: [UInt8]

            /// The body as a JSON object (empty when it is not one).
            var body: [String: Any] {
                (try? JSONSerialization.jsonObject(with: Data(bodyBytes))) as? [String: Any] ?? [:]
            }
        }

        var requests: [Recorded] = []
        func record(_ request: Recorded) {
            requests.append(request)
        }
        var count: Int { requests.count }
    }

    private static func record(_ request: Request, into recorder: Recorder) async throws {
        let body = try await request.body.collect(upTo: 1_000_000)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        await recorder.record(.init(path: request.uri.path, headers: headers, bodyBytes: Array(buffer: body)))
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    private func labelRequest(parcels: Int = 2) -> LabelBookingRequest {
        let task = Fixtures.pickTask()
        return LabelBookingRequest(
            reference: task.taskId,
            service: "dhl-paket",
            shipFrom: Fixtures.leipzig,
            shipTo: task.shipTo,
            parcels: (0..<parcels).map { Parcel(weightGrams: 2000 + $0, lengthMm: 400, widthMm: 300, heightMm: 200) },
            format: .zpl
        )
    }

    @Test("A 503 is retried; the booking returns tracking numbers and the labels; token and idempotency key are sent")
    func bookAfterRetry() async throws {
        let recorder = Recorder()
        let router = Router()
        router.post("/dhl/v1/labels") { request, _ -> Response in
            try await Self.record(request, into: recorder)
            if await recorder.count == 1 {
                return Self.json(.serviceUnavailable, #"{"message": "maintenance"}"#)
            }
            let labels = ["^XA^FDone^FS^XZ", "^XA^FDtwo^FS^XZ"].map { Data($0.utf8).base64EncodedString() }
            return Self.json(
                .created,
                """
                {"shipmentId": "S-77", "labelFormat": "zpl", "parcels": [
                  {"trackingNumber": "JJD000390007712345", "label": "\(labels[0])"},
                  {"trackingNumber": "JJD000390007712346", "label": "\(labels[1])"}]}
                """
            )
        }
        try await withLocalServer(router) { base in
            let connector = CarrierConnector(
                carrier: "dhl",
                baseURL: "\(base)/dhl/v1/",
                token: "secret-token",
                backoff: .milliseconds(10)
            )
            let booked = try await connector.bookLabels(labelRequest())
            #expect(booked.shipmentId == "S-77")
            #expect(booked.format == .zpl)
            #expect(booked.parcels.map(\.trackingNumber) == ["JJD000390007712345", "JJD000390007712346"])
            #expect(String(decoding: booked.parcels[1].label, as: UTF8.self) == "^XA^FDtwo^FS^XZ")
        }
        let requests = await recorder.requests
        #expect(requests.count == 2)
        let last = try #require(requests.last)
        #expect(last.headers["authorization"] == "Bearer secret-token")
        #expect(last.headers["idempotency-key"] == "ord-1001-WH-DE-LEJ-1")
        #expect(last.body["reference"] as? String == "ord-1001-WH-DE-LEJ-1")
        #expect(last.body["service"] as? String == "dhl-paket")
        #expect(last.body["labelFormat"] as? String == "zpl")
        #expect((last.body["shipTo"] as? [String: Any])?["name"] as? String == "Jürgen Weiß")
        #expect((last.body["shipFrom"] as? [String: Any])?["postalCode"] as? String == "04158")
        let parcels = try #require(last.body["parcels"] as? [[String: Any]])
        #expect(parcels.map { $0["weightGrams"] as? Int } == [2000, 2001])
    }

    @Test("A 400 is not retried and its message comes back in the error")
    func rejected() async throws {
        let recorder = Recorder()
        let router = Router()
        router.post("/labels") { request, _ -> Response in
            try await Self.record(request, into: recorder)
            return Self.json(
                .badRequest,
                #"{"error": {"code": "invalid-postal-code", "message": "shipTo.postalCode: 5066 is not a German postal code"}}"#
            )
        }
        try await withLocalServer(router) { base in
            let connector = CarrierConnector(carrier: "dhl", baseURL: base, backoff: .milliseconds(10))
            await #expect {
                _ = try await connector.bookLabels(labelRequest())
            } throws: { error in
                guard let error = error as? CarrierAPIError else { return false }
                return error.kind == .rejected(status: 400) && !error.isTransient
                    && error.description
                        == "dhl label booking for ord-1001-WH-DE-LEJ-1 refused (HTTP 400): invalid-postal-code: "
                        + "shipTo.postalCode: 5066 is not a German postal code"
            }
        }
        #expect(await recorder.count == 1)
    }

    @Test("A carrier that keeps failing gives up after the configured attempts")
    func unavailable() async throws {
        let recorder = Recorder()
        let router = Router()
        router.post("/labels") { request, _ -> Response in
            try await Self.record(request, into: recorder)
            return Self.json(.badGateway, "")
        }
        try await withLocalServer(router) { base in
            let connector = CarrierConnector(carrier: "ups", baseURL: base, maxAttempts: 3, backoff: .milliseconds(5))
            await #expect {
                _ = try await connector.bookLabels(labelRequest())
            } throws: { error in
                guard let error = error as? CarrierAPIError else { return false }
                return error.kind == .unavailable && error.isTransient
                    && error.message == "3 attempt(s), last: HTTP 502: no explanation given"
            }
        }
        #expect(await recorder.count == 3)
    }

    @Test("An answer with fewer labels than parcels is an unreadable answer, naming the field")
    func malformed() async throws {
        let router = Router()
        router.post("/labels") { _, _ -> Response in
            Self.json(.created, #"{"parcels": [{"trackingNumber": "1Z999AA10123456784", "label": "XlhB"}]}"#)
        }
        try await withLocalServer(router) { base in
            let connector = CarrierConnector(carrier: "ups", baseURL: base)
            await #expect {
                _ = try await connector.bookLabels(labelRequest(parcels: 2))
            } throws: { error in
                (error as? CarrierAPIError)?.kind == .malformedResponse
                    && (error as? CarrierAPIError)?.message == "parcels: 1 label(s) for 2 parcel(s)"
            }
        }
    }

    @Test("A pickup is scheduled with the parcels' tracking numbers")
    func pickup() async throws {
        let recorder = Recorder()
        let router = Router()
        router.post("/pickups") { request, _ -> Response in
            try await Self.record(request, into: recorder)
            return Self.json(.ok, #"{"pickupId": "PU-4711", "date": "2025-03-03"}"#)
        }
        try await withLocalServer(router) { base in
            let carrier = Carrier(
                id: "dhl",
                name: "DHL",
                api: CarrierEndpoint(baseUrl: base, tokenEnv: "KONTOR_TEST_CARRIER_TOKEN"),
                services: []
            )
            let connector = try CarrierConnector(carrier, environment: ["KONTOR_TEST_CARRIER_TOKEN": "t-1"])
            let confirmation = try await connector.schedulePickup(
                PickupRequest(
                    reference: "WH-DE-LEJ-2025-03-03",
                    address: Fixtures.leipzig,
                    date: KontorDate("2025-03-03")!,
                    readyFrom: "14:00",
                    readyUntil: "17:00",
                    trackingNumbers: ["JJD000390007712345"],
                    totalWeightGrams: 2000
                )
            )
            #expect(confirmation == PickupConfirmation(pickupId: "PU-4711", date: KontorDate("2025-03-03")!))
        }
        let request = try #require(await recorder.requests.first)
        #expect(request.headers["authorization"] == "Bearer t-1")
        #expect(request.body["trackingNumbers"] as? [String] == ["JJD000390007712345"])
        #expect(request.body["readyUntil"] as? String == "17:00")
        #expect((request.body["address"] as? [String: Any])?["city"] as? String == "Leipzig")
    }
}
