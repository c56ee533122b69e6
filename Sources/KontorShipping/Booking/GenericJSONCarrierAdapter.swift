import Foundation
import KontorHTTPClient
import KontorModel

/// The generic JSON carrier API (documented in the module README):
///
/// - `POST {baseUrl}/labels` with `{reference, service, labelFormat, shipFrom, shipTo, parcels: [{weightGrams,
///   lengthMm, widthMm, heightMm}]}` answers `{shipmentId, labelFormat, parcels: [{trackingNumber, label}]}`, the
///   label base64-encoded, one per parcel in order.
/// - `POST {baseUrl}/pickups` with `{reference, address, date, readyFrom, readyUntil, trackingNumbers,
///   totalWeightGrams}` answers `{pickupId, date}`.
/// - Errors answer `{"error": {"code", "message"}}` or `{"message"}`.
///
/// Addresses are Kontor's ``Address`` JSON. Both requests carry `Idempotency-Key: <reference>`.
public struct GenericJSONCarrierAdapter: CarrierAPIAdapter {
    /// The adapter.
    public init() {}

    public func labelRequest(_ request: LabelBookingRequest, baseURL: String) throws(CarrierAdapterFailure)
        -> HTTPClientRequest
    {
        let body = LabelBody(
            reference: request.reference,
            service: request.service,
            labelFormat: request.format,
            shipFrom: request.shipFrom,
            shipTo: request.shipTo,
            parcels: request.parcels.map {
                ParcelBody(
                    weightGrams: $0.weightGrams,
                    lengthMm: $0.lengthMm,
                    widthMm: $0.widthMm,
                    heightMm: $0.heightMm
                )
            }
        )
        return try post(body, to: baseURL + "/labels", reference: request.reference)
    }

    public func labels(from response: HTTPClientResponse, for request: LabelBookingRequest)
        throws(CarrierAdapterFailure) -> BookedLabels
    {
        let answer: LabelAnswer = try decode(response)
        guard answer.parcels.count == request.parcels.count else {
            throw CarrierAdapterFailure(
                "parcels: \(answer.parcels.count) label(s) for \(request.parcels.count) parcel(s)"
            )
        }
        var parcels: [BookedParcel] = []
        for (index, parcel) in answer.parcels.enumerated() {
            guard !parcel.trackingNumber.isEmpty else {
                throw CarrierAdapterFailure("parcels[\(index)].trackingNumber: empty")
            }
            guard let label = Data(base64Encoded: parcel.label), !label.isEmpty else {
                throw CarrierAdapterFailure("parcels[\(index)].label: not base64")
            }
            parcels.append(BookedParcel(trackingNumber: parcel.trackingNumber, label: Array(label)))
        }
        return BookedLabels(
            shipmentId: answer.shipmentId,
            parcels: parcels,
            format: answer.labelFormat ?? request.format
        )
    }

    public func pickupRequest(_ request: PickupRequest, baseURL: String) throws(CarrierAdapterFailure)
        -> HTTPClientRequest
    {
        let body = PickupBody(
            reference: request.reference,
            address: request.address,
            date: request.date,
            readyFrom: request.readyFrom,
            readyUntil: request.readyUntil,
            trackingNumbers: request.trackingNumbers,
            totalWeightGrams: request.totalWeightGrams
        )
        return try post(body, to: baseURL + "/pickups", reference: request.reference)
    }

    public func pickup(from response: HTTPClientResponse, for request: PickupRequest) throws(CarrierAdapterFailure)
        -> PickupConfirmation
    {
        let answer: PickupAnswer = try decode(response)
        guard !answer.pickupId.isEmpty else { throw CarrierAdapterFailure("pickupId: empty") }
        return PickupConfirmation(pickupId: answer.pickupId, date: answer.date)
    }

    public func errorMessage(from response: HTTPClientResponse) -> String {
        if let answer = try? JSONDecoder().decode(ErrorAnswer.self, from: Data(response.body)),
            let message = answer.error?.message ?? answer.message
        {
            return answer.error?.code.map { "\($0): \(message)" } ?? message
        }
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no explanation given" : String(text.prefix(300))
    }

    private func post(_ body: some Encodable, to url: String, reference: String) throws(CarrierAdapterFailure)
        -> HTTPClientRequest
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(body)
        } catch {
            throw CarrierAdapterFailure("cannot encode the request: \(error)")
        }
        return HTTPClientRequest(
            method: "POST",
            url: url,
            headers: [
                ("Content-Type", "application/json"), ("Accept", "application/json"), ("Idempotency-Key", reference),
            ],
            body: Array(data)
        )
    }

    private func decode<Answer: Decodable>(_ response: HTTPClientResponse) throws(CarrierAdapterFailure) -> Answer {
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(response.body))
        } catch DecodingError.keyNotFound(let key, let context) {
            throw CarrierAdapterFailure("\(Self.path(context.codingPath + [key])): missing")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw CarrierAdapterFailure("\(Self.path(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw CarrierAdapterFailure("not the expected JSON: \(String(response.bodyText.prefix(200)))")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }
            .description
    }

    private struct LabelBody: Encodable {
        var reference: String
        var service: String
        var labelFormat: LabelFormat
        var shipFrom: Address
        var shipTo: Address
        var parcels: [ParcelBody]
    }

    private struct ParcelBody: Encodable {
        var weightGrams: Int?
        var lengthMm: Int?
        var widthMm: Int?
        var heightMm: Int?
    }

    private struct LabelAnswer: Decodable {
        var shipmentId: String?
        var labelFormat: LabelFormat?
        var parcels: [ParcelAnswer]
    }

    private struct ParcelAnswer: Decodable {
        var trackingNumber: String
        var label: String
    }

    private struct PickupBody: Encodable {
        var reference: String
        var address: Address
        var date: KontorDate
        var readyFrom: String
        var readyUntil: String
        var trackingNumbers: [String]
        var totalWeightGrams: Int
    }

    private struct PickupAnswer: Decodable {
        var pickupId: String
        var date: KontorDate
    }

    private struct ErrorAnswer: Decodable {
        struct Detail: Decodable {
            var code: String?
            var message: String?
        }
        var error: Detail?
        var message: String?
    }
}
