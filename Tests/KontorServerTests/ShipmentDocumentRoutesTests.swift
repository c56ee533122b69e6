import Foundation
import KontorModel
import KontorServer
import KontorShipping
import Testing

/// An in-memory ``ShipmentDocumentSource``: the routes' tests run without the fulfillment store, which keeps the pick
/// tasks in `kontor run`. One shipment with two tracked parcels, one without tracking numbers yet.
struct InMemoryShipmentDocuments: ShipmentDocumentSource {
    static let taskId = "ord_1-WH1-1"
    static let untrackedTaskId = "ord_1-WH1-2"

    static let sample = InMemoryShipmentDocuments(documents: [
        taskId: ShipmentDocument(
            task: task(taskId),
            parcels: [
                Parcel(trackingNumber: "JJD000390007712345", weightGrams: 2100),
                Parcel(trackingNumber: "JJD000390007712346", weightGrams: 900),
            ],
            shipFrom: Address(
                name: "Lager Eins",
                street: "Am Exer 10",
                city: "Leipzig",
                postalCode: "04158",
                country: .de
            )
        ),
        untrackedTaskId: ShipmentDocument(task: task(untrackedTaskId), parcels: [Parcel(weightGrams: 800)]),
    ])

    let documents: [String: ShipmentDocument]

    func shipmentDocument(taskId: String) async throws -> ShipmentDocument? {
        documents[taskId]
    }

    static func task(_ taskId: String) -> PickTask {
        PickTask(
            taskId: taskId,
            orderId: OrderID("ord_1"),
            orderNumber: "SO-4711",
            channel: SalesChannel("web"),
            locationId: "WH1",
            method: "ship",
            lines: [PickTaskLine(lineNumber: "1", sku: "SKU-RED-M", description: "T-Shirt rot, Größe M", quantity: 3)],
            shipTo: Address(
                name: "Jürgen Weiß",
                street: "Hauptstraße 1",
                city: "Köln",
                postalCode: "50667",
                country: .de
            ),
            carrier: "dhl",
            carrierService: "dhl-paket",
            createdAt: Timestamp(rfc3339: "2025-03-03T09:00:00Z")!
        )
    }
}

@Suite("Packing slip and label routes (in-memory shipment source)")
struct ShipmentDocumentRoutesTests {
    @Test("Packing slip as HTML, and as PDF by suffix or Accept header")
    func packingSlip() async throws {
        try await ServerFixture.run { _, base in
            let url = "\(base)/v1/shipments/\(InMemoryShipmentDocuments.taskId)/packing-slip"
            let html = try await HTTP.get(url)
            #expect(html.status == 200)
            #expect(html.headers["content-type"] == "text/html; charset=utf-8")
            #expect(html.text.contains("SO-4711"))
            #expect(html.text.contains("T-Shirt rot, Größe M"))
            #expect(html.text.contains("Jürgen Weiß"))

            let bySuffix = try await HTTP.get(url + ".pdf")
            #expect(bySuffix.status == 200)
            #expect(bySuffix.headers["content-type"] == "application/pdf")
            #expect(bySuffix.body.starts(with: Data("%PDF-1.4".utf8)))
            #expect(
                bySuffix.headers["content-disposition"]
                    == "inline; filename=\"packing-slip-\(InMemoryShipmentDocuments.taskId).pdf\""
            )
            let byAccept = try await HTTP.request("GET", url, headers: ["Accept": "application/pdf"])
            #expect(byAccept.headers["content-type"] == "application/pdf")
            #expect(byAccept.body.starts(with: Data("%PDF-1.4".utf8)))
        }
    }

    @Test("Label as ZPL with one label per parcel, and as PDF")
    func label() async throws {
        try await ServerFixture.run { _, base in
            let url = "\(base)/v1/shipments/\(InMemoryShipmentDocuments.taskId)/label"
            let zpl = try await HTTP.get(url)
            #expect(zpl.status == 200)
            #expect(zpl.headers["content-type"] == "application/zpl; charset=utf-8")
            #expect(zpl.text.components(separatedBy: "^XA").count - 1 == 2)
            #expect(zpl.text.contains("^FDJJD000390007712346^FS"))

            let pdf = try await HTTP.request("GET", url, headers: ["Accept": "application/pdf"])
            #expect(pdf.headers["content-type"] == "application/pdf")
            #expect(pdf.body.starts(with: Data("%PDF-1.4".utf8)))
            let bySuffix = try await HTTP.get(url + ".pdf")
            #expect(bySuffix.body == pdf.body)
        }
    }

    @Test("Unknown shipment: 404; label before tracking numbers: 409; both problem details")
    func problems() async throws {
        try await ServerFixture.run { _, base in
            let unknown = try await HTTP.get("\(base)/v1/shipments/nope/packing-slip")
            #expect(unknown.status == 404)
            #expect(unknown.headers["content-type"] == "application/problem+json")
            #expect(unknown.json["detail"] as? String == "No pick task (shipment) with id 'nope'.")

            let untracked = try await HTTP.get(
                "\(base)/v1/shipments/\(InMemoryShipmentDocuments.untrackedTaskId)/label.pdf"
            )
            #expect(untracked.status == 409)
            #expect(untracked.json["type"] as? String == ProblemDetails.Types.documentUnavailable)
            #expect(
                untracked.json["detail"] as? String
                    == "shipment \(InMemoryShipmentDocuments.untrackedTaskId): no parcel has a tracking number yet "
                    + "(labels are printed once booked)"
            )
            // The packing slip needs no tracking number.
            let slip = try await HTTP.get(
                "\(base)/v1/shipments/\(InMemoryShipmentDocuments.untrackedTaskId)/packing-slip"
            )
            #expect(slip.status == 200)
        }
    }
}
