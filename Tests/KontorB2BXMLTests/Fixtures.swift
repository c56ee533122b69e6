import KontorB2BXML
import KontorModel

/// Messages and settings shared by the tests.
enum Fixtures {
    static let partner = CXMLPartnerConfiguration(
        from: CXMLCredential(domain: "NetworkID", identity: "AN-SUPPLIER-1"),
        to: CXMLCredential(domain: "DUNS", identity: "123456789"),
        sender: CXMLCredential(domain: "NetworkID", identity: "AN-SUPPLIER-1"),
        sharedSecret: "s3cr3t&<\"",
        userAgent: "Kontor 1.0",
        deploymentMode: .test,
        payloadIDDomain: "kontor.example"
    )

    static let timestamp = Timestamp(rfc3339: "2025-03-04T08:15:30Z")!

    static let order = OrderReference(
        orderId: OrderID("ord_0123456789abcdef0123456789abcdef"),
        orderNumber: "PO-4711",
        orderDate: KontorDate("2025-03-01T10:00:00-08:00"),
        documentId: "1740852000.42@buyer.example"
    )

    /// A changed order: line 1 accepted, line 2 partly accepted with a new date and price, line 3 rejected.
    static let changedResponse = OrderResponse(
        responseNumber: "OC-2025-0815",
        responseDate: KontorDate("2025-03-04T09:30:00+01:00")!,
        order: order,
        status: .changed,
        currency: .eur,
        seller: Party(
            id: "4000001000005",
            name: "Müller & Söhne GmbH",
            email: "orders@mueller.example",
            vatId: "DE123456789"
        ),
        buyer: Party(id: "4000001000012", name: "Acme <Buyer> \"Inc\"", phone: "+1 800 5551212"),
        reason: "Partial delivery: 'Type 550' flour < 10 kg sold out",
        lines: [
            OrderResponseLine(
                lineNumber: "1",
                sku: "1233244",
                buyerSku: "B-1",
                gtin: "4006381333931",
                description: "Mehl Type 550 – 1 kg",
                orderedQuantity: 10,
                unitOfMeasure: .each,
                status: .accepted,
                acceptedQuantity: 10
            ),
            OrderResponseLine(
                lineNumber: "2",
                sku: "1233245",
                orderedQuantity: DecimalAmount("20.5")!,
                unitOfMeasure: .kilogram,
                status: .changed,
                acceptedQuantity: 6,
                changedDeliveryDate: KontorDate("2025-03-20"),
                changedUnitPrice: DecimalAmount("3.25"),
                reason: "14.5 kg back-ordered & re-priced"
            ),
            OrderResponseLine(
                lineNumber: "3",
                sku: "1233246",
                orderedQuantity: 1,
                status: .rejected,
                acceptedQuantity: 0,
                reason: "Discontinued"
            ),
        ]
    )

    /// A ship notice with two packages, three tracking numbers and a line spread over both packages.
    static let shipment = ShipmentNotice(
        shipmentNumber: "SHP-9001",
        noticeDate: KontorDate("2025-03-05T16:00:00+01:00")!,
        order: order,
        shipDate: KontorDate("2025-03-05")!,
        expectedDeliveryDate: KontorDate("2025-03-07T12:00:00+01:00"),
        carrier: ShipmentCarrier(
            name: "DHL Paket",
            code: "DHLP",
            service: .express,
            trackingNumbers: ["00340434161094042557", "00340434161094042564"]
        ),
        shipFrom: Address(
            name: "Lager Süd",
            company: "Müller & Söhne GmbH",
            street: "Hafenstraße 1",
            street2: "Tor 3",
            city: "Köln",
            postalCode: "50667",
            country: .de,
            email: "lager@mueller.example"
        ),
        shipTo: Address(
            name: "Acme",
            street: "123 Anystreet",
            city: "Sunnyvale",
            region: "CA",
            postalCode: "90489",
            country: .us
        ),
        packages: [
            ShipmentPackage(id: "340123450000000018", grossWeight: Quantity(DecimalAmount("12.5")!, .kilogram)),
            ShipmentPackage(id: "340123450000000025"),
        ],
        lines: [
            ShipmentLine(
                lineNumber: "1",
                sku: "1233244",
                buyerSku: "B-1",
                description: "Mehl <Type 550> & Zucker",
                quantity: 10,
                unitOfMeasure: .each,
                packageIds: ["340123450000000018", "340123450000000025"]
            ),
            ShipmentLine(lineNumber: "2", quantity: DecimalAmount("6.5")!, unitOfMeasure: .kilogram),
        ]
    )
}
