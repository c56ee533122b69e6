/// One line of a reservation: take `quantity` units of `sku` at `locationID` for order line `lineNumber`.
///
/// A line split over several locations is several requests with the same line number.
public struct ReservationRequest: Sendable, Hashable, Codable {
    /// The order line's number.
    public var lineNumber: Int

    /// The SKU.
    public var sku: String

    /// The location to take the units from.
    public var locationID: String

    /// Units wanted; at least 1.
    public var quantity: Int

    /// Creates a request.
    public init(lineNumber: Int, sku: String, locationID: String, quantity: Int) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.locationID = locationID
        self.quantity = quantity
    }
}
