/// One line of a canonical order.
///
/// JSON: `{lineNumber, sku, buyerSku, gtin, description, quantity, unitOfMeasure, unitPrice, lineTotal, taxRate,
/// requestedDeliveryDate}`. `lineNumber`, `quantity` and `unitPrice` are required; `unitOfMeasure` defaults to `C62`
/// when absent. ``BasicOrderValidator`` requires at least one of `sku`, `buyerSku` and `gtin`.
public struct OrderLine: Sendable, Hashable, Codable {
    /// The sender's line number, as a string (`"1"`, `"10"`, `"A-1"`).
    public var lineNumber: String

    /// The seller's item number.
    public var sku: String?

    /// The buyer's item number for the same article.
    public var buyerSku: String?

    /// The GS1 GTIN (8, 12, 13 or 14 digits).
    public var gtin: String?

    /// The item description as sent.
    public var description: String?

    /// How many units are ordered.
    public var quantity: DecimalAmount

    /// The UN/ECE Rec. 20 unit of ``quantity``; ``UnitOfMeasure/one`` (`C62`) when the sender gave none.
    public var unitOfMeasure: UnitOfMeasure

    /// The price per unit, in the order currency.
    public var unitPrice: DecimalAmount

    /// The line total as the sender computed it (after line discounts), in the order currency.
    public var lineTotal: DecimalAmount?

    /// The tax rate in percent, e.g. `"19"` or `"7.7"`.
    public var taxRate: DecimalAmount?

    /// When the buyer wants this line delivered.
    public var requestedDeliveryDate: KontorDate?

    /// Creates an order line.
    public init(
        lineNumber: String,
        sku: String? = nil,
        buyerSku: String? = nil,
        gtin: String? = nil,
        description: String? = nil,
        quantity: DecimalAmount,
        unitOfMeasure: UnitOfMeasure = .one,
        unitPrice: DecimalAmount,
        lineTotal: DecimalAmount? = nil,
        taxRate: DecimalAmount? = nil,
        requestedDeliveryDate: KontorDate? = nil
    ) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.buyerSku = buyerSku
        self.gtin = gtin
        self.description = description
        self.quantity = quantity
        self.unitOfMeasure = unitOfMeasure
        self.unitPrice = unitPrice
        self.lineTotal = lineTotal
        self.taxRate = taxRate
        self.requestedDeliveryDate = requestedDeliveryDate
    }

    /// ``lineTotal`` when given, otherwise ``quantity`` times ``unitPrice``.
    public var extendedAmount: DecimalAmount {
        lineTotal ?? quantity * unitPrice
    }

    /// ``quantity`` with its unit.
    public var measuredQuantity: Quantity {
        Quantity(quantity, unitOfMeasure)
    }

    /// `true` when at least one of ``sku``, ``buyerSku`` and ``gtin`` is non-blank.
    public var hasItemIdentifier: Bool {
        [sku, buyerSku, gtin].contains { $0.map { !$0.isBlank } ?? false }
    }

    enum CodingKeys: String, CodingKey {
        case lineNumber, sku, buyerSku, gtin, description, quantity, unitOfMeasure, unitPrice, lineTotal, taxRate
        case requestedDeliveryDate
    }

    /// Decodes a line; a missing or null `unitOfMeasure` becomes `C62`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lineNumber = try container.decode(String.self, forKey: .lineNumber)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
        buyerSku = try container.decodeIfPresent(String.self, forKey: .buyerSku)
        gtin = try container.decodeIfPresent(String.self, forKey: .gtin)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        quantity = try container.decode(DecimalAmount.self, forKey: .quantity)
        unitOfMeasure = try container.decodeIfPresent(UnitOfMeasure.self, forKey: .unitOfMeasure) ?? .one
        unitPrice = try container.decode(DecimalAmount.self, forKey: .unitPrice)
        lineTotal = try container.decodeIfPresent(DecimalAmount.self, forKey: .lineTotal)
        taxRate = try container.decodeIfPresent(DecimalAmount.self, forKey: .taxRate)
        requestedDeliveryDate = try container.decodeIfPresent(KontorDate.self, forKey: .requestedDeliveryDate)
    }
}
