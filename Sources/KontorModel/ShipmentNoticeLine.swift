/// What was shipped for one order line.
///
/// JSON: `{lineNumber, sku, buyerSku, gtin, description, quantity, unitOfMeasure, packageIds}`.
public struct ShipmentLine: Sendable, Hashable, Codable {
    /// The order's line number (``OrderLine/lineNumber``).
    public var lineNumber: String

    /// The seller's item number.
    public var sku: String?

    /// The buyer's item number.
    public var buyerSku: String?

    /// The GS1 GTIN of the item.
    public var gtin: String?

    /// The item description.
    public var description: String?

    /// How many units were shipped.
    public var quantity: DecimalAmount

    /// The unit of ``quantity``.
    public var unitOfMeasure: UnitOfMeasure

    /// The ``ShipmentPackage/id``s of the packages that hold this line's goods, when known.
    public var packageIds: [String]?

    /// Creates a shipped line.
    public init(
        lineNumber: String,
        sku: String? = nil,
        buyerSku: String? = nil,
        gtin: String? = nil,
        description: String? = nil,
        quantity: DecimalAmount,
        unitOfMeasure: UnitOfMeasure = .one,
        packageIds: [String]? = nil
    ) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.buyerSku = buyerSku
        self.gtin = gtin
        self.description = description
        self.quantity = quantity
        self.unitOfMeasure = unitOfMeasure
        self.packageIds = packageIds
    }

    /// An order line shipped complete (or `quantity` of it).
    public init(_ line: OrderLine, quantity: DecimalAmount? = nil, packageIds: [String]? = nil) {
        self.init(
            lineNumber: line.lineNumber,
            sku: line.sku,
            buyerSku: line.buyerSku,
            gtin: line.gtin,
            description: line.description,
            quantity: quantity ?? line.quantity,
            unitOfMeasure: line.unitOfMeasure,
            packageIds: packageIds
        )
    }
}
