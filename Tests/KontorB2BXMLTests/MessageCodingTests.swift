import Foundation
import KontorModel
import Testing

@Suite("OrderResponse and ShipmentNotice JSON")
struct MessageCodingTests {
    @Test("An order response encodes to stable camelCase JSON with decimal strings and decodes back")
    func orderResponse() throws {
        let response = OrderResponse(
            responseNumber: "OC-1",
            responseDate: KontorDate("2025-03-04")!,
            order: OrderReference(orderNumber: "PO-1", documentId: "p@1"),
            status: .changed,
            currency: .eur,
            lines: [
                OrderResponseLine(
                    lineNumber: "1",
                    orderedQuantity: DecimalAmount("10.50")!,
                    status: .changed,
                    acceptedQuantity: 6,
                    changedUnitPrice: DecimalAmount("3.20")
                )
            ]
        )
        let json = String(decoding: try CanonicalJSON.encode(response), as: UTF8.self)
        #expect(
            json == #"{"currency":"EUR","lines":[{"acceptedQuantity":"6","changedUnitPrice":"3.20","lineNumber":"1","#
                + #""orderedQuantity":"10.50","status":"changed","unitOfMeasure":"C62"}],"order":{"documentId":"p@1","#
                + #""orderNumber":"PO-1"},"responseDate":"2025-03-04","responseNumber":"OC-1","status":"changed"}"#
        )
        #expect(try CanonicalJSON.decode(OrderResponse.self, from: Data(json.utf8)) == response)
        #expect(response.lines[0].rejectedQuantity == DecimalAmount("4.50")!)
    }

    @Test("An unknown status is refused with the field path")
    func unknownStatus() {
        let json =
            #"{"responseNumber":"1","responseDate":"2025-03-04","order":{"orderNumber":"1"},"status":"maybe","lines":[]}"#
        let error = #expect(throws: OrderDecodingError.self) {
            try CanonicalJSON.decode(OrderResponse.self, from: Data(json.utf8))
        }
        #expect(error?.field == "status")
    }

    @Test("A ship notice round-trips through JSON")
    func shipmentNotice() throws {
        let data = try CanonicalJSON.encode(Fixtures.shipment)
        #expect(try CanonicalJSON.decode(ShipmentNotice.self, from: data) == Fixtures.shipment)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "shipmentNumber", "noticeDate", "order", "shipDate", "expectedDeliveryDate", "carrier", "shipFrom",
                "shipTo", "packages", "lines",
            ]
        )
        let package = try #require((object["packages"] as? [[String: Any]])?.first)
        #expect(package["grossWeight"] as? [String: String] == ["value": "12.5", "unit": "KGM"])
    }

    @Test("Convenience constructors take ids, quantities and units from the order line")
    func fromOrderLine() {
        let line = OrderLine(
            lineNumber: "3",
            sku: "S",
            gtin: "4006381333931",
            quantity: 4,
            unitOfMeasure: .box,
            unitPrice: 2
        )
        #expect(OrderResponseLine.accepted(line).acceptedQuantity == 4)
        #expect(OrderResponseLine.rejected(line, reason: "no").acceptedQuantity == .zero)
        let changed = OrderResponseLine.changed(line, deliveryDate: KontorDate("2025-04-01"))
        #expect(changed.status == .changed && changed.acceptedQuantity == 4 && changed.unitOfMeasure == .box)
        #expect(ShipmentLine(line, quantity: 1).gtin == "4006381333931")
    }
}
