/// Finds an XML document's root element name without parsing the document: skips the BOM, the XML declaration,
/// processing instructions, comments and a DOCTYPE (with an internal subset). The full parse happens in the mapping
/// engine, with entity and DTD loading off.
enum XMLRootElement {
    /// The root element's local name (without a namespace prefix), or nil when there is none.
    static func localName(in bytes: [UInt8]) -> String? {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let rest = bytes[index...]
            if rest.starts(with: Array("<?".utf8)) {
                guard let end = find(Array("?>".utf8), in: bytes, from: index) else { return nil }
                index = end
            } else if rest.starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), in: bytes, from: index) else { return nil }
                index = end
            } else if rest.starts(with: Array("<!".utf8)) {
                // DOCTYPE: ends at the first '>' outside an internal subset [...].
                var depth = 0
                index += 2
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "[") { depth += 1 }
                    if byte == UInt8(ascii: "]") { depth -= 1 }
                    if byte == UInt8(ascii: ">") && depth <= 0 { break }
                }
            } else {
                var end = index + 1
                while end < bytes.count && !isNameEnd(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                guard !name.isEmpty else { return nil }
                return name.split(separator: ":").last.map(String.init)
            }
        }
        return nil
    }

    private static func isNameEnd(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/")
    }

    /// The index just past the first occurrence of `needle` at or after `start`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }
}
