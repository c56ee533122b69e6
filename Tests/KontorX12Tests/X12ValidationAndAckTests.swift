import Foundation
import KontorX12
import Testing

@Suite struct X12ValidationAndAckTests {
    static let isa4010 =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *200101*1200*U*00401*000000042*0*T*>~"
    static let isa5010 =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *200101*1200*^*00501*000000042*0*T*:~"
    static let date = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC

    static func order(_ control: String, number: String, segmentCount: String? = nil, seControl: String? = nil)
        -> String
    {
        let body = ["BEG*00*SA*\(number)**20200101", "PO1*1*2*EA*3.5**VN*X1", "CTT*1"]
        return "ST*850*\(control)~" + body.map { $0 + "~" }.joined()
            + "SE*\(segmentCount ?? String(body.count + 2))*\(seControl ?? control)~"
    }

    static func lines(_ ack: String) -> [String] {
        ack.split(separator: "\n").map { String($0.dropLast()) }
    }

    @Test func cleanSamplesHaveNoIssues() throws {
        for name in ["node-x12_850.edi", "stedi_5010_850_input.edi", "node-x12_855.edi", "indice_x12.810a.edi"] {
            let report = X12Validator().validate(try Fixture.interchange(name))
            #expect(report.allIssues.isEmpty, "\(name): \(report.allIssues)")
        }
        // 004060 is outside the supported versions: the group is rejected with AK905 code 2.
        let asn = X12Validator().validate(try Fixture.interchange("node-x12_856.edi"))
        #expect(asn.groups[0].issues.map(\.code) == ["2"])
        #expect(asn.groups[0].status == .rejected)
    }

    @Test func envelopeErrorsAreSpecific() throws {
        let text =
            Self.isa4010 + "GS*PO*S*R*20200101*1200*7*X*004010~"
            + Self.order("0001", number: "A")
            + Self.order("0002", number: "B", segmentCount: "9")
            + Self.order("0003", number: "C", seControl: "0099")
            + "GE*2*8~IEA*2*000000043~"
        let interchange = try X12Parser().parse(text)
        let report = X12Validator().validate(interchange)
        #expect(Set(report.interchangeIssues.map(\.code)) == ["001", "021"])
        let group = report.groups[0]
        #expect(Set(group.issues.map(\.code)) == ["4", "5"])
        #expect(group.transactions[0].issues.isEmpty)
        #expect(group.transactions[0].status == .accepted)
        let countIssue = try #require(group.transactions[1].issues.first)
        #expect(countIssue.code == "4")
        #expect(countIssue.segmentTag == "SE")
        #expect(countIssue.segmentPosition == 5)
        #expect(countIssue.elementPosition == 1)
        #expect(group.transactions[1].status == .rejected)
        #expect(group.transactions[2].issues.map(\.code) == ["3"])
    }

