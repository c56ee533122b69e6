import Foundation
import KontorConnectors
import KontorModel
import Testing

@Suite("B2B document processor")
struct B2BDocumentProcessorTests {
    @Test("Content types and first bytes decide the format")
    func formats() {
        #expect(B2BDocumentFormat.forMediaType("application/EDI-X12") == .format(.x12))
        #expect(B2BDocumentFormat.forMediaType("application/edifact; charset=UTF-8") == .format(.edifact))
        #expect(B2BDocumentFormat.forMediaType("text/xml") == .format(.xml))
        #expect(B2BDocumentFormat.forMediaType("application/ubl+xml") == .format(.xml))
        #expect(B2BDocumentFormat.forMediaType("application/octet-stream") == .sniff)
        #expect(B2BDocumentFormat.forMediaType("application/json") == .unsupported)
        #expect(B2BDocumentFormat.sniff(Array("\u{FEFF}\r\nISA*00".utf8)) == .x12)
        #expect(B2BDocumentFormat.sniff(Array("UNA:+.? 'UNB+".utf8)) == .edifact)
        #expect(B2BDocumentFormat.sniff(Array("  <?xml version='1.0'?><Order/>".utf8)) == .xml)
        #expect(B2BDocumentFormat.sniff(Array("{\"a\":1}".utf8)) == nil)
    }

    @Test("An X12 004010 850 becomes an order on the partner's channel with a 997 accepting it")
    func x12Order() async throws {
        let result = try await B2BFixtures.processor().process(try B2BFixtures.bytes("x12/node-x12_850.edi"))
        #expect(result.status == .accepted)
        #expect(result.partner == "onesource")
        #expect(result.sender == "12:4405197800")
        let order = try #require(result.orders.first)
        #expect(order.orderNumber == "08292233294")
        #expect(order.channel.rawValue == "b2b-onesource")
        #expect(order.lines.count == 6)
        let ack = try #require(result.acknowledgement)
        #expect(ack.kind == "997")
        #expect(ack.fileName == "997-onesource-000000001.x12")
        let segments = B2BFixtures.lines(ack.content)
        #expect(segments.contains("AK2*850*000000010"))
        #expect(segments.contains("AK5*A"))
        #expect(segments.contains("AK9*A*1*1*1"))
    }

