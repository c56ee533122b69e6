import CCurl
import CLibXML2
import Foundation
import Testing

/// The C libraries link and work beside Foundation (libxml2's ICU clash is shimmed away).
@Suite("System libraries")
struct SystemLibraryTests {
    @Test("libcurl links and speaks the protocols Kontor uses")
    func curlProtocols() throws {
        let info = try #require(kontor_curl_version_info())
        var protocols: Set<String> = []
        var cursor = info.pointee.protocols
        while let name = cursor?.pointee {
            protocols.insert(String(cString: name))
            cursor = cursor?.advanced(by: 1)
        }
        #expect(protocols.isSuperset(of: ["http", "https", "smtp", "smtps", "sftp"]))
    }

    @Test("libxml2 parses a document beside Foundation without network access")
    func libxml2Parses() throws {
        let xml = Array("<Order><Number>4711</Number></Order>".utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = try #require(
            xml.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlReadMemory($0.baseAddress, Int32($0.count), "order.xml", nil, options)
                }
            }
        )
        defer { xmlFreeDoc(document) }
        let root = try #require(xmlDocGetRootElement(document))
        #expect(String(cString: root.pointee.name) == "Order")
        let content = try #require(xmlNodeGetContent(root))
        defer { kontor_xml_free(content) }
        #expect(String(cString: content) == "4711")
    }
}
