/// The carrier of a shipment and how to track it. JSON: `{name, code, service, trackingNumbers}`.
public struct ShipmentCarrier: Sendable, Hashable, Codable {
    /// The carrier's name, e.g. `DHL Paket` or `UPS`.
    public var name: String

    /// The carrier's standard code, such as its SCAC (`UPSN`), when known.
    public var code: String?

    /// The service used, e.g. `express` or `standard`.
    public var service: ServiceLevel?

    /// The carrier's tracking numbers for this shipment, one per parcel or one for all.
    public var trackingNumbers: [String]

    /// Creates carrier information.
    public init(name: String, code: String? = nil, service: ServiceLevel? = nil, trackingNumbers: [String] = []) {
        self.name = name
        self.code = code
        self.service = service
        self.trackingNumbers = trackingNumbers
    }
}
