import Foundation
import Testing

@testable import KontorModel

/// Fixture files from `Fixtures/`.
enum Fixtures {
    static func data(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
            "fixture \(name).json is missing from the test bundle"
        )
        return try Data(contentsOf: url)
    }
}

/// Orders built in code.
enum SampleOrders {
    static func decimal(_ string: String) -> DecimalAmount {
        DecimalAmount(string)!
    }

    static func date(_ string: String) -> KontorDate {
        KontorDate(string)!
    }

    /// The smallest valid order: only required fields.
    static var minimal: CanonicalOrder {
        CanonicalOrder(
            orderNumber: "1001",
            channel: .web,
            orderDate: date("2025-03-01"),
            currency: .usd,
            buyer: Party(name: "Pat Doe"),
            shipTo: Address(
                name: "Pat Doe",
                street: "1 Main St",
                city: "Springfield",
                postalCode: "62701",
                country: .us
            ),
            lines: [OrderLine(lineNumber: "1", sku: "MUG-01", quantity: 1, unitPrice: decimal("9.99"))],
            totals: OrderTotals(grandTotal: decimal("9.99"))
        )
    }

    /// An order with every optional field set.
    static var allOptionalFields: CanonicalOrder {
        CanonicalOrder(
            schemaVersion: .current,
            id: OrderID.derived(channel: .shopify, orderNumber: "SO-1"),
            orderNumber: "SO-1",
            channel: .shopify,
            orderDate: date("2025-03-01T10:15:30.5+01:00"),
            currency: .eur,
            customerType: .b2b,
            buyer: Party(id: "C-1", name: "Muster GmbH", email: "a@b.example", phone: "+49 1", vatId: "DE123456789"),
            shipTo: Address(
                name: "Erika Mustermann",
                company: "Muster GmbH",
                street: "Hauptstraße 5",
                street2: "c/o Lager",
                city: "Berlin",
                region: "BE",
                postalCode: "10115",
                country: .de,
                phone: "+49 2",
                email: "lager@muster.example"
            ),
            billTo: Address(
                name: "Buchhaltung",
                company: "Muster GmbH",
                street: "Rechnungsweg 1",
                street2: "Postfach 12",
                city: "Potsdam",
                region: "BB",
                postalCode: "14467",
                country: .de,
                phone: "+49 3",
                email: "rechnung@muster.example"
            ),
            lines: [
                OrderLine(
                    lineNumber: "10",
                    sku: "SKU-1",
                    buyerSku: "B-1",
                    gtin: "4006381333931",
                    description: "Widget \"deluxe\" <b>",
                    quantity: decimal("2.500"),
                    unitOfMeasure: .kilogram,
                    unitPrice: decimal("10.00"),
                    lineTotal: decimal("25.00"),
                    taxRate: decimal("7.7"),
                    requestedDeliveryDate: date("2025-03-10")
                )
            ],
            totals: OrderTotals(
                subtotal: decimal("25.00"),
                shipping: decimal("0"),
                tax: decimal("1.93"),
                discount: decimal("0.00"),
                grandTotal: decimal("26.93")
            ),
            payment: Payment(method: .creditCard, status: .paid, reference: "tx_1", amount: decimal("26.93")),
            delivery: Delivery(
                method: .pickup,
                serviceLevel: .nextDay,
                carrier: "store",
                requestedDate: date("2025-03-10"),
                promisedDate: date("2025-03-11T12:00:00Z"),
                pickupLocationId: "STORE-BER-1"
            ),
            notes: "Ring twice ☎︎ / bitte klingeln",
            externalIds: ["shopify": "5012345678"],
            attributes: ["gift": "true", "weird key with spaces": "x"]
        )
    }

    /// The rich fixture, decoded.
    static func rich() throws -> CanonicalOrder {
        try CanonicalJSON.decodeOrder(from: Fixtures.data("order-rich"))
    }
}

/// Edits JSON documents as plain dictionaries, to produce broken variants of valid documents.
enum JSONEdit {
    static func edit(_ data: Data, _ change: (inout [String: Any]) throws -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        try change(&object)
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Replaces `object[key][index][field]`, creating nothing.
    static func setInArray(
        _ object: inout [String: Any],
        _ key: String,
        _ index: Int,
        _ field: String,
        _ value: Any?
    ) throws {
        var array = try #require(object[key] as? [[String: Any]])
        array[index][field] = value
        object[key] = array
    }

    /// Replaces `object[key][field]`.
    static func setInObject(_ object: inout [String: Any], _ key: String, _ field: String, _ value: Any?) throws {
        var nested = try #require(object[key] as? [String: Any])
        nested[field] = value
        object[key] = nested
    }
}
