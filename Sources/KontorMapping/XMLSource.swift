import CLibXML2
import Foundation

/// libxml2 setup shared by every XML mapping.
enum XMLRuntime {
    /// `xmlInitParser` once per process, before any other libxml2 call (required for thread safety).
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// A structured error handler that drops libxml2's messages instead of printing them; errors are read from the
    /// parser or XPath context afterwards.
    static let silence: xmlStructuredErrorFunc = { _, _ in }

    /// The reason an XPath expression is unusable with these namespaces, or `nil` when it compiles and evaluates.
    ///
    /// Compiling alone misses unknown namespace prefixes, functions and variables, so the expression is also evaluated
    /// once against an empty document with the mapping's namespaces registered.
    static func problem(withXPath expression: String, namespaces: [XMLNamespace]) -> String? {
        _ = initialized
        guard let document = xmlNewDoc(xmlChars("1.0")) else { return "out of memory" }
        defer { xmlFreeDoc(document) }
        let root = xmlNewDocNode(document, nil, xmlChars("kontor"), nil)
        xmlDocSetRootElement(document, root)
        guard let context = xmlXPathNewContext(document) else { return "out of memory" }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = silence
        for namespace in namespaces {
            _ = xmlXPathRegisterNs(context, xmlChars(namespace.prefix), xmlChars(namespace.uri))
        }
        guard let compiled = xmlXPathCtxtCompile(context, xmlChars(expression)) else {
            return "invalid XPath: " + lastError(of: context, fallback: "the expression does not compile")
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        context.pointee.node = root
        guard let result = xmlXPathCompiledEval(compiled, context) else {
            return "invalid XPath: " + lastError(of: context, fallback: "the expression cannot be evaluated")
        }
        xmlXPathFreeObject(result)
        return nil
    }

    static func lastError(of context: xmlXPathContextPtr, fallback: String) -> String {
        guard let message = context.pointee.lastError.message else { return fallback }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? fallback : text
    }
}

/// A NUL-terminated `xmlChar` copy of a string, for libxml2 calls.
func xmlChars(_ string: String) -> [xmlChar] {
    Array(string.utf8) + [0]
}

/// A parsed XML document; the one owner of its `xmlDoc`.
///
/// Parsing is safe for untrusted input: `XML_PARSE_NONET`, never `XML_PARSE_NOENT` (entity substitution) nor
/// `XML_PARSE_DTDLOAD` (external DTDs), and a document whose DOCTYPE declares entities is refused outright, which
/// stops both external-entity (XXE) reads and entity-expansion bombs.
final class XMLSourceDocument {
    let document: xmlDocPtr

    init(parsing bytes: [UInt8]) throws(MappingError) {
        _ = XMLRuntime.initialized
        guard !bytes.isEmpty else { throw .malformedInput("not well-formed XML: the document is empty") }
        guard bytes.count < Int(Int32.max) else { throw .malformedInput("the XML document is too large") }
        if Self.declaresEntities(bytes) { throw Self.entitiesRefused }
        guard let parser = xmlNewParserCtxt() else { throw .malformedInput("out of memory") }
        defer { xmlFreeParserCtxt(parser) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(parser, chars.baseAddress, Int32(chars.count), nil, nil, options)
            }
        }
        guard let parsed else {
            var message = "not well-formed XML"
            if let error = xmlCtxtGetLastError(parser), let text = error.pointee.message {
                let reason = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
                message += ": \(reason) at line \(error.pointee.line), column \(error.pointee.int2)"
            }
            throw .malformedInput(message)
        }
        // Second line of defence for encodings the byte scan cannot read (UTF-16): any declared entity refuses.
        if let subset = parsed.pointee.intSubset, subset.pointee.entities != nil || subset.pointee.pentities != nil {
            xmlFreeDoc(parsed)
            throw Self.entitiesRefused
        }
        guard xmlDocGetRootElement(parsed) != nil else {
            xmlFreeDoc(parsed)
            throw .malformedInput("not well-formed XML: no root element")
        }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    static let entitiesRefused = MappingError.malformedInput(
        "XML documents whose DOCTYPE declares entities are refused (no entity expansion, no external entities)"
    )

