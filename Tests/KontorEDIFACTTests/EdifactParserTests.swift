import Foundation
import KontorEDIFACT
import Testing

@Suite struct EdifactParserTests {
    @Test func defaultDelimitersAndEscapes() throws {
        let (delimiters, segments) = try EdifactParser.tokenize(
            "UNB+UNOC:3+A+B+250301:1015+1'\nFTX+AAI+++a?+b?:c??d?'e:x'\r\nUNZ+0+1'"
        )
        #expect(delimiters == .standard)
        #expect(segments.map(\.tag) == ["UNB", "FTX", "UNZ"])
        let ftx = segments[1]
        #expect(ftx.element(4) == ["a+b:c?d'e", "x"])
        #expect(ftx.value(1) == "AAI")
        #expect(ftx.value(2) == nil)
        #expect(ftx.elementCount == 4)
        #expect(ftx.position == 2)
        #expect(ftx.offset == 30)
        #expect(segments[0].value(4, 2) == "1015")
    }

    @Test func serviceStringAdvice() throws {
        let text = "UNA|*,# ~UNB*UNOC|3*A*B*250301|1015*1~BGM*220*X#*Y#|Z~UNZ*0*1~"
        let (delimiters, segments) = try EdifactParser.tokenize(text)
        #expect(delimiters.component == UInt8(ascii: "|"))
        #expect(delimiters.element == UInt8(ascii: "*"))
        #expect(delimiters.decimalMark == UInt8(ascii: ","))
        #expect(delimiters.release == UInt8(ascii: "#"))
        #expect(delimiters.repetition == nil)
        #expect(delimiters.segment == UInt8(ascii: "~"))
        #expect(segments[1].element(2) == ["X*Y|Z"])
        #expect(segments[0].position == 1)
    }

    @Test func repetitionSeparatorOfSyntaxVersion4() throws {
        let (_, segments) = try EdifactParser.tokenize("UNA:+.?*'UNB+UNOC:4+A+B+20250301:1015+1'XYZ+a:b*c:d+e'UNZ+0+1'")
        let xyz = segments[1]
        #expect(xyz.elementCount == 2)
        #expect(xyz.repetitions(1) == [["a", "b"], ["c", "d"]])
        #expect(xyz.element(1) == ["a", "b"])
        #expect(xyz.value(2) == "e")
    }

    @Test func latin1AndUTF8Components() throws {
        var bytes = Array("UNB+UNOC:3+A+B+250301:1015+1'NAD+BY+++K".utf8)
        bytes.append(0xF6)  // ö in ISO 8859-1
        bytes += Array("ln+Stra\u{DF}e'UNZ+0+1'".utf8)  // ß in UTF-8
        let (_, segments) = try EdifactParser.tokenize(bytes)
        #expect(segments[1].value(4) == "Köln")
        #expect(segments[1].value(5) == "Straße")
    }

    @Test func unreadableInput() {
        #expect(throws: EdifactSyntaxError(.empty, offset: 0)) { try EdifactParser.parse("  \r\n") }
        #expect(throws: EdifactSyntaxError(.unterminatedSegment, offset: 21)) {
            try EdifactParser.parse("UNB+UNOC:3+A+B+1:1+1'UNH+1")
        }
        #expect(throws: EdifactSyntaxError(.missingInterchangeHeader, offset: 0)) { try EdifactParser.parse("UNH+1'") }
        #expect(throws: EdifactSyntaxError(.invalidServiceStringAdvice, offset: 0)) { try EdifactParser.parse("UNA::") }
        #expect(throws: EdifactSyntaxError(.unterminatedSegment, offset: 0)) { try EdifactParser.parse("UNB+x?") }
    }

    @Test func wikipediaSampleStructure() throws {
        let interchange = try EdifactParser.parse(try Fixture.bytes("pydifact_D96A_wikipedia_de.edi"))
        #expect(interchange.senderID == "Senderkennung")
        #expect(interchange.recipientID == "Empfaengerkennung")
        #expect(interchange.controlReference == "1")
        #expect(interchange.applicationReference == "1234567")
        #expect(interchange.messages.count == 1)
        let message = interchange.messages[0]
        #expect(message.type == "ORDERS")
        #expect(message.release == "96A")
        #expect(message.segments.count == 9)
        #expect(message.body.map(\.tag) == ["BGM", "DTM", "NAD", "LIN", "QTY", "UNS", "CNT"])
        #expect(interchange.trailer?.value(2) == "1234567")
        #expect(interchange.structureIssues.isEmpty)
    }
}
