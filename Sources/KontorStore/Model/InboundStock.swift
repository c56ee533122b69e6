import KontorModel

/// Units on their way to a location (a purchase order or transfer), with the expected arrival date.
public struct InboundStock: Sendable, Hashable, Codable {
    /// The document announcing the units, e.g. a purchase order or advance shipping notice number. With ``sku`` and
    /// ``locationID`` it identifies the entry, so announcing it again replaces it.
    public var reference: String

    /// The SKU.
    public var sku: String

    /// The receiving location.
    public var locationID: String

    /// Units expected.
    public var quantity: Int

    /// The expected arrival date (a calendar date).
    public var eta: KontorDate

    /// Creates an inbound entry.
    public init(reference: String, sku: String, locationID: String, quantity: Int, eta: KontorDate) {
        self.reference = reference
        self.sku = sku
        self.locationID = locationID
        self.quantity = quantity
        self.eta = eta
    }
}
