/// A JSON value as the canonical order builder sees it: strings, objects and arrays, with everything else reduced to
/// what decoding needs to know.
package enum CanonicalTree: Sendable {
    case string(String)
    case object([String: CanonicalTree])
    case array([CanonicalTree])
    case null
    /// A number or a boolean: never valid where the canonical order expects a value.
    case scalar
}

/// Builds a ``CanonicalOrder`` from a ``CanonicalTree`` without `JSONDecoder`, for valid orders only.
///
/// Every rule of the `Decodable` implementations is applied; on the first problem the builder gives up (`nil`) and
/// the caller decodes with `JSONDecoder`, which reports that problem with its field path. So errors stay exactly
/// those of ``CanonicalJSON``, while the common, valid case skips the generic decoding machinery.
package enum CanonicalOrderBuilder {
    /// The order in `members`, or `nil` when any value is missing, mistyped or invalid.
    package static func order(_ members: [String: CanonicalTree]) -> CanonicalOrder? {
        let reader = Reader(members)
        guard let schemaVersion = reader.required("schemaVersion", SchemaVersion.init(rawValue:)),
            schemaVersion.isSupported,
            let id = reader.optional("id", { OrderID(rawValue: $0) }),
            let orderNumber = reader.required("orderNumber", { $0 }),
            let channel = reader.required("channel", { SalesChannel(rawValue: $0) }),
            let orderDate = reader.required("orderDate", KontorDate.init(rawValue:)),
            let currency = reader.required("currency", CurrencyCode.init(rawValue:)),
            let customerType = reader.optional("customerType", CustomerType.init(rawValue:)),
            case .object(let buyerMembers)? = members["buyer"], let buyer = party(buyerMembers),
            case .object(let shipToMembers)? = members["shipTo"], let shipTo = address(shipToMembers),
            let billTo = reader.optionalObject("billTo", address),
            case .array(let lineValues)? = members["lines"], !lineValues.isEmpty,
            case .object(let totalsMembers)? = members["totals"], let totals = totals(totalsMembers),
            let payment = reader.optionalObject("payment", payment),
            let delivery = reader.optionalObject("delivery", delivery),
            let notes = reader.optional("notes", { $0 }),
            let externalIds = reader.optionalObject("externalIds", stringMap),
            let attributes = reader.optionalObject("attributes", stringMap)
        else { return nil }
        var lines: [OrderLine] = []
        lines.reserveCapacity(lineValues.count)
        for value in lineValues {
            guard case .object(let lineMembers) = value, let line = line(lineMembers) else { return nil }
            lines.append(line)
        }
        return CanonicalOrder(
            schemaVersion: schemaVersion,
            id: id,
            orderNumber: orderNumber,
            channel: channel,
            orderDate: orderDate,
            currency: currency,
            customerType: customerType,
            buyer: buyer,
            shipTo: shipTo,
            billTo: billTo,
            lines: lines,
            totals: totals,
            payment: payment,
            delivery: delivery,
            notes: notes,
            externalIds: externalIds,
            attributes: attributes
        )
    }

    private static func party(_ members: [String: CanonicalTree]) -> Party? {
        let reader = Reader(members)
        guard let id = reader.optional("id", { $0 }), let name = reader.optional("name", { $0 }),
            let email = reader.optional("email", { $0 }), let phone = reader.optional("phone", { $0 }),
            let vatId = reader.optional("vatId", { $0 })
        else { return nil }
        return Party(id: id, name: name, email: email, phone: phone, vatId: vatId)
    }

    private static func address(_ members: [String: CanonicalTree]) -> Address? {
        let reader = Reader(members)
        guard let country = reader.required("country", CountryCode.init(rawValue:)),
            let name = reader.optional("name", { $0 }), let company = reader.optional("company", { $0 }),
            let street = reader.optional("street", { $0 }), let street2 = reader.optional("street2", { $0 }),
            let city = reader.optional("city", { $0 }), let region = reader.optional("region", { $0 }),
            let postalCode = reader.optional("postalCode", { $0 }), let phone = reader.optional("phone", { $0 }),
            let email = reader.optional("email", { $0 })
        else { return nil }
        return Address(
            name: name,
            company: company,
            street: street,
            street2: street2,
            city: city,
            region: region,
            postalCode: postalCode,
            country: country,
            phone: phone,
            email: email
        )
    }

    private static func line(_ members: [String: CanonicalTree]) -> OrderLine? {
        let reader = Reader(members)
        guard let lineNumber = reader.required("lineNumber", { $0 }),
            let sku = reader.optional("sku", { $0 }), let buyerSku = reader.optional("buyerSku", { $0 }),
            let gtin = reader.optional("gtin", { $0 }), let description = reader.optional("description", { $0 }),
            let quantity = reader.required("quantity", { DecimalAmount($0) }),
            let unit = reader.optional("unitOfMeasure", UnitOfMeasure.init(rawValue:)),
            let unitPrice = reader.required("unitPrice", { DecimalAmount($0) }),
            let lineTotal = reader.optional("lineTotal", { DecimalAmount($0) }),
            let taxRate = reader.optional("taxRate", { DecimalAmount($0) }),
            let requested = reader.optional("requestedDeliveryDate", KontorDate.init(rawValue:))
        else { return nil }
        return OrderLine(
            lineNumber: lineNumber,
            sku: sku,
            buyerSku: buyerSku,
            gtin: gtin,
            description: description,
            quantity: quantity,
            unitOfMeasure: unit ?? .one,
            unitPrice: unitPrice,
            lineTotal: lineTotal,
            taxRate: taxRate,
            requestedDeliveryDate: requested
        )
    }

    private static func totals(_ members: [String: CanonicalTree]) -> OrderTotals? {
        let reader = Reader(members)
        guard let grandTotal = reader.required("grandTotal", { DecimalAmount($0) }),
            let subtotal = reader.optional("subtotal", { DecimalAmount($0) }),
            let shipping = reader.optional("shipping", { DecimalAmount($0) }),
            let tax = reader.optional("tax", { DecimalAmount($0) }),
            let discount = reader.optional("discount", { DecimalAmount($0) })
        else { return nil }
        return OrderTotals(subtotal: subtotal, shipping: shipping, tax: tax, discount: discount, grandTotal: grandTotal)
    }

    private static func payment(_ members: [String: CanonicalTree]) -> Payment? {
        let reader = Reader(members)
        guard let status = reader.required("status", PaymentStatus.init(rawValue:)),
            let method = reader.optional("method", { PaymentMethod(rawValue: $0) }),
            let reference = reader.optional("reference", { $0 }),
            let amount = reader.optional("amount", { DecimalAmount($0) })
        else { return nil }
        return Payment(method: method, status: status, reference: reference, amount: amount)
    }

    private static func delivery(_ members: [String: CanonicalTree]) -> Delivery? {
        let reader = Reader(members)
        guard let method = reader.required("method", DeliveryMethod.init(rawValue:)),
            let serviceLevel = reader.optional("serviceLevel", { ServiceLevel(rawValue: $0) }),
            let carrier = reader.optional("carrier", { $0 }),
            let requestedDate = reader.optional("requestedDate", KontorDate.init(rawValue:)),
            let promisedDate = reader.optional("promisedDate", KontorDate.init(rawValue:)),
            let pickupLocationId = reader.optional("pickupLocationId", { $0 })
        else { return nil }
        return Delivery(
            method: method,
            serviceLevel: serviceLevel,
            carrier: carrier,
            requestedDate: requestedDate,
            promisedDate: promisedDate,
            pickupLocationId: pickupLocationId
        )
    }

    private static func stringMap(_ members: [String: CanonicalTree]) -> [String: String]? {
        var result: [String: String] = [:]
        result.reserveCapacity(members.count)
        for (key, value) in members {
            guard case .string(let text) = value else { return nil }
            result[key] = text
        }
        return result
    }

    /// Reads the members of one object. `nil` results mean "invalid"; optional values come back as `.some(nil)`.
    private struct Reader {
        let members: [String: CanonicalTree]

        init(_ members: [String: CanonicalTree]) {
            self.members = members
        }

        /// A required string member converted by `convert`; `nil` when missing, not a string or rejected.
        func required<Value>(_ key: String, _ convert: (String) -> Value?) -> Value? {
            guard case .string(let text)? = members[key] else { return nil }
            return convert(text)
        }

        /// An optional string member: `.some(nil)` when absent or null, `nil` when present but invalid.
        func optional<Value>(_ key: String, _ convert: (String) -> Value?) -> Value?? {
            switch members[key] {
            case nil, .null?: return .some(nil)
            case .string(let text)?: return convert(text).map { .some($0) }
            default: return nil
            }
        }

        /// An optional object member built by `build`: `.some(nil)` when absent or null, `nil` when invalid.
        func optionalObject<Value>(_ key: String, _ build: ([String: CanonicalTree]) -> Value?) -> Value?? {
            switch members[key] {
            case nil, .null?: return .some(nil)
            case .object(let object)?: return build(object).map { .some($0) }
            default: return nil
            }
        }
    }
}
