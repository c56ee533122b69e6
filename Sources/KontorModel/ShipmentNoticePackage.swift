/// One package (parcel, carton, pallet) of a shipment. JSON: `{id, grossWeight}`.
public struct ShipmentPackage: Sendable, Hashable, Codable {
    /// The package's label id, such as its SSCC; ``ShipmentLine/packageIds`` refer to it.
    public var id: String

    /// The package's gross weight with its unit, e.g. `{"value": "2.5", "unit": "KGM"}`.
    public var grossWeight: Quantity?

    /// Creates a package.
    public init(id: String, grossWeight: Quantity? = nil) {
        self.id = id
        self.grossWeight = grossWeight
    }
}
