import Foundation
import KontorMapping
import KontorModel
import Testing

@Suite("CSV mappings")
struct CSVTests {
    static func mapping(csvOptions: String = "", groupBy: Bool = true) throws(MappingError) -> Mapping {
        try TestSupport.load(
            """
            format: csv
            channel: csv-test
            \(csvOptions)
            \(groupBy ? "orders: {groupBy: Order}" : "")
            fields:
              orderNumber: Order
              orderDate: {value: "2025-01-01"}
              currency: {value: EUR}
              buyer.name: Customer
              shipTo.country: {value: DE}
              notes: Note
              totals.grandTotal:
                from: Amount[*]
                transform: [sum]
            lines:
              fields:
                sku: Item
                quantity: Qty
                unitPrice: Amount
                description: Text
            """
        )
    }

    @Test("BOM, CRLF, quoted delimiters, doubled quotes, line breaks in quotes, non-contiguous groups")
    func quoting() throws {
        let text =
            "\u{FEFF}Order,Customer,Item,Qty,Amount,Text,Note\r\n"
            + "A-1,\"Doe, John\",X,1,2.50,\"Say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
            + "B-1,Ann,Y,2,3,,\r\n"
            + "A-1,\"Doe, John\",Z,1,1.25,plain,\r\n"
            + "\r\n"
        let orders = try TestSupport.translate(try Self.mapping(), text)
        #expect(orders.map(\.orderNumber) == ["A-1", "B-1"])
        #expect(orders[0].buyer.name == "Doe, John")
        #expect(orders[0].lines.map(\.sku) == ["X", "Z"])
        #expect(orders[0].lines[0].description == "Say \"hi\"")
        #expect(orders[0].notes == "two\r\nlines")
        #expect(orders[0].totals.grandTotal.description == "3.75")
        #expect(orders[1].lines[0].description == nil)
        #expect(orders[1].notes == nil)
    }

    @Test("LF and CR line ends, no trailing newline, no groupBy: the whole file is one order")
    func lineEndsAndWholeFile() throws {
        for separator in ["\n", "\r"] {
            let text = ["Order,Customer,Item,Qty,Amount,Text,Note", "A,Ann,X,1,1,,", "A,Ann,Y,1,2,,"]
                .joined(separator: separator)
            let orders = try TestSupport.translate(try Self.mapping(groupBy: false), text)
            #expect(orders.count == 1)
            #expect(orders[0].lines.count == 2)
        }
    }

    @Test("Semicolons and windows-1252")
    func semicolonsAndWindows1252() throws {
        let mapping = try Self.mapping(csvOptions: "csv: {delimiter: \";\", encoding: windows-1252}")
        var bytes = Array("Order;Customer;Item;Qty;Amount;Text;Note\r\nA;M#ller;X;1;9.99;#;\r\n".utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "#"))!] = 0xFC  // ü
        bytes[bytes.firstIndex(of: UInt8(ascii: "#"))!] = 0x80  // €
        let orders = try mapping.translate(bytes)
        #expect(orders[0].buyer.name == "Müller")
        #expect(orders[0].lines[0].description == "€")
    }

    @Test("Malformed CSV: unterminated quote, text after a quote, wrong field count, bad UTF-8, empty")
    func malformed() throws {
        let mapping = try Self.mapping()
        let header = "Order,Customer,Item,Qty,Amount,Text,Note\n"
        for text in [header + "A,\"Ann,X,1,1,,", header + "A,\"Ann\"x,X,1,1,,", header + "A,Ann,X,1,1,", ""] {
            let error = try #require(TestSupport.translateError(mapping, text), "\(text)")
            #expect(error.kind == .malformedInput, "\(text)")
        }
        #expect(
            TestSupport.translateError(mapping, header + "A,Ann,X,1,1,,,")?.message.contains("row 2 has 8 fields")
                == true
        )
        #expect(throws: MappingError.self) { try mapping.translate(Array(header.utf8) + [0x41, 0xFF, 0x0A]) }
    }

    @Test("A missing column: absent when optional, named when required")
    func missingColumn() throws {
        let mapping = try Self.mapping()
        let noNote = "Order,Customer,Item,Qty,Amount,Text\nA,Ann,X,1,1,\n"
        #expect(try TestSupport.translate(mapping, noNote)[0].notes == nil)
        let noQty = "Order,Customer,Item,Amount,Text,Note\nA,Ann,X,1,,\nA,Ann,Y,2,,\n"
        let error = try #require(TestSupport.translateError(mapping, noQty))
        #expect(error.field == #"column "Qty" (not in the header)"#)
        #expect(error.canonicalField == "lines[0].quantity")
        let emptyQty = "Order,Customer,Item,Qty,Amount,Text,Note\nA,Ann,X,1,1,,\nA,Ann,Y,,2,,\n"
        let empty = try #require(TestSupport.translateError(mapping, emptyQty))
        #expect(empty.description == #"unmappable at row 3, column "Qty" (lines[1].quantity): missing required value"#)
        let noGroup = "Customer,Item,Qty,Amount,Text,Note\nAnn,X,1,1,,\n"
        #expect(TestSupport.translateError(mapping, noGroup)?.message.contains("groupBy column") == true)
    }

    @Test("CSV-only keys are refused elsewhere and vice versa")
    func formatSpecificKeys() {
        #expect(
            TestSupport.loadError(
                validJSONMapping(replacing: "channel: test", with: "channel: test\ncsv: {delimiter: \";\"}")
            )?
            .message.contains("only for format: csv") == true
        )
        let eachInCSV = """
            format: csv
            channel: t
            fields:
              orderNumber: a
              orderDate: b
              currency: c
              buyer.name: d
              shipTo.country: e
              totals.grandTotal: f
            lines:
              each: rows
              fields:
                sku: g
                quantity: h
                unitPrice: i
            """
        #expect(TestSupport.loadError(eachInCSV)?.message.contains("leave out each:") == true)
    }
}
