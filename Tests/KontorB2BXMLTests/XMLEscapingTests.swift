import Testing

@testable import KontorB2BXML

@Suite("XML writing: escaping and XML 1.0 characters")
struct XMLEscapingTests {
    static let awkward = "Müller & Söhne <GmbH> \"quoted\" 'single' ]]> a\tb\nc\r\nd 日本 🚚 &amp;"

    @Test("Text and attribute values parse back unchanged, including tab, line ends, non-ASCII and entity look-alikes")
    func roundTrip() throws {
        var root = XMLElement("r", [("a", Self.awkward), ("b", "")])
        root.add("t", text: Self.awkward)
        root.add("t", [("lang", "x\"y")], text: "")
        let text = try root.document()
        let xml = try ParsedXML(text)
        #expect(xml.string("/r/@a") == Self.awkward)
        #expect(xml.string("/r/@b") == "")
        #expect(xml.string("/r/t[1]") == Self.awkward)
        #expect(xml.string("/r/t[2]/@lang") == "x\"y")
        #expect(text.contains("<t lang=\"x&quot;y\"></t>"))
        #expect(text.contains("]]&gt;"))
    }

    @Test("Empty elements are self-closing; element-only content is indented")
    func layout() throws {
        var root = XMLElement("r")
        root.add(XMLElement("e", [("k", "v")]))
        root.add("t", text: "x")
        #expect(
            try root.document() == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\n  <e k=\"v\"/>\n  <t>x</t>\n</r>\n"
        )
    }

    @Test(
        "Characters XML 1.0 forbids are refused with the XPath, never dropped",
        arguments: ["\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"]
    )
    func refusesForbiddenCharacters(character: String) {
        var root = XMLElement("r")
        root.add("t", text: "ok")
        root.add("t", text: "bad" + character)
        let textError = #expect(throws: B2BXMLError.self) { try root.document() }
        #expect(textError?.kind == .invalidCharacter)
        #expect(textError?.location == "/r/t[2]")
        let attribute = XMLElement("r", children: [XMLElement("e", [("k", character)])])
        let attributeError = #expect(throws: B2BXMLError.self) { try attribute.document() }
        #expect(attributeError?.location == "/r/e/@k")
        let hex = String(character.unicodeScalars.first!.value, radix: 16, uppercase: true)
        #expect(attributeError?.message.hasPrefix("U+" + String(repeating: "0", count: 4 - hex.count) + hex) == true)
    }

    @Test("The edges of the allowed ranges are accepted")
    func allowedEdges() throws {
        let edges = "\u{9}\u{A}\u{20}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}"
        let root = XMLElement("r", [("a", edges)], text: edges)
        let xml = try ParsedXML(try root.document())
        #expect(xml.string("/r") == edges)
        #expect(xml.string("/r/@a") == edges)
    }
}
