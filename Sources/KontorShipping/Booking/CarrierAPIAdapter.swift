import KontorHTTPClient

/// The carrier-specific part of a booking: how a request looks on the wire and how to read the answer. One small
/// adapter per API shape (``GenericJSONCarrierAdapter`` is the documented generic one); ``CarrierConnector`` does the
/// HTTP, retries and errors. Adapters throw plain messages; the connector names carrier and operation.
public protocol CarrierAPIAdapter: Sendable {
    /// The HTTP request that books labels (without the authorization header, which the connector adds).
    func labelRequest(_ request: LabelBookingRequest, baseURL: String) throws(CarrierAdapterFailure)
        -> HTTPClientRequest

    /// Reads a successful (2xx) label answer.
    func labels(from response: HTTPClientResponse, for request: LabelBookingRequest) throws(CarrierAdapterFailure)
        -> BookedLabels

    /// The HTTP request that schedules a pickup.
    func pickupRequest(_ request: PickupRequest, baseURL: String) throws(CarrierAdapterFailure) -> HTTPClientRequest

    /// Reads a successful (2xx) pickup answer.
    func pickup(from response: HTTPClientResponse, for request: PickupRequest) throws(CarrierAdapterFailure)
        -> PickupConfirmation

    /// The carrier's explanation in an error answer (4xx/5xx), for the error message.
    func errorMessage(from response: HTTPClientResponse) -> String
}

/// Why an adapter could not build a request or read an answer.
public struct CarrierAdapterFailure: Error, Sendable, Hashable {
    /// What is wrong, naming the field, e.g. `parcels[0].trackingNumber: missing`.
    public var message: String

    /// A failure.
    public init(_ message: String) {
        self.message = message
    }
}

/// The adapters a rate table's `api.adapter` can name.
public enum CarrierAPIAdapters {
    /// The known adapter names.
    public static var names: [String] { ["generic-json"] }

    /// The adapter called `name`, or `nil`.
    public static func adapter(named name: String) -> (any CarrierAPIAdapter)? {
        switch name {
        case "generic-json": GenericJSONCarrierAdapter()
        default: nil
        }
    }
}