    /// `true` when an ASCII-compatible document has `<!ENTITY` after `<!DOCTYPE`.
    static func declaresEntities(_ bytes: [UInt8]) -> Bool {
        guard let doctype = find(Array("<!DOCTYPE".utf8), in: bytes, from: 0) else { return false }
        return find(Array("<!ENTITY".utf8), in: bytes, from: doctype) != nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

/// A position in an XML document: a node (the order or line element).
struct XMLContext {
    let node: xmlNodePtr
}

/// Evaluates XPath selectors over a document; owns its XPath context and compiled expressions.
final class XMLAccess: SourceAccess {
    let document: XMLSourceDocument
    private let context: xmlXPathContextPtr
    private var compiled: [String: xmlXPathCompExprPtr] = [:]

    init(document: XMLSourceDocument, namespaces: [XMLNamespace]) throws(MappingError) {
        self.document = document
        guard let context = xmlXPathNewContext(document.document) else { throw .malformedInput("out of memory") }
        context.pointee.error = XMLRuntime.silence
        for namespace in namespaces {
            _ = xmlXPathRegisterNs(context, xmlChars(namespace.prefix), xmlChars(namespace.uri))
        }
        self.context = context
    }

    deinit {
        for expression in compiled.values { xmlXPathFreeCompExpr(expression) }
        xmlXPathFreeContext(context)
    }

    var rootContext: XMLContext { XMLContext(node: xmlDocGetRootElement(document.document)) }

    /// Evaluates an expression; the caller frees the result.
    private func evaluate(_ selector: Selector, in context: XMLContext) throws(MappingError) -> xmlXPathObjectPtr {
        let expression: xmlXPathCompExprPtr
        if let cached = compiled[selector.text] {
            expression = cached
        } else {
            guard let fresh = xmlXPathCtxtCompile(self.context, xmlChars(selector.text)) else {
                throw .unmappable(
                    "XPath does not compile: " + XMLRuntime.lastError(of: self.context, fallback: "invalid expression"),
                    field: selector.text,
                    canonicalField: nil
                )
            }
            compiled[selector.text] = fresh
            expression = fresh
        }
        self.context.pointee.node = context.node
        guard let result = xmlXPathCompiledEval(expression, self.context) else {
            throw .unmappable(
                "XPath evaluation failed: " + XMLRuntime.lastError(of: self.context, fallback: "unknown error"),
                field: describe(selector, in: context),
                canonicalField: nil
            )
        }
        return result
    }

    private func nodes(of result: xmlXPathObjectPtr) -> [xmlNodePtr] {
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval, let table = set.pointee.nodeTab
        else { return [] }
        var nodes: [xmlNodePtr] = []
        nodes.reserveCapacity(Int(set.pointee.nodeNr))
        for index in 0..<Int(set.pointee.nodeNr) {
            if let node = table[index] { nodes.append(node) }
        }
        return nodes
    }

    func items(_ selector: Selector, in context: XMLContext) throws(MappingError) -> [SourceItem] {
        let result = try evaluate(selector, in: context)
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            return nodes(of: result).map { node in
                var text = ""
                if let value = xmlXPathCastNodeToString(node) {
                    text = String(cString: value)
                    kontor_xml_free(value)
                }
                return SourceItem(value: .text(text), location: SourcePath(lazy: { self.path(of: node) }))
            }
        case XPATH_STRING:
            let text = result.pointee.stringval.map { String(cString: $0) } ?? ""
            return [SourceItem(value: .text(text), path: describe(selector, in: context))]
        case XPATH_NUMBER:
            let number = result.pointee.floatval
            guard number.isFinite else { return [] }
            let text =
                number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            return [SourceItem(value: .text(text), path: describe(selector, in: context))]
        case XPATH_BOOLEAN:
            return [
                SourceItem(
                    value: .text(result.pointee.boolval != 0 ? "true" : "false"),
                    path: describe(selector, in: context)
                )
            ]
        default:
            return []
        }
    }

    func contexts(_ selector: Selector, in context: XMLContext) throws(MappingError) -> [XMLContext] {
        let result = try evaluate(selector, in: context)
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            throw .unmappable(
                "the selector must select nodes, not a string, number or boolean",
                field: describe(selector, in: context),
                canonicalField: nil
            )
        }
        return nodes(of: result).filter { $0.pointee.type == XML_ELEMENT_NODE }.map { XMLContext(node: $0) }
    }

    func groups(by column: String, in context: XMLContext) throws(MappingError) -> [XMLContext] {
        [context]
    }

    func lineContexts(in order: XMLContext) -> [XMLContext] {
        []
    }

    func describe(_ selector: Selector, in context: XMLContext) -> String {
        if selector.text.hasPrefix("/") { return selector.text }
        return path(of: context.node) + "/" + selector.text
    }

    func path(of context: XMLContext) -> String {
        path(of: context.node)
    }

    private func path(of node: xmlNodePtr) -> String {
        guard node.pointee.type != XML_NAMESPACE_DECL, let raw = xmlGetNodePath(node) else { return "?" }
        defer { kontor_xml_free(raw) }
        return String(cString: raw)
    }
}
