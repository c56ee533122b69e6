/// The business rules every order must meet before Kontor accepts it. Pure: no I/O, no clock, no configuration.
///
/// ``validate(_:)`` returns blocking findings (an order with any is rejected); ``warnings(for:)`` returns findings
/// worth showing that do not block. Structural rules (types, formats, required fields) are already enforced by
/// ``CanonicalJSON`` when decoding; this checks what decoding cannot, or what code building orders may get wrong.
///
/// Rules and their codes (see ``ValidationReason/Code``):
/// - `orderNumber`, `channel`, `shipTo.name`, `shipTo.street`, `shipTo.city` and `shipTo.postalCode` (except in
///   countries without postal codes) must be present (`missing-field`) and not blank (`empty-required-field`);
///   `buyer` needs an `id` or a `name` (`missing-field`); a pickup needs `delivery.pickupLocationId`.
/// - `currency` must be an active ISO 4217 code (`unknown-currency`); `shipTo.country` and `billTo.country` assigned
///   ISO 3166-1 codes (`unknown-country`).
/// - Each line: a non-blank `lineNumber` (`empty-required-field`) unique in the order (`duplicate-line-number`),
///   `sku`, `buyerSku` or `gtin` (`line-without-item-id`), a valid GTIN if any (`invalid-gtin`), quantity above zero
///   (`non-positive-quantity`), unit price not below zero (`negative-price`), a known Rec. 20 unit (`unknown-unit`),
///   a tax rate from 0 to 100 (`invalid-tax-rate`).
/// - The ship-to postal code must have its country's format where Kontor knows it (`implausible-postal-code`; see
///   ``PostalCodeFormat``), and each line's quantity must convert to whole pieces (`unit-not-convertible`; see
///   ``UnitOfMeasure/piecesPerUnit``).
/// - Line totals, totals and the payment amount must not be negative (`negative-amount`).
public struct BasicOrderValidator: Sendable {
    /// Creates a validator.
    public init() {}

