import Foundation
import KontorHTTPClient
import KontorModel

/// Books labels and schedules pickups with one carrier over HTTP (libcurl): the carrier's ``CarrierAPIAdapter``
/// shapes the requests; the connector adds the bearer token, retries 5xx, 429 and transport failures with
/// backoff, and turns 4xx into a ``CarrierAPIError`` with the carrier's own explanation.
///
/// Retrying a booking is safe: every request carries its reference as `Idempotency-Key`.
public struct CarrierConnector: Sendable {
    /// Carrier id, for errors.
    public let carrier: String

    /// Base URL of the API.
    public let baseURL: String

    /// The request/response shape.
    public let adapter: any CarrierAPIAdapter

    /// Bearer token, if the API needs one.
    public let token: String?

    /// Attempts per request (at least 1).
    public let maxAttempts: Int

    /// Wait before the second attempt; doubles each further attempt.
    public let backoff: Duration

    private let client = CurlHTTPClient()

    /// A connector.
    public init(
        carrier: String,
        baseURL: String,
        adapter: any CarrierAPIAdapter = GenericJSONCarrierAdapter(),
        token: String? = nil,
        maxAttempts: Int = 3,
        backoff: Duration = .milliseconds(500)
    ) {
        self.carrier = carrier
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.adapter = adapter
        self.token = token
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
    }

    /// The connector for a rate table's carrier: its `api` adapter and base URL, the token read from the
    /// environment variable `api.tokenEnv`.
    /// - Throws: ``CarrierAPIError`` (`notConfigured`) when the carrier has no API or an unknown adapter.
    public init(
        _ carrier: Carrier,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        maxAttempts: Int = 3,
        backoff: Duration = .milliseconds(500)
    ) throws(CarrierAPIError) {
        guard let api = carrier.api, let adapter = CarrierAPIAdapters.adapter(named: api.adapter) else {
            throw CarrierAPIError(
                kind: .notConfigured,
                carrier: carrier.id,
                operation: "booking",
                reference: "-",
                message: "carriers[\(carrier.id)].api: no API or unknown adapter"
            )
        }
        self.init(
            carrier: carrier.id,
            baseURL: api.baseUrl,
            adapter: adapter,
            token: api.tokenEnv.flatMap { environment[$0] },
            maxAttempts: maxAttempts,
            backoff: backoff
        )
    }

    /// Books one label per parcel.
    public func bookLabels(_ request: LabelBookingRequest) async throws(CarrierAPIError) -> BookedLabels {
        let operation = "label booking"
        let fail = failure(operation, request.reference)
        let httpRequest: HTTPClientRequest
        do {
            httpRequest = try adapter.labelRequest(request, baseURL: baseURL)
        } catch {
            throw fail(.notConfigured, error.message)
        }
        let response = try await send(httpRequest, operation: operation, reference: request.reference)
        do {
            return try adapter.labels(from: response, for: request)
        } catch {
            throw fail(.malformedResponse, error.message)
        }
    }

    /// Schedules a pickup.
    public func schedulePickup(_ request: PickupRequest) async throws(CarrierAPIError) -> PickupConfirmation {
        let operation = "pickup"
        let fail = failure(operation, request.reference)
        let httpRequest: HTTPClientRequest
        do {
            httpRequest = try adapter.pickupRequest(request, baseURL: baseURL)
        } catch {
            throw fail(.notConfigured, error.message)
        }
        let response = try await send(httpRequest, operation: operation, reference: request.reference)
        do {
            return try adapter.pickup(from: response, for: request)
        } catch {
            throw fail(.malformedResponse, error.message)
        }
    }

    /// Sends with retries; returns the 2xx answer.
    private func send(_ request: HTTPClientRequest, operation: String, reference: String) async throws(CarrierAPIError)
        -> HTTPClientResponse
    {
        var request = request
        if let token {
            request.headers.append(("Authorization", "Bearer \(token)"))
        }
        let fail = failure(operation, reference)
        var lastProblem = ""
        for attempt in 1...maxAttempts {
            if attempt > 1 {
                // Exponential backoff: backoff, 2 × backoff, 4 × backoff, ...
                try? await Task.sleep(for: backoff * (1 << (attempt - 2)))
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request)
            } catch {
                lastProblem = error.description
                continue
            }
            switch response.status {
            case 200..<300:
                return response
            case 429, 500..<600:
                lastProblem = "HTTP \(response.status): \(adapter.errorMessage(from: response))"
            default:
                throw fail(.rejected(status: response.status), adapter.errorMessage(from: response))
            }
        }
        throw fail(.unavailable, "\(maxAttempts) attempt(s), last: \(lastProblem)")
    }

    private func failure(_ operation: String, _ reference: String) -> (CarrierAPIError.Kind, String) -> CarrierAPIError
    {
        { kind, message in
            CarrierAPIError(kind: kind, carrier: carrier, operation: operation, reference: reference, message: message)
        }
    }
}
