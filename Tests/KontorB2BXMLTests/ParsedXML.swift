import CLibXML2
import Foundation

/// A generated document parsed back with libxml2 for XPath checks.
///
/// Parsed like untrusted input elsewhere in Kontor: `XML_PARSE_NONET`, without `XML_PARSE_NOENT` (entity
/// substitution) and `XML_PARSE_DTDLOAD`, so the cXML DOCTYPE's external DTD is never fetched.
final class ParsedXML {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private let document: xmlDocPtr
    private let context: xmlXPathContextPtr

    /// Parses `text`; `namespaces` maps XPath prefixes to namespace URIs.
    init(_ text: String, namespaces: [String: String] = [:]) throws {
        _ = Self.initialized
        let bytes = Array(text.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let parser = xmlNewParserCtxt() else { throw ParseError(description: "out of memory") }
        defer { xmlFreeParserCtxt(parser) }
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(parser, chars.baseAddress, Int32(chars.count), nil, nil, options)
            }
        }
        guard let parsed else {
            var message = "not well-formed XML"
            if let error = xmlCtxtGetLastError(parser), let text = error.pointee.message {
                message += ": " + String(cString: text) + " at line \(error.pointee.line)"
            }
            throw ParseError(description: message)
        }
        guard let context = xmlXPathNewContext(parsed) else {
            xmlFreeDoc(parsed)
            throw ParseError(description: "out of memory")
        }
        for (prefix, uri) in namespaces {
            _ = xmlXPathRegisterNs(context, Self.chars(prefix), Self.chars(uri))
        }
        document = parsed
        self.context = context
    }

    deinit {
        xmlXPathFreeContext(context)
        xmlFreeDoc(document)
    }

    /// The XPath `string()` of an expression; `""` when it selects nothing.
    func string(_ xpath: String) -> String {
        guard let result = xmlXPathEvalExpression(Self.chars("string(\(xpath))"), context) else { return "" }
        defer { xmlXPathFreeObject(result) }
        return result.pointee.stringval.map { String(cString: $0) } ?? ""
    }

    /// The string value of an expression, or `nil` when it selects no node.
    func optional(_ xpath: String) -> String? {
        count(xpath) == 0 ? nil : string(xpath)
    }

    /// The number of nodes an expression selects.
    func count(_ xpath: String) -> Int {
        Int(number("count(\(xpath))"))
    }

    /// The string values of the nodes an expression selects, in document order.
    func strings(_ xpath: String) -> [String] {
        (0..<count(xpath)).map { string("(\(xpath))[\($0 + 1)]") }
    }

    /// The names (`prefix:local` as written) of the element children of the first node `xpath` selects.
    func childNames(_ xpath: String) -> [String] {
        strings("(\(xpath))[1]/*").indices.map { string("name((\(xpath))[1]/*[\($0 + 1)])") }
    }

    private func number(_ xpath: String) -> Double {
        guard let result = xmlXPathEvalExpression(Self.chars(xpath), context) else { return 0 }
        defer { xmlXPathFreeObject(result) }
        return result.pointee.floatval
    }

    private static func chars(_ string: String) -> [xmlChar] {
        Array(string.utf8) + [0]
    }
}
