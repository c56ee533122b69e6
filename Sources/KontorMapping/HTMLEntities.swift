/// Decodes HTML character references: named ones (`&amp;`, `&ndash;`, `&auml;`, ...) and numeric ones (`&#8211;`,
/// `&#x2013;`). Unknown or malformed references are left as they are.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "&", let end = scalars[index...].prefix(34).firstIndex(of: ";"), end > index + 1 else {
                output.append(scalar)
                index += 1
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            if let decoded = decodeReference(name) {
                output.append(contentsOf: decoded.unicodeScalars)
                index = end + 1
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return String(output)
    }

    private static func decodeReference(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
        return named[name]
    }

    /// HTML named references: the XML five, typography, currency and the Latin-1 letters.
    static let named: [String: String] = {
        var table: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ndash": "\u{2013}",
            "mdash": "\u{2014}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}",
            "ldquo": "\u{201C}", "rdquo": "\u{201D}", "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
            "lsaquo": "\u{2039}", "rsaquo": "\u{203A}", "bull": "\u{2022}", "middot": "\u{00B7}", "dagger": "\u{2020}",
            "prime": "\u{2032}", "Prime": "\u{2033}", "euro": "\u{20AC}", "pound": "\u{00A3}", "yen": "\u{00A5}",
            "cent": "\u{00A2}", "curren": "\u{00A4}", "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}",
            "deg": "\u{00B0}", "plusmn": "\u{00B1}", "times": "\u{00D7}", "divide": "\u{00F7}", "micro": "\u{00B5}",
            "para": "\u{00B6}", "sect": "\u{00A7}", "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "shy": "\u{00AD}",
            "ordf": "\u{00AA}", "ordm": "\u{00BA}", "sup1": "\u{00B9}", "sup2": "\u{00B2}", "sup3": "\u{00B3}",
            "frac14": "\u{00BC}", "frac12": "\u{00BD}", "frac34": "\u{00BE}", "not": "\u{00AC}", "macr": "\u{00AF}",
            "acute": "\u{00B4}", "cedil": "\u{00B8}", "uml": "\u{00A8}", "brvbar": "\u{00A6}", "ensp": "\u{2002}",
            "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "permil": "\u{2030}",
            "szlig": "\u{00DF}", "eth": "\u{00F0}", "ETH": "\u{00D0}", "thorn": "\u{00FE}", "THORN": "\u{00DE}",
            "aelig": "\u{00E6}", "AElig": "\u{00C6}", "oslash": "\u{00F8}", "Oslash": "\u{00D8}", "aring": "\u{00E5}",
            "Aring": "\u{00C5}", "ccedil": "\u{00E7}", "Ccedil": "\u{00C7}", "oelig": "\u{0153}", "OElig": "\u{0152}",
            "scaron": "\u{0161}", "Scaron": "\u{0160}", "yuml": "\u{00FF}", "Yuml": "\u{0178}",
        ]
        // Accented vowels and n: grave, acute, circumflex, tilde, umlaut in both cases (Latin-1 code points).
        let accents: [(String, [Character: UInt32])] = [
            ("grave", ["A": 0xC0, "E": 0xC8, "I": 0xCC, "O": 0xD2, "U": 0xD9]),
            ("acute", ["A": 0xC1, "E": 0xC9, "I": 0xCD, "O": 0xD3, "U": 0xDA, "Y": 0xDD]),
            ("circ", ["A": 0xC2, "E": 0xCA, "I": 0xCE, "O": 0xD4, "U": 0xDB]),
            ("tilde", ["A": 0xC3, "N": 0xD1, "O": 0xD5]),
            ("uml", ["A": 0xC4, "E": 0xCB, "I": 0xCF, "O": 0xD6, "U": 0xDC]),
        ]
        for (suffix, letters) in accents {
            for (letter, upper) in letters {
                table["\(letter)\(suffix)"] = String(Character(Unicode.Scalar(upper)!))
                table["\(letter.lowercased())\(suffix)"] = String(Character(Unicode.Scalar(upper + 0x20)!))
            }
        }
        return table
    }()
}