    @Test func oneBadTransactionDoesNotStopOthers997() throws {
        let text =
            Self.isa4010 + "GS*PO*S*R*20200101*1200*7*X*004010~"
            + Self.order("0001", number: "A")
            + "ST*850*0002~BEG*00*SA***2020013X~PO1*1*2*EA*3.5**VN*X1~CTT*1~SE*5*0002~"
            + Self.order("0003", number: "C")
            + "GE*3*7~IEA*1*000000042~"
        let interchange = try X12Parser().parse(text)
        let ack = X12Acknowledgement.make(
            for: interchange,
            interchangeControlNumber: 900,
            groupControlNumber: 77,
            date: Self.date
        )
        let segments = Self.lines(ack)
        #expect(
            segments == [
                "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *260101*0000*U*00401*000000900*0*T*>",
                "GS*FA*R*S*20260101*0000*77*X*004010",
                "ST*997*0001",
                "AK1*PO*7",
                "AK2*850*0001",
                "AK5*A",
                "AK2*850*0002",
                "AK3*BEG*2**8",
                "AK4*3*324*1",
                "AK4*5*373*8*2020013X",
                "AK5*R*5",
                "AK2*850*0003",
                "AK5*A",
                "AK9*P*3*3*2",
                "SE*13*0001",
                "GE*1*77",
                "IEA*1*000000900",
            ]
        )
        let parsed = try X12Parser().parse(ack)
        #expect(X12Validator().validate(parsed).allIssues.isEmpty)
    }

    @Test func generates999For5010() throws {
        let text =
            Self.isa5010 + "GS*PO*S*R*20200101*1200*5*X*005010~"
            + "ST*850*0001~PO1*1*2*EA*3.5**VN*X1~SE*3*0001~"
            + "GE*1*5~IEA*1*000000042~"
        let interchange = try X12Parser().parse(text)
        let ack = X12Acknowledgement.make(
            for: interchange,
            interchangeControlNumber: 1,
            groupControlNumber: 2,
            transactionControlNumber: 3,
            date: Self.date
        )
        #expect(
            Self.lines(ack) == [
                "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *260101*0000*^*00501*000000001*0*T*:",
                "GS*FA*R*S*20260101*0000*2*X*005010X231A1",
                "ST*999*0003*005010X231A1",
                "AK1*PO*5*005010",
                "AK2*850*0001",
                "IK3*BEG*2**3",
                "IK5*R*5",
                "AK9*R*1*1*0",
                "SE*7*0003",
                "GE*1*2",
                "IEA*1*000000001",
            ]
        )
        #expect(X12Validator().validate(try X12Parser().parse(ack)).allIssues.isEmpty)
    }

    @Test func acknowledgesSamples() throws {
        let ack = X12Acknowledgement.make(
            for: try Fixture.interchange("stedi_5010_850_input.edi"),
            interchangeControlNumber: 12,
            groupControlNumber: 34,
            date: Self.date
        )
        let segments = Self.lines(ack)
        #expect(segments.contains("ST*999*0001*005010X231A1"))
        #expect(segments.contains("AK1*OW*000000057*005010"))
        #expect(segments.contains("AK2*850*000000057"))
        #expect(segments.contains("IK5*A"))
        #expect(segments.contains("AK9*A*1*1*1"))
        let ack997 = Self.lines(
            X12Acknowledgement.make(
                for: try Fixture.interchange("node-x12_850.edi"),
                interchangeControlNumber: 12,
                groupControlNumber: 34,
                date: Self.date
            )
        )
        #expect(
            ack997[0].hasPrefix(
                "ISA*00*          *00*          *01*999999999      *12*4405197800     *260101*0000*U*00400*"
            )
        )
        #expect(ack997[1] == "GS*FA*999999999*4405197800*20260101*0000*34*X*004010")
        #expect(Array(ack997[2...6]) == ["ST*997*0001", "AK1*PO*1421", "AK2*850*000000010", "AK5*A", "AK9*A*1*1*1"])
    }

    @Test func missingTrailers() throws {
        let text = Self.isa4010 + "GS*PO*S*R*20200101*1200*7*X*004010~ST*850*0001~BEG*00*SA*1**20200101~"
        let report = X12Validator().validate(try X12Parser().parse(text))
        #expect(report.interchangeIssues.map(\.code) == ["023"])
        #expect(report.groups[0].issues.map(\.code) == ["3"])
        #expect(report.groups[0].transactions[0].issues.map(\.code) == ["2"])
    }

    @Test("A broken interchange envelope is answered with a TA1 rejection and no functional groups")
    func interchangeRejection() throws {
        let text =
            Self.isa4010 + "GS*PO*S*R*20200101*1200*7*X*004010~" + Self.order("0001", number: "A")
            + "GE*1*7~IEA*1*000000099~"
        let interchange = try X12Parser().parse(text)
        let ack = X12Acknowledgement.make(
            for: interchange,
            interchangeControlNumber: 5,
            groupControlNumber: 6,
            date: Self.date
        )
        #expect(
            Self.lines(ack) == [
                "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *260101*0000*U*00401*000000005*0*T*>",
                "TA1*000000042*200101*1200*R*001",
                "IEA*0*000000005",
            ]
        )
    }
}
