import Foundation

/// A small PDF 1.4 writer for Kontor's documents: pages with text in the standard Helvetica fonts, filled
/// rectangles (barcode bars, rules) and lines. Hand-written rather than a C library because the documents need
/// nothing more, and it keeps the build free of another system dependency.
///
/// Text uses the standard 14 fonts with WinAnsiEncoding, so every character of Western and Central European Latin-1
/// (ä, ö, ü, ß, é, ...) and `€ „ “ – —` prints as is; other letters print without their accent when they have a
/// plain base letter (ł → l is not one: it prints `?`), anything else as `?`. The HTML packing slip carries any
/// UTF-8.
struct PDFWriter {
    /// A page under construction; coordinates in points (1/72 in), origin at the bottom left.
    struct Page {
        let width: Double
        let height: Double
        fileprivate var content = ""

        init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }

        /// Text with its baseline starting at (`x`, `y`).
        mutating func text(_ string: String, x: Double, y: Double, size: Double, bold: Bool = false) {
            content +=
                "BT /\(bold ? "F2" : "F1") \(n(size)) Tf \(n(x)) \(n(y)) Td (\(PDFWriter.literal(string))) Tj ET\n"
        }

        /// A filled black rectangle.
        mutating func fillRectangle(x: Double, y: Double, width: Double, height: Double) {
            content += "\(n(x)) \(n(y)) \(n(width)) \(n(height)) re f\n"
        }

        /// A straight line.
        mutating func line(fromX: Double, fromY: Double, toX: Double, toY: Double, width: Double = 0.5) {
            content += "\(n(width)) w \(n(fromX)) \(n(fromY)) m \(n(toX)) \(n(toY)) l S\n"
        }

        /// A number with at most three decimals, without locale or exponent.
        private func n(_ value: Double) -> String {
            let thousandths = Int((value * 1000).rounded())
            let sign = thousandths < 0 ? "-" : ""
            let whole = abs(thousandths) / 1000
            let fraction = abs(thousandths) % 1000
            guard fraction != 0 else { return "\(sign)\(whole)" }
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return "\(sign)\(whole).\(digits)"
        }
    }

    /// The finished pages.
    var pages: [Page] = []

    /// Document title for the PDF's information dictionary.
    var title: String

    init(title: String) {
        self.title = title
    }

    /// The PDF file.
    func bytes() -> [UInt8] {
        var output: [UInt8] = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8($0.value) })
        var offsets: [Int] = []
        func object(_ body: String) {
            offsets.append(output.count)
            output += Array("\(offsets.count) 0 obj\n\(body)\nendobj\n".utf8)
        }
        // 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then a page and its content stream per page.
        let firstPage = 6
        let kids = pages.indices.map { "\(firstPage + 2 * $0) 0 R" }.joined(separator: " ")
        object("<< /Type /Catalog /Pages 2 0 R >>")
        object("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        object("<< /Title (\(Self.literal(title))) /Producer (Kontor) >>")
        for (index, page) in pages.enumerated() {
            object(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Int(page.width)) \(Int(page.height))] "
                    + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(firstPage + 2 * index + 1) 0 R >>"
            )
            object("<< /Length \(page.content.utf8.count) >>\nstream\n\(page.content)endstream")
        }
        let xref = output.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        output += Array(table.utf8)
        return output
    }

    /// A PDF literal string's inside in WinAnsiEncoding, kept ASCII: `( ) \` escaped, other bytes as octal.
    static func literal(_ string: String) -> String {
        var result = ""
        for byte in winAnsi(string) {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                result += "\\" + String(UnicodeScalar(byte))
            case 32...126:
                result += String(UnicodeScalar(byte))
            default:
                let octal = String(byte, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return result
    }

    /// `string` in WinAnsiEncoding (Windows-1252); see the type's notes for characters it lacks.
    static func winAnsi(_ string: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in string.unicodeScalars {
            let value = scalar.value
            if (32...126).contains(value) || (0xA0...0xFF).contains(value) {
                bytes.append(UInt8(value))
            } else if let byte = windows1252Extras[value] {
                bytes.append(byte)
            } else if value == 9 || value == 10 || value == 13 {
                bytes.append(32)
            } else if let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                base.value < 0x100, base.value >= 32, base.value != 127
            {
                bytes.append(UInt8(base.value))
            } else {
                bytes.append(UInt8(ascii: "?"))
            }
        }
        return bytes
    }

    /// Windows-1252's characters in 0x80...0x9F.
    private static let windows1252Extras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
