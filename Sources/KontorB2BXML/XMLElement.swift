/// An XML element under construction: a name, attributes in order, and children (elements or text).
///
/// The outbound writers build documents from these and serialize them with ``XMLElement/document(declaring:)``,
/// which escapes all text and attribute values. Text may be any Unicode except the characters XML 1.0 forbids
/// (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF): serializing such text throws
/// ``B2BXMLError/Kind/invalidCharacter`` with the XPath of the value, rather than silently changing the data.
struct XMLElement: Sendable {
    /// A child: an element or a run of text.
    enum Node: Sendable {
        case element(XMLElement)
        case text(String)
    }

    /// The qualified name, e.g. `cbc:ID`.
    let name: String
    /// Attributes in the order they are written.
    private(set) var attributes: [(name: String, value: String)] = []
    /// Child nodes in order.
    private(set) var children: [Node] = []

    /// An element with optional text content; attributes whose value is `nil` are left out.
    init(_ name: String, _ attributes: [(String, String?)] = [], text: String? = nil) {
        self.name = name
        for (attribute, value) in attributes { set(attribute, value) }
        if let text { children.append(.text(text)) }
    }

    /// An element with child elements.
    init(_ name: String, _ attributes: [(String, String?)] = [], children: [XMLElement]) {
        self.init(name, attributes)
        add(children)
    }

    /// Adds an attribute unless `value` is `nil`.
    mutating func set(_ attribute: String, _ value: String?) {
        if let value { attributes.append((attribute, value)) }
    }

    /// Appends a child element.
    mutating func add(_ child: XMLElement) {
        children.append(.element(child))
    }

    /// Appends child elements.
    mutating func add(_ elements: [XMLElement]) {
        children += elements.map(Node.element)
    }

    /// Appends `<name>text</name>` unless `text` is `nil`.
    mutating func add(_ name: String, _ attributes: [(String, String?)] = [], text: String?) {
        if let text { add(XMLElement(name, attributes, text: text)) }
    }

    /// The whole document: the XML declaration, an optional DOCTYPE line, and this element as the root, indented by
    /// two spaces per level.
    func document(declaring doctype: String? = nil) throws(B2BXMLError) -> String {
        var output = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        if let doctype { output += doctype + "\n" }
        try write(to: &output, path: "/" + name, depth: 0)
        return output + "\n"
    }

    private func write(to output: inout String, path: String, depth: Int) throws(B2BXMLError) {
        let indent = String(repeating: "  ", count: depth)
        output += indent + "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\""
            output += try XMLEscaping.attribute(attribute.value, at: path + "/@" + attribute.name)
            output += "\""
        }
        if children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        let elementOnly = children.allSatisfy { if case .element = $0 { true } else { false } }
        // Positions among same-named siblings, for XPaths in errors: Street[2].
        var counts: [String: Int] = [:]
        for case .element(let element) in children { counts[element.name, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for child in children {
            switch child {
            case .text(let text):
                output += try XMLEscaping.text(text, at: path)
            case .element(let element):
                seen[element.name, default: 0] += 1
                let position = counts[element.name, default: 1] > 1 ? "[\(seen[element.name]!)]" : ""
                if elementOnly { output += "\n" }
                try element.write(
                    to: &output,
                    path: path + "/" + element.name + position,
                    depth: elementOnly ? depth + 1 : 0
                )
            }
        }
        if elementOnly { output += "\n" + indent }
        output += "</" + name + ">"
    }
}

/// Escaping of text and attribute values, and the XML 1.0 character check.
enum XMLEscaping {
    /// Character data: `&`, `<` and `>` as entities (`>` so that `]]>` cannot appear), CR as `&#xD;` so that it
    /// survives line-end normalization.
    static func text(_ value: String, at path: String) throws(B2BXMLError) -> String {
        try escape(value, at: path, inAttribute: false)
    }

    /// An attribute value in double quotes: also `"` and, so that attribute-value normalization keeps them, tab,
    /// LF and CR as character references.
    static func attribute(_ value: String, at path: String) throws(B2BXMLError) -> String {
        try escape(value, at: path, inAttribute: true)
    }

    private static func escape(_ value: String, at path: String, inAttribute: Bool) throws(B2BXMLError) -> String {
        var output = ""
        output.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\r": output += "&#xD;"
            case "\"" where inAttribute: output += "&quot;"
            case "\t" where inAttribute: output += "&#x9;"
            case "\n" where inAttribute: output += "&#xA;"
            default:
                try check(scalar, at: path)
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `true` for the characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func check(_ scalar: Unicode.Scalar, at path: String) throws(B2BXMLError) {
        guard !isAllowed(scalar) else { return }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        throw B2BXMLError(
            .invalidCharacter,
            at: path,
            "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                + " is not allowed in XML 1.0; remove control characters from the value"
        )
    }
}
