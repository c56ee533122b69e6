import Foundation
import KontorConnectors
import KontorKafka
import KontorModel
import KontorServer
import KontorStore
import KontorTestSupport
import Testing

/// Packing slips and labels served from the real SQLite store (``StoreShipmentDocuments``), and return labels from
/// real RMAs, over real HTTP.
@Suite("Shipment and return documents from the store", .serialized)
struct StoreShipmentDocumentsTests {
    static let leipzig = Location(
        id: "WH1",
        name: "Lager Eins",
        kind: .warehouse,
        address: Address(name: "Lager Eins", street: "Am Exer 10", city: "Leipzig", postalCode: "04158", country: .de)
    )

    /// A server with the documents routes over `store` only.
    static func withDocumentServer(
        _ fixture: ServerFixture,
        _ body: @Sendable (String) async throws -> Void
    ) async throws {
        let publisher = OrderPublisher(
            producer: fixture.producer,
            progressStore: fixture.store,
            logger: ServerFixture.logger
        )
        let router = KontorRouter.make(
            ingest: OrderIngest(
                publisher: publisher,
                quarantine: QuarantineWriter(producer: fixture.producer, logger: ServerFixture.logger)
            ),
            configuration: IngestConfiguration(),
            load: NoPipelineLoad(),
            readiness: [],
            shipments: StoreShipmentDocuments(store: fixture.store)
        )
        try await withLocalServer(router) { base in try await body(base) }
    }

    @Test("Packing slip from the stored task; label 409 until booked, then the carrier's ZPL and a rendered PDF")
    func documentsFromStore() async throws {
        try await ServerFixture.run { fixture, _ in
            let store = fixture.store
            try await store.upsertLocations([Self.leipzig])
            let task = InMemoryShipmentDocuments.task("ord_1-WH1-1")
            try await store.savePickTasks([
                PickTaskRecord(
                    task: task,
                    sequence: 1,
                    causeID: "alloc-1",
                    lines: [PickTaskRecord.Line(lineNumber: "1", reservationLine: 1, sku: "SKU-RED-M", quantity: 3)],
                    updatedAt: task.createdAt
                )
            ])
            try await Self.withDocumentServer(fixture) { base in
                let slip = try await HTTP.get("\(base)/v1/shipments/ord_1-WH1-1/packing-slip")
                #expect(slip.status == 200)
                #expect(slip.text.contains("SO-4711"))
                #expect(slip.text.contains("T-Shirt rot, Größe M"))
                #expect(slip.text.contains("Leipzig"))
                let pdf = try await HTTP.get("\(base)/v1/shipments/ord_1-WH1-1/packing-slip.pdf")
                #expect(pdf.status == 200)
                #expect(pdf.body.starts(with: Data("%PDF-".utf8)))
                #expect(try await HTTP.get("\(base)/v1/shipments/nope/packing-slip").status == 404)

                let early = try await HTTP.get("\(base)/v1/shipments/ord_1-WH1-1/label")
                #expect(early.status == 409)
                #expect(early.json["type"] as? String == ProblemDetails.Types.documentUnavailable)

                let carrierZPL = "^XA^FDcarrier's own label^FS^XZ\n"
                try await store.saveShipmentLabels(
                    ShipmentLabels(
                        taskID: "ord_1-WH1-1",
                        carrier: "dhl",
                        service: "dhl-paket",
                        format: "zpl",
                        labels: [.init(trackingNumber: "JJD000390007799999", label: Data(carrierZPL.utf8))],
                        bookedAt: task.createdAt
                    )
                )
                let zpl = try await HTTP.get("\(base)/v1/shipments/ord_1-WH1-1/label")
                #expect(zpl.status == 200)
                #expect(zpl.text == carrierZPL)
                // No PDF from the carrier: rendered from the stored tracking number.
                let labelPDF = try await HTTP.get("\(base)/v1/shipments/ord_1-WH1-1/label.pdf")
                #expect(labelPDF.status == 200)
                #expect(labelPDF.body.starts(with: Data("%PDF-".utf8)))
                let tracked = try await HTTP.get("\(base)/v1/shipments/ord_1-WH1-1/packing-slip")
                #expect(tracked.text.contains("JJD000390007799999"))
            }
        }
    }

    @Test("Return label: ZPL and PDF from the RMA's carrier and tracking number, customer to return location")
    func returnLabel() async throws {
        try await ServerFixture.run { fixture, base in
            let orderID = try await ReturnRoutesTests.shippedOrder(fixture, number: "RET-LABEL")
            try await fixture.store.recordShipment(ReturnRoutesTests.shipment(orderID, pieces: 1))
            let created = try await ReturnRoutesTests.post(
                "\(base)/v1/orders/\(orderID.rawValue)/returns",
                ReturnRoutesTests.body
            )
            #expect(created.status == 201, "\(created.text)")
            let rma = try #require(created.json["rmaNumber"] as? String)
            let tracking = try #require((created.json["label"] as? [String: Any])?["trackingNumber"] as? String)

            let zpl = try await HTTP.get("\(base)/v1/returns/\(rma)/label")
            #expect(zpl.status == 200, "\(zpl.text)")
            #expect(zpl.headers["content-type"] == "application/zpl; charset=utf-8")
            #expect(zpl.text.hasPrefix("^XA"))
            #expect(zpl.text.contains("^FD\(tracking)^FS"))
            // Sender: the customer in Köln; recipient: the return location WH1 (Köln too, so check the names).
            #expect(zpl.text.contains("Erika Mustermann"))
            #expect(zpl.text.contains("Heidestra"))
            #expect(zpl.text.contains("Order RET-LABEL"))

            let pdf = try await HTTP.get("\(base)/v1/returns/\(rma)/label.pdf")
            #expect(pdf.status == 200)
            #expect(pdf.headers["content-type"] == "application/pdf")
            #expect(pdf.body.starts(with: Data("%PDF-".utf8)))
            let accepted = try await HTTP.request(
                "GET",
                "\(base)/v1/returns/\(rma)/label",
                headers: ["Accept": "application/pdf"]
            )
            #expect(accepted.headers["content-type"] == "application/pdf")

            let unknown = try await HTTP.get("\(base)/v1/returns/RMA-2026-999999/label")
            #expect(unknown.status == 404)
        }
    }

    @Test("Return label without a return location: 409 naming the RMA")
    func returnLabelWithoutLocation() async throws {
        try await ServerFixture.run { fixture, base in
            let orderID = try await ReturnRoutesTests.shippedOrder(fixture, number: "RET-NOLOC")
            let created = try await ReturnRoutesTests.post(
                "\(base)/v1/orders/\(orderID.rawValue)/returns",
                ReturnRoutesTests.body
            )
            let rma = try #require(created.json["rmaNumber"] as? String)
            let refused = try await HTTP.get("\(base)/v1/returns/\(rma)/label")
            #expect(refused.status == 409)
            #expect((refused.json["detail"] as? String)?.contains("RMA \(rma): no return location") == true)
        }
    }
}