    /// The blocking findings for `order`; empty when the order is acceptable.
    public func validate(_ order: CanonicalOrder) -> [ValidationReason] {
        var reasons: [ValidationReason] = []
        func add(_ code: ValidationReason.Code, _ field: String, _ message: String) {
            reasons.append(ValidationReason(code: code, field: field, message: message))
        }
        func require(_ value: String?, _ field: String) {
            guard let value else {
                add(.missingField, field, "missing required field")
                return
            }
            if value.isBlank { add(.emptyRequiredField, field, "must not be empty") }
        }
        func requireNonNegative(_ amount: DecimalAmount?, _ field: String) {
            if let amount, amount.isNegative { add(.negativeAmount, field, "must not be negative, found \(amount)") }
        }

        require(order.orderNumber, "orderNumber")
        require(order.channel.rawValue, "channel")
        if !order.currency.isISO4217 {
            add(.unknownCurrency, "currency", "\"\(order.currency)\" is not an active ISO 4217 currency code")
        }

        if (order.buyer.id ?? "").isBlank, (order.buyer.name ?? "").isBlank {
            add(.missingField, "buyer", "buyer needs an id or a name")
        }

        require(order.shipTo.name, "shipTo.name")
        require(order.shipTo.street, "shipTo.street")
        require(order.shipTo.city, "shipTo.city")
        if order.shipTo.country.usesPostalCodes { require(order.shipTo.postalCode, "shipTo.postalCode") }
        if let postalCode = order.shipTo.postalCode, !postalCode.isBlank,
            PostalCodeFormat.isPlausible(postalCode, in: order.shipTo.country) == false
        {
            let example = PostalCodeFormat.example(for: order.shipTo.country).map { " (e.g. \($0))" } ?? ""
            add(
                .implausiblePostalCode,
                "shipTo.postalCode",
                "\"\(postalCode)\" is not a postal code of \(order.shipTo.country)\(example)"
            )
        }
        checkCountry(order.shipTo.country, "shipTo.country", add)
        if let billTo = order.billTo { checkCountry(billTo.country, "billTo.country", add) }

        var seenLineNumbers: Set<String> = []
        for (index, line) in order.lines.enumerated() {
            let prefix = "lines[\(index)]"
            if line.lineNumber.isBlank {
                add(.emptyRequiredField, "\(prefix).lineNumber", "must not be empty")
            } else if !seenLineNumbers.insert(line.lineNumber.trimmingASCIIWhitespace()).inserted {
                add(.duplicateLineNumber, "\(prefix).lineNumber", "line number \"\(line.lineNumber)\" is used twice")
            }
            if !line.hasItemIdentifier {
                add(.lineWithoutItemID, prefix, "line needs a sku, buyerSku or gtin")
            }
            if let gtin = line.gtin, !gtin.isBlank, !GTIN.isValid(gtin) {
                add(
                    .invalidGTIN,
                    "\(prefix).gtin",
                    "\"\(gtin)\" is not a valid GTIN (8, 12, 13 or 14 digits with a correct check digit)"
                )
            }
            if !line.quantity.isPositive {
                add(.nonPositiveQuantity, "\(prefix).quantity", "must be greater than zero, found \(line.quantity)")
            }
            if line.unitPrice.isNegative {
                add(.negativePrice, "\(prefix).unitPrice", "must not be negative, found \(line.unitPrice)")
            }
            requireNonNegative(line.lineTotal, "\(prefix).lineTotal")
            if let taxRate = line.taxRate, taxRate.isNegative || taxRate > DecimalAmount(100) {
                add(.invalidTaxRate, "\(prefix).taxRate", "must be a percentage from 0 to 100, found \(taxRate)")
            }
            if !line.unitOfMeasure.isKnownRec20 {
                var message = "\"\(line.unitOfMeasure)\" is not a known UN/ECE Rec. 20 unit code"
                if let replacement = UnitOfMeasure.replacement(forLegacyCode: line.unitOfMeasure.rawValue) {
                    message += "; use \"\(replacement)\" (\(replacement.name ?? replacement.rawValue))"
                }
                add(.unknownUnit, "\(prefix).unitOfMeasure", message)
            } else if line.quantity.isPositive, line.pieces == nil {
                let unit = "\(line.unitOfMeasure) (\(line.unitOfMeasure.name ?? "unknown"))"
                add(
                    .unitNotConvertible,
                    "\(prefix).quantity",
                    line.unitOfMeasure.piecesPerUnit == nil
                        ? "\(line.quantity) \(unit) does not convert to pieces, the unit stock is kept in"
                        : "\(line.quantity) \(unit) is not a whole number of pieces"
                )
            }
        }

        requireNonNegative(order.totals.subtotal, "totals.subtotal")
        requireNonNegative(order.totals.shipping, "totals.shipping")
        requireNonNegative(order.totals.tax, "totals.tax")
        requireNonNegative(order.totals.discount, "totals.discount")
        requireNonNegative(order.totals.grandTotal, "totals.grandTotal")
        requireNonNegative(order.payment?.amount, "payment.amount")

        if let delivery = order.delivery, delivery.method == .pickup, (delivery.pickupLocationId ?? "").isBlank {
            add(.missingField, "delivery.pickupLocationId", "a pickup needs a pickup location")
        }
        return reasons
    }

    /// Non-blocking findings: line totals that differ from quantity × unit price (`line-total-mismatch`) and a
    /// subtotal that differs from the sum of the lines (`subtotal-mismatch`). Both can be legitimate (line discounts,
    /// prices including tax), hence warnings.
    public func warnings(for order: CanonicalOrder) -> [ValidationReason] {
        var warnings: [ValidationReason] = []
        for (index, line) in order.lines.enumerated() {
            guard let lineTotal = line.lineTotal else { continue }
            let computed = (line.quantity * line.unitPrice).rounded(toScale: lineTotal.scale)
            if computed != lineTotal {
                warnings.append(
                    ValidationReason(
                        code: .lineTotalMismatch,
                        field: "lines[\(index)].lineTotal",
                        message: "\(lineTotal) differs from quantity × unit price = \(computed)"
                    )
                )
            }
        }
        if let subtotal = order.totals.subtotal {
            let sum = order.lines.reduce(DecimalAmount.zero) { $0 + $1.extendedAmount }.rounded(toScale: subtotal.scale)
            if sum != subtotal {
                warnings.append(
                    ValidationReason(
                        code: .subtotalMismatch,
                        field: "totals.subtotal",
                        message: "\(subtotal) differs from the sum of the lines = \(sum)"
                    )
                )
            }
        }
        return warnings
    }

    private func checkCountry(
        _ country: CountryCode,
        _ field: String,
        _ add: (ValidationReason.Code, String, String) -> Void
    ) {
        if !country.isISO3166 {
            add(.unknownCountry, field, "\"\(country)\" is not an assigned ISO 3166-1 alpha-2 country code")
        }
    }
}
