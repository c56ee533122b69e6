/// A strict RFC 8259 parser from bytes to a ``CanonicalTree``, for ``CanonicalJSON``'s fast path.
///
/// It only says yes or no: anything it is unsure about (a byte order mark, duplicate keys, deep nesting, invalid
/// UTF-8, a lone surrogate) gives `nil`, and the caller falls back to `JSONDecoder`, which then reports the problem.
enum CanonicalTreeParser {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CanonicalTree? {
        var parser = State(bytes: bytes)
        parser.skipWhitespace()
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhitespace()
        return parser.offset == bytes.count ? value : nil
    }

    private struct State {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func skipWhitespace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x09, 0x0A, 0x0D: offset += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> CanonicalTree? {
            guard depth < 64, let byte = peek else { return nil }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true") ? .scalar : nil
            case UInt8(ascii: "f"): return literal("false") ? .scalar : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number() ? .scalar : nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard offset + count <= bytes.count else { return false }
            for index in 0..<count where bytes[offset + index] != word.utf8Start[index] { return false }
            offset += count
            return true
        }

        mutating func object(depth: Int) -> CanonicalTree? {
            offset += 1
            var members: [String: CanonicalTree] = [:]
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { return nil }
                offset += 1
                skipWhitespace()
                guard let value = value(depth: depth + 1) else { return nil }
                // Duplicate keys: leave the choice to JSONDecoder.
                guard members.updateValue(value, forKey: key) == nil else { return nil }
                skipWhitespace()
                switch peek {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "}"):
                    offset += 1
                    return .object(members)
                default: return nil
                }
            }
        }

        mutating func array(depth: Int) -> CanonicalTree? {
            offset += 1
            var elements: [CanonicalTree] = []
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                guard let value = value(depth: depth + 1) else { return nil }
                elements.append(value)
                skipWhitespace()
                switch peek {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "]"):
                    offset += 1
                    return .array(elements)
                default: return nil
                }
            }
        }

        mutating func string() -> String? {
            offset += 1
            let start = offset
            // Fast path: no escapes.
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                    offset += 1
                    return String(validating: slice, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { return nil }
                offset += 1
            }
            var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: buffer, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = peek else { return nil }
                    offset += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escaped)
                    case UInt8(ascii: "b"): buffer.append(0x08)
                    case UInt8(ascii: "f"): buffer.append(0x0C)
                    case UInt8(ascii: "n"): buffer.append(0x0A)
                    case UInt8(ascii: "r"): buffer.append(0x0D)
                    case UInt8(ascii: "t"): buffer.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(scalar) {
                            return nil
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        buffer.append(contentsOf: String(Character(unicode)).utf8)
                    default:
                        return nil
                    }
                default:
                    if byte < 0x20 { return nil }
                    buffer.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard offset + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[offset]
                offset += 1
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() -> Bool {
            if peek == UInt8(ascii: "-") { offset += 1 }
            guard let first = peek, (0x30...0x39).contains(first) else { return false }
            offset += 1
            if first != 0x30 { digits() }
            if peek == UInt8(ascii: ".") {
                offset += 1
                guard digits() else { return false }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                offset += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { offset += 1 }
                guard digits() else { return false }
            }
            return true
        }

        /// Skips digits; `true` when there was at least one.
        @discardableResult
        mutating func digits() -> Bool {
            let start = offset
            while let byte = peek, (0x30...0x39).contains(byte) { offset += 1 }
            return offset > start
        }
    }
}
