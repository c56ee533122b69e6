import Foundation
import KontorEDIFACT
import Testing

@Suite struct EdifactControlTests {
    let preparedAt = Date(timeIntervalSince1970: 1_740_824_100)  // 2025-03-01 10:15 UTC

    func segments(_ text: String) throws -> [String] {
        text.split(separator: "'").map(String.init).filter { !$0.isEmpty }
    }

    @Test func rejectsTheWikipediaInterchange() throws {
        let interchange = try EdifactParser.parse(try Fixture.bytes("pydifact_D96A_wikipedia_de.edi"))
        let contrl = EdifactControl.make(for: interchange, controlReference: "C1", preparedAt: preparedAt)
        #expect(
            try segments(contrl) == [
                "UNA:+.? ",
                "UNB+UNOC:3+Empfaengerkennung+Senderkennung+250301:1015+C1",
                "UNH+1+CONTRL:D:3:UN",
                "UCI+1+Senderkennung+Empfaengerkennung+4+28+UNZ+2",
                "UCM+1+ORDERS:D:96A:UN+4",
                "UNT+4+1",
                "UNZ+1+C1",
            ]
        )
        let reparsed = try EdifactParser.parse(contrl)
        #expect(EdifactValidator.validate(reparsed) == [])
    }

    @Test func acceptsTheD01BInterchange() throws {
        let interchange = try EdifactParser.parse(try Fixture.bytes("kontor_D01B_orders.edi"))
        let contrl = EdifactControl.make(for: interchange, controlReference: "C2", preparedAt: preparedAt)
        #expect(
            try segments(contrl) == [
                "UNA:+.? ",
                "UNB+UNOC:3+4098765000002:14+4012345000009:14+250301:1015+C2",
                "UNH+1+CONTRL:D:3:UN",
                "UCI+KT0000042+4012345000009:14+4098765000002:14+7",
                "UCM+ME000001+ORDERS:D:01B:UN:EAN010+7",
                "UNT+4+1",
                "UNZ+1+C2",
            ]
        )
    }

    @Test func reportsMessagesSegmentsAndElements() throws {
        let text = edi(
            "UNB+UNOC:3+S:14+R:14+250301:1015+REF1",
            "UNH+1+ORDERS:D:96A:UN",
            "BGM+220+A",
            "UNT+3+1",
            "UNH+2+ORDERS:D:96A:UN",
            "BGM+220+B",
            "UNT+9+2",
            "UNH+3+ORDERS:D:96A:UN",
            "BGM+220+C",
            "QTY+21:1x",
            "bad+1",
            "UNT+5+3",
            "UNZ+3+REF1"
        )
        let interchange = try EdifactParser.parse(text)
        var issues = EdifactValidator.validate(interchange)
        issues.append(
            EdifactIssue(
                code: .invalidDecimalNotation,
                segmentTag: "QTY",
                segmentPosition: 3,
                elementPosition: 1,
                componentPosition: 2,
                messageIndex: 2,
                message: "1x is not a number"
            )
        )
        let contrl = EdifactControl.make(
            for: interchange,
            issues: issues,
            controlReference: "C3",
            preparedAt: preparedAt,
            writer: EdifactWriter(writesServiceStringAdvice: false)
        )
        #expect(
            try segments(contrl) == [
                "UNB+UNOC:3+R:14+S:14+250301:1015+C3",
                "UNH+1+CONTRL:D:3:UN",
                "UCI+REF1+S:14+R:14+7",
                "UCM+1+ORDERS:D:96A:UN+7",
                "UCM+2+ORDERS:D:96A:UN+4+29+UNT+1",
                "UCM+3+ORDERS:D:96A:UN+4",
                "UCS+3",
                "UCD+19+1:2",
                "UCS+4+12",
                "UNT+9+1",
                "UNZ+1+C3",
            ]
        )
    }

    @Test func reportsGroups() throws {
        let text = edi(
            "UNB+UNOC:3+S+R+250301:1015+REF1",
            "UNG+ORDERS+S+R+250301:1015+G1+UN+D:96A",
            "UNH+1+ORDERS:D:96A:UN",
            "UNT+2+1",
            "UNE+2+G1",
            "UNZ+1+REF1"
        )
        let contrl = EdifactControl.make(
            for: try EdifactParser.parse(text),
            controlReference: "C4",
            preparedAt: preparedAt,
            writer: EdifactWriter(writesServiceStringAdvice: false)
        )
        let lines = try segments(contrl)
        #expect(lines[2] == "UCI+REF1+S+R+7")
        #expect(lines[3] == "UCF+G1+S+R+4+29+UNE+1")
        #expect(lines[4] == "UCM+1+ORDERS:D:96A:UN+4")
        #expect(lines[5] == "UNT+5+1")
    }
}
