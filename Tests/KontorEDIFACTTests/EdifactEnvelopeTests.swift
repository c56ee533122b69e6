import Foundation
import KontorEDIFACT
import Testing

@Suite struct EdifactEnvelopeTests {
    @Test func wikipediaSampleHasUNZReferenceMismatch() throws {
        let interchange = try EdifactParser.parse(try Fixture.bytes("pydifact_D96A_wikipedia_de.edi"))
        let issues = EdifactValidator.validate(interchange)
        #expect(issues.count == 1)
        let issue = try #require(issues.first)
        #expect(issue.code == .interchangeReferenceMismatch)
        #expect(issue.code.syntaxErrorCode == "28")
        #expect(issue.segmentTag == "UNZ")
        #expect(issue.segmentPosition == 11)
        #expect(issue.elementPosition == 2)
        #expect(issue.level == .interchange)
    }

    @Test func d01bSampleIsClean() throws {
        let interchange = try EdifactParser.parse(try Fixture.bytes("kontor_D01B_orders.edi"))
        #expect(EdifactValidator.validate(interchange) == [])
        #expect(interchange.delimiters.decimalMark == UInt8(ascii: ","))
    }

    @Test func badMessageDoesNotStopTheOthers() throws {
        let text = edi(
            "UNB+UNOC:3+S+R+250301:1015+REF1",
            "UNH+1+ORDERS:D:96A:UN",
            "BGM+220+A",
            "UNT+3+1",
            "UNH+2+ORDERS:D:96A:UN",
            "BGM+220+B",
            "DTM+137:20250301:102",
            "UNT+3+X",
            "UNH+3+ORDERS:D:96A:UN",
            "BGM+220+C",
            "UNT+3+3",
            "UNZ+2+REF1"
        )
        let interchange = try EdifactParser.parse(text)
        #expect(interchange.messages.count == 3)
        let issues = EdifactValidator.validate(interchange)
        #expect(issues.map(\.code) == [.interchangeCountMismatch, .segmentCountMismatch, .messageReferenceMismatch])
        #expect(issues[0].segmentTag == "UNZ")
        #expect(issues[0].elementPosition == 1)
        #expect(issues[1].messageIndex == 1)
        #expect(issues[1].segmentPosition == 4)
        #expect(issues[1].elementPosition == 1)
        #expect(issues[2].messageIndex == 1)
        #expect(issues[2].elementPosition == 2)
    }

    @Test func groupsAreCountedInsteadOfMessages() throws {
        let text = edi(
            "UNB+UNOC:3+S+R+250301:1015+REF1",
            "UNG+ORDERS+S+R+250301:1015+G1+UN+D:96A",
            "UNH+1+ORDERS:D:96A:UN",
            "UNT+2+1",
            "UNH+2+ORDERS:D:96A:UN",
            "UNT+2+2",
            "UNE+1+G9",
            "UNG+ORDERS+S+R+250301:1015+G2+UN+D:96A",
            "UNH+3+ORDERS:D:96A:UN",
            "UNT+2+3",
            "UNE+1+G2",
            "UNZ+2+REF1"
        )
        let interchange = try EdifactParser.parse(text)
        #expect(interchange.groups.count == 2)
        #expect(interchange.groups[0].messageIndices == 0..<2)
        #expect(interchange.messages[2].groupIndex == 1)
        let issues = EdifactValidator.validate(interchange)
        #expect(issues.map(\.code) == [.groupCountMismatch, .groupReferenceMismatch])
        #expect(issues.allSatisfy { $0.groupIndex == 0 && $0.level == .group })
    }

    @Test func structuralProblems() throws {
        let text = edi(
            "UNB+UNOC:3+S+R+250301:1015+REF1",
            "FTX+AAI",
            "UNH+1+ORDERS:D:96A:UN",
            "BGM+220+A",
            "UNH+2+ORDERS:D:96A:UN",
            "UNT+2+2",
            "UNZ+2+REF1",
            "UNH+9+ORDERS:D:96A:UN"
        )
        let interchange = try EdifactParser.parse(text)
        let issues = EdifactValidator.validate(interchange)
        #expect(
            issues.map(\.code) == [.segmentOutsideMessage, .segmentOutsideMessage, .missingTrailer]
        )
        #expect(issues[0].segmentTag == "FTX")
        #expect(issues[0].segmentPosition == 2)
        #expect(issues[1].segmentTag == "UNH")
        #expect(issues[2].messageIndex == 0)
        #expect(issues[2].level == .message)
    }

    @Test func missingUNZAndUNBElements() throws {
        let interchange = try EdifactParser.parse("UNB+UNOC++R+250301:1015'UNH+1+ORDERS:D:96A:UN'UNT+2+1'")
        let issues = EdifactValidator.validate(interchange)
        #expect(issues.map(\.code) == [.missingTrailer, .missingElement, .missingElement, .missingElement])
        #expect(issues[1].elementPosition == 1)
        #expect(issues[1].componentPosition == 2)
        #expect(issues[2].elementPosition == 2)
        #expect(issues[3].elementPosition == 5)
    }
}
