import Foundation
import KontorModel
import KontorShipping
import Testing

/// Reads the PDFs with poppler-utils (`pdftotext`, `pdftoppm`) and the barcodes with zbar-tools (`zbarimg`).
/// Serialized: Foundation's `Process` is unreliable when several tests wait for children at once.
@Suite("Packing slips and shipping labels as HTML, ZPL and PDF", .serialized)
struct ShipmentDocumentTests {
    private let document = ShipmentDocument(
        task: Fixtures.pickTask(),
        parcels: [
            Parcel(parcelId: "P1", trackingNumber: "JJD000390007712345", weightGrams: 3000),
            Parcel(parcelId: "P2", trackingNumber: "1Z999AA10123456784", weightGrams: 1200),
        ],
        shipFrom: Fixtures.leipzig
    )

    @Test("The HTML packing slip has order number, date, addresses and every line, escaped, in UTF-8")
    func packingSlipHTML() {
        let html = PackingSlip(document).html()
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<dd id=\"order-number\">SO-2025-0042</dd>"))
        #expect(html.contains("<dd id=\"shipment\">ord-1001-WH-DE-LEJ-1</dd>"))
        #expect(html.contains("<dd id=\"date\">2025-03-03</dd>"))
        #expect(html.contains("<dd id=\"tracking\">JJD000390007712345, 1Z999AA10123456784</dd>"))
        #expect(
            html.contains(
                "<p id=\"ship-to\">Jürgen Weiß<br>Müller &amp; Söhne GmbH<br>Müllerstraße 5<br>50667 Köln<br>DE</p>"
            )
        )
        #expect(html.contains("<p id=\"ship-from\">WH-DE-LEJ<br>Leipzig distribution centre<br>"))
        #expect(
            html.contains(
                "<tr><td>1</td><td>PT-DRL-18V-055</td><td>Akku-Bohrschrauber 18 V, Größe M</td>"
                    + "<td class=\"qty\">2</td><td>A-03-2</td></tr>"
            )
        )
        #expect(html.contains("<td>Bit-Satz &lt;32-teilig&gt;</td>"))
        #expect(html.contains("8 piece(s) in 3 line(s)"))
        #expect(
            PackingSlip(document, date: KontorDate("2025-03-04")).html().contains("<dd id=\"date\">2025-03-04</dd>")
        )
    }

    @Test("The PDF packing slip reads back with pdftotext, umlauts included")
    func packingSlipPDF() throws {
        let pdf = PackingSlip(document).pdf()
        #expect(pdf.starts(with: Array("%PDF-1.4".utf8)))
        let tool = try ExternalTool()
        defer { tool.remove() }
        let text = try tool.pdfText(pdf)
        #expect(text.contains("Packing slip"))
        #expect(text.contains("SO-2025-0042"))
        #expect(text.contains("2025-03-03"))
        #expect(text.contains("Jürgen Weiß"))
        #expect(text.contains("Müller & Söhne GmbH"))
        #expect(text.contains("50667 Köln"))
        #expect(text.contains("Akku-Bohrschrauber 18 V, Größe M"))
        #expect(text.contains("Bit-Satz <32-teilig>"))
        let drillLine = try #require(text.split(separator: "\n").first { $0.contains("PT-DRL-18V-055") })
        #expect(drillLine.split(separator: " ", omittingEmptySubsequences: true).contains("2"))
        #expect(drillLine.contains("A-03-2"))
    }

    @Test("A long packing slip continues on further pages")
    func packingSlipPages() throws {
        var task = Fixtures.pickTask()
        task.lines = (1...80).map {
            PickTaskLine(lineNumber: "\($0)", sku: "SKU-\($0)", description: "Artikel Nr. \($0)", quantity: 1)
        }
        let tool = try ExternalTool()
        defer { tool.remove() }
        let text = try tool.pdfText(PackingSlip(ShipmentDocument(task: task)).pdf())
        #expect(
            text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count
                >= 2
        )
        #expect(text.contains("SKU-1 "))
        #expect(text.contains("SKU-80"))
        #expect(text.contains("80 piece(s) in 80 line(s)"))
    }

    @Test("The ZPL label: 4x6 in at 203 dpi, UTF-8, addresses, Code 128 of the tracking number, one per parcel")
    func labelZPL() throws {
        var withUnderscore = document
        withUnderscore.task.shipTo.street2 = "c/o Lager_Nord ^2"
        let zpl = try ShippingLabel(withUnderscore).zpl()
        #expect(zpl.components(separatedBy: "^XA").count - 1 == 2)
        #expect(zpl.components(separatedBy: "^XZ").count - 1 == 2)
        #expect(zpl.contains("^PW812"))
        #expect(zpl.contains("^LL1218"))
        #expect(zpl.contains("^CI28"))
        #expect(zpl.contains("^BCN,200,Y,N,N,A^FH_^FDJJD000390007712345^FS"))
        #expect(zpl.contains("^BCN,200,Y,N,N,A^FH_^FD1Z999AA10123456784^FS"))
        #expect(zpl.contains("^FDJürgen Weiß^FS"))
        #expect(zpl.contains("^FDMüllerstraße 5^FS"))
        #expect(zpl.contains("^FDc/o Lager_5FNord _5E2^FS"))
        #expect(zpl.contains("^FDOrder SO-2025-0042   Parcel 2/2^FS"))
        #expect(zpl.contains("^FDDHL  dhl-paket^FS"))
    }

    @Test("The PDF label reads back with pdftotext and its barcodes scan with zbarimg")
    func labelPDF() throws {
        let pdf = try ShippingLabel(document).pdf()
        let tool = try ExternalTool()
        defer { tool.remove() }
        let text = try tool.pdfText(pdf)
        #expect(text.contains("Jürgen Weiß"))
        #expect(text.contains("Müllerstraße 5"))
        #expect(text.contains("Parcel 1/2"))
        #expect(text.contains("JJD000390007712345"))
        #expect(try tool.barcodes(pdf) == ["JJD000390007712345", "1Z999AA10123456784"])
    }

    @Test("Every printable ASCII character and every digit pair scans back (the whole pattern table)")
    func barcodeTable() throws {
        let printable = String(decoding: (33...126).map { UInt8($0) }, as: UTF8.self)
        let digits = (0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
        var chunks: [String] = []
        for start in stride(from: 0, to: printable.count, by: 16) {
            chunks.append("A " + String(printable.dropFirst(start).prefix(16)))
        }
        for start in stride(from: 0, to: digits.count, by: 40) {
            chunks.append(String(digits.dropFirst(start).prefix(40)))
        }
        let parcels = chunks.map { Parcel(trackingNumber: $0) }
        let pdf = try ShippingLabel(ShipmentDocument(task: Fixtures.pickTask(), parcels: parcels)).pdf()
        let tool = try ExternalTool()
        defer { tool.remove() }
        #expect(try tool.barcodes(pdf) == chunks)
    }

    @Test("No label without a tracking number; a tracking number Code 128 cannot carry is named")
    func labelErrors() {
        #expect {
            _ = try ShippingLabel(ShipmentDocument(task: Fixtures.pickTask(), parcels: [Parcel(weightGrams: 1)])).zpl()
        } throws: { error in
            (error as? ShippingLabelError)?.description
                == "shipment ord-1001-WH-DE-LEJ-1: no parcel has a tracking number yet (labels are printed once booked)"
        }
        #expect {
            _ = try ShippingLabel(
                ShipmentDocument(task: Fixtures.pickTask(), parcels: [Parcel(), Parcel(trackingNumber: "Ä1")])
            ).pdf()
        } throws: { error in
            (error as? ShippingLabelError)?.message
                == "parcels[1].trackingNumber: Code 128: character 1 of \"Ä1\" is not printable ASCII"
        }
    }
}
