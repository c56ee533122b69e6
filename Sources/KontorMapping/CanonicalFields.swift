import KontorModel

/// The canonical fields a mapping can fill, with their value types (see `schemas/canonical-order.v1.schema.json`).
enum CanonicalFieldType: Sendable, Hashable {
    case string
    case decimal
    case date
    case currency
    case country
    case unit
    /// A closed set of values, e.g. `b2c`/`b2b`.
    case oneOf([String])
    /// An RFC 3339 date-time with an offset (a tracking scan's instant).
    case timestamp
}

/// A canonical field path such as `buyer.name`, `shipTo.country` or `externalIds.shopifyId`, resolved to the
/// JSON object path it fills in the canonical order.
struct CanonicalField: Sendable, Hashable {
    /// As written in the mapping: `shipTo.country`, `externalIds.shopifyId`.
    let name: String
    /// The object keys from the order (or line) object down to the value: `["shipTo", "country"]`.
    let keys: [String]
    let type: CanonicalFieldType
    /// The optional object this field belongs to (`billTo`, `payment`, `delivery`), whose presence makes the field's
    /// requiredness count; `nil` for fields of the order itself or of mandatory objects.
    let optionalGroup: String?
    /// `true` when the canonical model requires the value (in its object, when that object is present).
    let isRequiredByModel: Bool

    /// The canonical order-level field named `name`, or `nil` when there is none.
    static func orderField(_ name: String) -> CanonicalField? {
        if let type = orderFields[name] {
            let keys = name.split(separator: ".").map(String.init)
            let group = keys.count == 2 && optionalGroups.contains(keys[0]) ? keys[0] : nil
            return CanonicalField(
                name: name,
                keys: keys,
                type: type,
                optionalGroup: group,
                isRequiredByModel: requiredOrderFields.contains(name)
            )
        }
        for map in ["externalIds", "attributes"] where name.hasPrefix(map + ".") {
            let key = String(name.dropFirst(map.count + 1))
            guard !key.isEmpty else { return nil }
            return CanonicalField(
                name: name,
                keys: [map, key],
                type: .string,
                optionalGroup: nil,
                isRequiredByModel: false
            )
        }
        return nil
    }

    /// The canonical line field named `name`, or `nil` when there is none.
    static func lineField(_ name: String) -> CanonicalField? {
        guard let type = lineFields[name] else { return nil }
        return CanonicalField(
            name: name,
            keys: [name],
            type: type,
            optionalGroup: nil,
            isRequiredByModel: name == "quantity" || name == "unitPrice"
        )
    }

    static let optionalGroups: Set<String> = ["billTo", "payment", "delivery"]

    static let requiredOrderFields: Set<String> = [
        "orderNumber", "orderDate", "currency", "shipTo.country", "totals.grandTotal", "billTo.country",
        "payment.status", "delivery.method",
    ]

    static let orderFields: [String: CanonicalFieldType] = {
        var fields: [String: CanonicalFieldType] = [
            "orderNumber": .string,
            "orderDate": .date,
            "currency": .currency,
            "customerType": .oneOf(CustomerType.allCases.map(\.rawValue)),
            "notes": .string,
            "buyer.id": .string,
            "buyer.name": .string,
            "buyer.email": .string,
            "buyer.phone": .string,
            "buyer.vatId": .string,
            "totals.subtotal": .decimal,
            "totals.shipping": .decimal,
            "totals.tax": .decimal,
            "totals.discount": .decimal,
            "totals.grandTotal": .decimal,
            "payment.method": .string,
            "payment.status": .oneOf(PaymentStatus.allCases.map(\.rawValue)),
            "payment.reference": .string,
            "payment.amount": .decimal,
            "delivery.method": .oneOf(DeliveryMethod.allCases.map(\.rawValue)),
            "delivery.serviceLevel": .string,
            "delivery.carrier": .string,
            "delivery.requestedDate": .date,
            "delivery.promisedDate": .date,
            "delivery.pickupLocationId": .string,
        ]
        for address in ["shipTo", "billTo"] {
            for field in ["name", "company", "street", "street2", "city", "region", "postalCode", "phone", "email"] {
                fields["\(address).\(field)"] = .string
            }
            fields["\(address).country"] = .country
        }
        return fields
    }()

    static let lineFields: [String: CanonicalFieldType] = [
        "lineNumber": .string,
        "sku": .string,
        "buyerSku": .string,
        "gtin": .string,
        "description": .string,
        "quantity": .decimal,
        "unitOfMeasure": .unit,
        "unitPrice": .decimal,
        "lineTotal": .decimal,
        "taxRate": .decimal,
        "requestedDeliveryDate": .date,
    ]

    /// Why a value does not fit the field's type, with a hint at the transform that fixes it; `nil` when it fits.
    func problem(with value: String) -> String? {
        switch type {
        case .string:
            return nil
        case .decimal:
            if DecimalText.isStrictDecimal(value) { return nil }
            let hint = DecimalText.normalize(value) != nil ? " (add the `decimal` transform to normalize it)" : ""
            return "not a decimal: \"\(value)\"\(hint)"
        case .date:
            if KontorDate(rawValue: value) != nil { return nil }
            return "not a date: \"\(value)\": expected YYYY-MM-DD or an RFC 3339 date-time (use the `date` transform)"
        case .currency:
            if CurrencyCode(rawValue: value) != nil { return nil }
            return "not a currency code: \"\(value)\": expected three uppercase letters like \"EUR\""
        case .country:
            if CountryCode(rawValue: value) != nil { return nil }
            return "not a country code: \"\(value)\": expected ISO 3166-1 alpha-2 like \"DE\""
                + " (use `lookup: country-name-to-iso` for names)"
        case .unit:
            if UnitOfMeasure(rawValue: value) != nil { return nil }
            return "not a unit of measure: \"\(value)\": expected a UN/ECE Rec. 20 code like \"C62\""
                + " (use `lookup: unit-to-rec20`)"
        case .timestamp:
            if Timestamp(rfc3339: value) != nil { return nil }
            return "not a date-time: \"\(value)\": expected RFC 3339 with an offset like \"2025-03-01T10:15:30Z\""
                + " (use the `date` transform with a timeZone)"
        case .oneOf(let allowed):
            if allowed.contains(value) { return nil }
            return "invalid value \"\(value)\": expected one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", ")
        }
    }
}
