import Foundation

/// The envelope family of an inbound B2B document, which decides the parser.
public enum B2BDocumentFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ANSI ASC X12 (ISA … IEA).
    case x12
    /// UN/EDIFACT (optional UNA, UNB … UNZ).
    case edifact
    /// An XML business document: UBL, openTRANS, cXML or an SAP IDoc, told apart by a mapping's root element.
    case xml

    public var description: String { rawValue }

    /// The format a media type names, or nil when it names none of them.
    ///
    /// Accepts the registered EDI types (`application/EDI-X12`, `application/EDIFACT`, RFC 1767), the XML types
    /// (`application/xml`, `text/xml`, `application/*+xml`) and `application/octet-stream`/`text/plain`, which
    /// leave the decision to ``sniff(_:)``. Parameters (`; charset=…`) are ignored.
    public static func forMediaType(_ mediaType: String) -> MediaTypeDecision {
        let essence = mediaType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch essence ?? "" {
        case "application/edi-x12", "application/x12": return .format(.x12)
        case "application/edifact", "application/edi-edifact": return .format(.edifact)
        case "application/xml", "text/xml": return .format(.xml)
        case "application/octet-stream", "text/plain", "": return .sniff
        case let other where other.hasPrefix("application/") && other.hasSuffix("+xml"): return .format(.xml)
        default: return .unsupported
        }
    }

    /// What a media type says about the format.
    public enum MediaTypeDecision: Sendable, Hashable {
        case format(B2BDocumentFormat)
        /// A generic type: look at the bytes.
        case sniff
        case unsupported
    }

    /// The format the first bytes show (after a UTF-8 BOM and whitespace): `ISA` is X12, `UNA` or `UNB` is
    /// EDIFACT, `<` is XML. Nil for anything else.
    public static func sniff(_ bytes: [UInt8]) -> B2BDocumentFormat? {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        while start < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = bytes[start..<min(bytes.count, start + 3)]
        if head.elementsEqual("ISA".utf8) { return .x12 }
        if head.elementsEqual("UNA".utf8) || head.elementsEqual("UNB".utf8) { return .edifact }
        if head.first == UInt8(ascii: "<") { return .xml }
        return nil
    }
}
