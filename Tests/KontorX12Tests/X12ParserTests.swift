import Foundation
import KontorTestSupport
import KontorX12
import Testing

@Suite struct X12ParserTests {
    @Test func readsDelimitersAndEnvelopeOf850() throws {
        let interchange = try Fixture.interchange("node-x12_850.edi")
        #expect(interchange.delimiters.element == UInt8(ascii: "*"))
        #expect(interchange.delimiters.subElement == UInt8(ascii: ">"))
        #expect(interchange.delimiters.segment == UInt8(ascii: "~"))
        #expect(interchange.delimiters.repetition == nil)  // 00400: ISA11 is the standards id "U"
        #expect(interchange.controlNumber == "000003438")
        #expect(interchange.sender.id == "4405197800")
        #expect(interchange.groups.count == 1)
        let group = interchange.groups[0]
        #expect(group.version == "004010VICS")
        #expect(group.transactions.count == 1)
        let transaction = group.transactions[0]
        #expect(transaction.setIdentifier == "850")
        #expect(transaction.segments.count == 33)
        #expect(transaction.se?[1] == "33")
        #expect(interchange.iea?[2] == "000003438")
        #expect(interchange.unexpectedSegments.isEmpty)
    }

    @Test func segmentPositionsAndElements() throws {
        let bytes = try Fixture.bytes("node-x12_850.edi")
        let interchange = try X12Parser().parse(bytes)
        let transaction = interchange.transactions[0]
        let po1 = try #require(transaction.segments.first { $0.tag == "PO1" })
        #expect(po1[1] == "1")
        #expect(po1[11] == "AB3542")
        #expect(po1[12] == "")
        #expect(po1.count == 11)
        #expect(transaction.position(of: po1) == 13)
        #expect(po1.index == 14)
        let text = String(decoding: bytes[po1.offset..<(po1.offset + 6)], as: UTF8.self)
        #expect(text == "PO1*1*")
        #expect(po1.description == "PO1*1*120*EA*9.25*TE*CB*065322-117*PR*RO*VN*AB3542")
    }

    @Test func nonFixedWidthISAWithBOMAndIndentation() throws {
        let interchange = try Fixture.interchange("indice_x12.810a.edi")
        #expect(interchange.isa[6] == "ABCMUSICSUPPLY ")
        #expect(interchange.isa[16] == ">")
        #expect(interchange.delimiters.segment == UInt8(ascii: "~"))
        #expect(interchange.delimiters.repetition == nil)
        let transaction = try #require(interchange.transactions.first)
        #expect(transaction.setIdentifier == "810")
        #expect(transaction.segments.count == 64)
        #expect(transaction.segments.map(\.tag).contains("TDS"))
        #expect(transaction.segments.allSatisfy { !$0.tag.hasPrefix(" ") && !$0.tag.hasPrefix("\t") })
        #expect(X12Validator().validate(interchange).allIssues.isEmpty)
    }

    @Test func repetitionSeparatorFrom00402() throws {
        let asn = try Fixture.interchange("node-x12_856.edi")
        #expect(asn.delimiters.repetition == UInt8(ascii: "-"))
        let n4 = try #require(asn.transactions[0].segments.first { $0.tag == "N4" && $0[1] == "ATLANTA" })
        #expect(n4[3] == "31139-0020")  // raw text stays intact
        #expect(n4.element(3)?.repetitions.map(\.value) == ["31139", "0020"])
        let po = try Fixture.interchange("stedi_5010_850_input.edi")
        #expect(po.delimiters.repetition == nil)  // ISA11 is "U" even in 00501 here: a letter is never a separator
    }

    @Test func componentsAndRepetitions() throws {
        let text =
            "ISA*00*          *00*          *ZZ*A              *ZZ*B              *200101*1200*^*00501*000000001*0*P*:~"
            + "GS*HC*A*B*20200101*1200*1*X*005010X222A1~ST*837*0001~HI*ABK:I10^ABF:E11~SE*3*0001~GE*1*1~IEA*1*000000001~"
        let interchange = try X12Parser().parse(text)
        let hi = interchange.transactions[0].segments[1]
        let element = try #require(hi.element(1))
        #expect(element.repetitions.count == 2)
        #expect(element.repetitions[1].components == ["ABF", "E11"])
        #expect(hi.component(1, 2) == "I10")
    }

    @Test func crlfAndLFTerminators() throws {
        let base =
            "ISA*00*          *00*          *ZZ*A              *ZZ*B              *200101*1200*U*00401*000000001*0*P*>"
        let body = [
            "GS*PO*A*B*20200101*1200*1*X*004010", "ST*850*0001", "BEG*00*SA*1**20200101", "SE*3*0001",
            "GE*1*1", "IEA*1*000000001",
        ]
        for separator in ["~\r\n", "~\n", "~"] {
            let text = base + separator + body.joined(separator: separator) + separator
            let interchange = try X12Parser().parse(text)
            #expect(interchange.transactions[0].segments.map(\.description) == Array(body[1...3]))
            #expect(X12Validator().validate(interchange).allIssues.isEmpty)
        }
        let newlineTerminated = String(base.dropLast()) + ">\n" + body.joined(separator: "\r\n") + "\r\n"
        let interchange = try X12Parser().parse(String(newlineTerminated))
        #expect(interchange.delimiters.segment == 0x0A)
        #expect(interchange.transactions[0].segments[1].description == "BEG*00*SA*1**20200101")
    }

    @Test func rejectsNonX12() {
        #expect(throws: X12ParseError.missingISA) { try X12Parser().parse("UNA:+.? 'UNB+UNOC:3") }
        #expect(throws: X12ParseError.truncatedISA) { try X12Parser().parse("ISA*00*   *00") }
        #expect(throws: X12ParseError.missingISA) { try X12Parser().parse("") }
    }

    @Test func everyFixtureParses() throws {
        for name in Fixture.all {
            let interchange = try Fixture.interchange(name)
            #expect(interchange.transactions.count == 1, "\(name)")
            #expect(interchange.unexpectedSegments.isEmpty, "\(name)")
        }
    }

    @Test func randomMutationsNeverCrashOrHang() throws {
        var generator = SplitMix64(seed: 0x5EED)
        var parsed = 0
        for round in 0..<2_000 {
            var bytes = try Fixture.bytes(Fixture.all[round % Fixture.all.count])
            let mutations = Int.random(in: 1...8, using: &generator)
            for _ in 0..<mutations {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(Array("*~>^\r\n".utf8).randomElement(using: &generator)!, at: position)
                default: bytes.removeSubrange(position..<min(bytes.count, position + 40))
                }
                if bytes.isEmpty { bytes = [0] }
            }
            if let interchange = try? X12Parser().parse(bytes) {
                parsed += 1
                let report = X12Validator().validate(interchange)
                _ = X12Acknowledgement.make(
                    for: interchange,
                    interchangeControlNumber: 1,
                    groupControlNumber: 1,
                    report: report
                )
                for transaction in interchange.transactions where transaction.setIdentifier == "850" {
                    _ = try? X12PurchaseOrderReader.read(transaction)
                }
            }
        }
        #expect(parsed > 500)
    }
}