    @Test("An X12 005010 850 is answered with a 999")
    func x12Order5010() async throws {
        let result = try await B2BFixtures.processor().process(try B2BFixtures.bytes("x12/stedi_5010_850_input.edi"))
        #expect(result.status == .accepted)
        #expect(result.partner == "stedi")
        #expect(result.acknowledgement?.kind == "999")
        let segments = B2BFixtures.lines(try #require(result.acknowledgement).content)
        #expect(segments.contains("IK5*A"))
    }

    @Test("Of three 850s the bad one is refused with AK3/AK4 detail and the two good ones are accepted")
    func partialAcceptance() async throws {
        var bad = B2BFixtures.order("B")
        bad[0] = "BEG*00*SA*B**2020013X"  // no such date
        let document = B2BFixtures.x12([B2BFixtures.order("A"), bad, B2BFixtures.order("C")])
        let result = try await B2BFixtures.processor().process(document)
        #expect(result.status == .partiallyAccepted)
        #expect(result.orders.map(\.orderNumber) == ["A", "C"])
        let refused = try #require(result.transactions.first { $0.order == nil })
        #expect(refused.reference == "850 0002 (group 7)")
        #expect(refused.error?.contains("BEG") == true)
        let segments = B2BFixtures.lines(try #require(result.acknowledgement).content)
        let ak2 = try #require(segments.firstIndex(of: "AK2*850*0002"))
        #expect(segments[ak2 + 1] == "AK3*BEG*2**8")
        #expect(segments[ak2 + 2].hasPrefix("AK4*5*373*8*2020013X"))
        #expect(segments[ak2 + 3] == "AK5*R*5")
        #expect(segments.contains("AK9*P*3*3*2"))
    }

    @Test("A reader error (line count) refuses the transaction and names the segment and element in the 997")
    func readerErrorsReachTheAcknowledgement() async throws {
        var body = B2BFixtures.order("A")
        body[5] = "CTT*3"
        let result = try await B2BFixtures.processor().process(B2BFixtures.x12([body]))
        #expect(result.status == .rejected)
        #expect(result.transactions[0].error?.contains("CTT01") == true)
        let segments = B2BFixtures.lines(try #require(result.acknowledgement).content)
        #expect(segments.contains("AK3*CTT*7**8"))
        #expect(segments.contains("AK4*1**7*3"))
        #expect(segments.contains("AK5*R*5"))
        #expect(segments.contains("AK9*R*1*1*0"))
    }

    @Test("850s go through the x12-850 mapping; a value it cannot use is named in AK3/AK4")
    func mappingErrorsReachTheAcknowledgement() async throws {
        var body = B2BFixtures.order("A")
        body[4] = "PO1*1*2*EA*abc**VN*X1"
        let result = try await B2BFixtures.processor().process(B2BFixtures.x12([body, B2BFixtures.order("B")]))
        #expect(result.status == .partiallyAccepted)
        #expect(result.transactions[0].error?.contains("PO104 at segment 6") == true, "\(result.summary)")
        let segments = B2BFixtures.lines(try #require(result.acknowledgement).content)
        let ak2 = try #require(segments.firstIndex(of: "AK2*850*0001"))
        #expect(Array(segments[(ak2 + 1)...(ak2 + 3)]) == ["AK3*PO1*6**8", "AK4*4**7*abc", "AK5*R*5"])
        // The order read through the mapping equals the built-in reader's.
        let order = try #require(result.orders.first)
        #expect(order.orderNumber == "B" && order.lines.first?.sku == "X1")
    }

    @Test("A partner's EDIFACT mapping reads its ORDERS; a value it cannot use is named in the CONTRL")
    func edifactMappingErrors() async throws {
        let partners = TradingPartnerDirectory([
            TradingPartner(
                name: "wiki",
                edifact: [.init(qualifier: "", id: "Senderkennung")],
                mappings: [.edifact: "edifact-orders"]
            )
        ])
        let text =
            "UNA:+.? 'UNB+UNOC:3+Senderkennung+Empfaengerkennung+060620:0931+7'"
            + "UNH+1+ORDERS:D:96A:UN'BGM+220+A1'DTM+137:20060620:102'NAD+DP+++Lager Nord+Hafenstrasse 1+Hamburg++20457+DE'"
            + "LIN+1++4000862141404:EN'QTY+21:zwei'UNS+S'UNT+8+1'UNZ+1+7'"
        let result = try await B2BFixtures.processor(partners: partners).process(Array(text.utf8))
        #expect(result.status == .rejected)
        #expect(result.transactions[0].error?.contains("QTY01.2") == true, "\(result.summary)")
        // Without a partner mapping the built-in reader refuses the same value, in its own words.
        let byReader = try await B2BFixtures.processor().process(Array(text.utf8))
        #expect(byReader.status == .rejected)
        #expect(byReader.transactions[0].error?.contains("QTY") == true, "\(byReader.summary)")
        let contrl = try #require(result.acknowledgement).content
        #expect(contrl.contains("UCM+1+ORDERS:D:96A:UN+4'"))
        #expect(contrl.contains("UCS+6'UCD+12+1:2'"), "\(contrl)")
    }

    @Test("A broken interchange envelope refuses everything and is answered with a TA1 naming the error")
    func brokenInterchange() async throws {
        let document = B2BFixtures.x12([B2BFixtures.order("A")], ieaControl: "000000099")
        let result = try await B2BFixtures.processor().process(document)
        #expect(result.status == .rejected)
        #expect(result.refusal == .rejected)
        #expect(result.documentError?.contains("IEA") == true)
        #expect(result.orders.isEmpty)
        let ack = try #require(result.acknowledgement)
        #expect(ack.kind == "TA1")
        #expect(B2BFixtures.lines(ack.content).contains("TA1*000000042*200101*1200*R*001"))
    }

    @Test("Senders without a profile, and interchanges addressed to someone else, are refused without an answer")
    func unknownPartners() async throws {
        let stranger = TradingPartnerDirectory([TradingPartner(name: "x", x12: [.init(qualifier: "ZZ", id: "OTHER")])])
        let unknown = try await B2BFixtures.processor(partners: stranger).process(
            B2BFixtures.x12([B2BFixtures.order("A")])
        )
        #expect(unknown.refusal == .unknownPartner)
        #expect(unknown.documentError?.contains("X12 sender ZZ:SENDER") == true)
        #expect(unknown.acknowledgement == nil)

        let misaddressed = TradingPartnerDirectory([
            TradingPartner(
                name: "acme",
                x12: [.init(qualifier: "ZZ", id: "SENDER")],
                ourX12: .init(qualifier: "ZZ", id: "KONTOR")
            )
        ])
        let wrongReceiver = try await B2BFixtures.processor(partners: misaddressed)
            .process(B2BFixtures.x12([B2BFixtures.order("A")]))
        #expect(wrongReceiver.refusal == .unknownPartner)
        #expect(wrongReceiver.documentError?.contains("addressed to ZZ:RECEIVER") == true)

        let bound = try await B2BFixtures.processor().process(
            B2BFixtures.x12([B2BFixtures.order("A")]),
            partner: "stedi"
        )
        #expect(bound.refusal == .unknownPartner)
        #expect(bound.documentError?.contains("is not trading partner 'stedi'") == true)
        let boundOK = try await B2BFixtures.processor().process(
            B2BFixtures.x12([B2BFixtures.order("A")]),
            partner: "acme"
        )
        #expect(boundOK.status == .accepted)
    }

    @Test("EDIFACT ORDERS become orders with a CONTRL; a non-order message is refused in it with UCM 4")
    func edifact() async throws {
        let result = try await B2BFixtures.processor().process(try B2BFixtures.bytes("edifact/kontor_D01B_orders.edi"))
        #expect(result.status == .accepted, "\(result.summary)")
        #expect(result.partner == "kontor-handel")
        #expect(result.orders.map(\.orderNumber) == ["PO-2025+0042"])
        #expect(result.orders.first?.channel.rawValue == "b2b-kontor-handel")
        let ack = try #require(result.acknowledgement)
        #expect(ack.kind == "CONTRL")
        #expect(ack.content.contains("UCI+KT0000042+4012345000009:14+4098765000002:14+7'"))

        let mixed =
            "UNA:+.? 'UNB+UNOC:3+Senderkennung+Empfaengerkennung+060620:0931+7'"
            + "UNH+1+ORDERS:D:96A:UN'BGM+220+A1'DTM+137:20060620:102'NAD+DP+++Lager Nord+Hafenstrasse 1+Hamburg++20457+DE'"
            + "LIN+1++4000862141404:EN'QTY+21:2'UNS+S'UNT+8+1'"
            + "UNH+2+INVOIC:D:96A:UN'BGM+380+I1'UNT+3+2'UNZ+2+7'"
        let partial = try await B2BFixtures.processor().process(Array(mixed.utf8))
        #expect(partial.status == .partiallyAccepted, "\(partial.summary)")
        #expect(partial.orders.map(\.orderNumber) == ["A1"])
        #expect(partial.transactions[1].error?.contains("INVOIC") == true)
        let contrl = try #require(partial.acknowledgement).content
        #expect(contrl.contains("UCM+1+ORDERS:D:96A:UN+7'"))
        #expect(contrl.contains("UCM+2+INVOIC:D:96A:UN+4+14+UNH+2:1'"))
    }

    @Test(
        "An EDIFACT interchange whose UNZ reference does not match its UNB is rejected whole, with a CONTRL saying so"
    )
    func edifactEnvelopeError() async throws {
        // The public Wikipedia sample closes UNB reference 1 with UNZ reference 1234567.
        let result = try await B2BFixtures.processor()
            .process(try B2BFixtures.bytes("edifact/pydifact_D96A_wikipedia_de.edi"))
        #expect(result.partner == "wiki")
        #expect(result.status == .rejected)
        #expect(result.refusal == .rejected)
        #expect(result.documentError?.contains("UNZ") == true)
        let contrl = try #require(result.acknowledgement).content
        #expect(contrl.contains("+4+28+UNZ"))
    }

    @Test("XML documents pick their mapping by root element and their partner by buyer id")
    func xml() async throws {
        let ubl = try B2BFixtures.bytes("mappings/ubl-order/samples/oasis_UBL-Order-2.1-Example.xml")
        let result = try await B2BFixtures.processor().process(ubl)
        #expect(result.format == .xml)
        #expect(result.status == .accepted)
        #expect(result.partner == "oasis")
        #expect(result.orders.first?.orderNumber == "34")
        #expect(result.orders.first?.channel.rawValue == "b2b-oasis")
        #expect(result.acknowledgement == nil)

        let unknownRoot = try await B2BFixtures.processor()
            .process(Array("<?xml version=\"1.0\"?><!-- x --><Invoice xmlns=\"urn:x\"/>".utf8))
        #expect(unknownRoot.refusal == .unreadable)
        #expect(unknownRoot.documentError?.contains("<Invoice>") == true)
    }

    @Test("Bytes of no known format are refused as unreadable, quoting their start")
    func garbage() async throws {
        let result = try await B2BFixtures.processor().process(Array("hello\nworld".utf8))
        #expect(result.format == nil)
        #expect(result.refusal == .unreadable)
        #expect(result.documentError?.contains("hello·world") == true)
        let truncated = try await B2BFixtures.processor().process(Array("ISA*00*".utf8))
        #expect(truncated.refusal == .unreadable)
    }
}
