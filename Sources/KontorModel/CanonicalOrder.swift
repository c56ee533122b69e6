/// The canonical order: what every connector produces and every worker consumes.
///
/// JSON field names are fixed (see `schemas/canonical-order.v1.schema.json`): `schemaVersion`, `id`, `orderNumber`,
/// `channel`, `orderDate`, `currency`, `customerType`, `buyer`, `shipTo`, `billTo`, `lines`, `totals`, `payment`,
/// `delivery`, `notes`, `externalIds`, `attributes`. Optional fields are left out when `nil`, never written as `null`.
/// Decimals are strings. Decode with ``CanonicalJSON`` to get precise field paths in
/// errors, and check business rules with ``BasicOrderValidator``.
public struct CanonicalOrder: Sendable, Hashable, Codable {
    /// The version of the canonical order contract; major version 1 is required on input.
    public var schemaVersion: SchemaVersion

    /// Kontor's order id; optional on input, assigned at ingest (see ``OrderID/derived(channel:orderNumber:)``).
    public var id: OrderID?

    /// The sender's document number (web shop order number, PO number).
    public var orderNumber: String

    /// The channel the order came in through.
    public var channel: SalesChannel

    /// When the order was placed: `YYYY-MM-DD` or an RFC 3339 date-time.
    public var orderDate: KontorDate

    /// The currency of every amount in the order.
    public var currency: CurrencyCode

    /// Consumer or business.
    public var customerType: CustomerType?

    /// Who buys.
    public var buyer: Party

    /// Where the goods go.
    public var shipTo: Address

    /// Where the invoice goes, when different from ``shipTo``.
    public var billTo: Address?

    /// The order lines; at least one.
    public var lines: [OrderLine]

    /// The order totals.
    public var totals: OrderTotals

    /// Payment information.
    public var payment: Payment?

    /// Delivery information.
    public var delivery: Delivery?

    /// Free-text remarks from the buyer.
    public var notes: String?

    /// Ids of this order in other systems, keyed by system (e.g. `"shopify": "5012345678"`).
    public var externalIds: [String: String]?

    /// Further string attributes a connector wants to carry along.
    public var attributes: [String: String]?

    /// Creates an order.
    public init(
        schemaVersion: SchemaVersion = .current,
        id: OrderID? = nil,
        orderNumber: String,
        channel: SalesChannel,
        orderDate: KontorDate,
        currency: CurrencyCode,
        customerType: CustomerType? = nil,
        buyer: Party,
        shipTo: Address,
        billTo: Address? = nil,
        lines: [OrderLine],
        totals: OrderTotals,
        payment: Payment? = nil,
        delivery: Delivery? = nil,
        notes: String? = nil,
        externalIds: [String: String]? = nil,
        attributes: [String: String]? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.id = id
        self.orderNumber = orderNumber
        self.channel = channel
        self.orderDate = orderDate
        self.currency = currency
        self.customerType = customerType
        self.buyer = buyer
        self.shipTo = shipTo
        self.billTo = billTo
        self.lines = lines
        self.totals = totals
        self.payment = payment
        self.delivery = delivery
        self.notes = notes
        self.externalIds = externalIds
        self.attributes = attributes
    }

    /// The id this order gets from its channel and order number (``OrderID/derived(channel:orderNumber:)``).
    public var derivedID: OrderID {
        OrderID.derived(channel: channel, orderNumber: orderNumber)
    }

    /// A copy with ``id`` set to ``derivedID`` when it has none; what ingest does before publishing.
    public func assigningID() -> CanonicalOrder {
        var copy = self
        if copy.id == nil { copy.id = derivedID }
        return copy
    }

    /// An amount in this order's currency.
    public func money(_ amount: DecimalAmount) -> Money {
        Money(amount, currency)
    }

    /// ``OrderTotals/grandTotal`` in this order's currency.
    public var grandTotalMoney: Money {
        money(totals.grandTotal)
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, id, orderNumber, channel, orderDate, currency, customerType, buyer, shipTo, billTo, lines
        case totals, payment, delivery, notes, externalIds, attributes
    }

    /// Decodes an order, enforcing the structural rules: required fields, major schema version 1, at least one line.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(SchemaVersion.self, forKey: .schemaVersion)
        guard schemaVersion.isSupported else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion,
                in: container,
                debugDescription: "unsupported schema version \"\(schemaVersion)\": expected major version "
                    + "\(SchemaVersion.supportedMajor), like \"\(SchemaVersion.current)\""
            )
        }
        id = try container.decodeIfPresent(OrderID.self, forKey: .id)
        orderNumber = try container.decode(String.self, forKey: .orderNumber)
        channel = try container.decode(SalesChannel.self, forKey: .channel)
        orderDate = try container.decode(KontorDate.self, forKey: .orderDate)
        currency = try container.decode(CurrencyCode.self, forKey: .currency)
        customerType = try container.decodeIfPresent(CustomerType.self, forKey: .customerType)
        buyer = try container.decode(Party.self, forKey: .buyer)
        shipTo = try container.decode(Address.self, forKey: .shipTo)
        billTo = try container.decodeIfPresent(Address.self, forKey: .billTo)
        lines = try container.decode([OrderLine].self, forKey: .lines)
        guard !lines.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .lines,
                in: container,
                debugDescription: "expected at least one line, found an empty array"
            )
        }
        totals = try container.decode(OrderTotals.self, forKey: .totals)
        payment = try container.decodeIfPresent(Payment.self, forKey: .payment)
        delivery = try container.decodeIfPresent(Delivery.self, forKey: .delivery)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
        externalIds = try container.decodeIfPresent([String: String].self, forKey: .externalIds)
        attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes)
    }
}
