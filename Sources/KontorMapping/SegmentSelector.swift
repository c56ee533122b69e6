/// A compiled selector over the segments of one X12 transaction set or one EDIFACT message (see
/// `mappings/README.md`, "X12 and EDIFACT").
///
/// Grammar, informally:
///
/// ```
/// selector  := ["/" | "//"] step ("/" step)* ["." terminal]  |  element    (BEG03 = BEG.BEG03)
/// step      := TAG predicate*
/// predicate := "[*]" | "[" n "]" | "[" element ("=" | "!=") CODE ("|" CODE)* "]"
/// terminal  := element | "after(" CODES ["," element] ")" | "qualified(" CODES ")"
/// element   := TAG NN ["." c ["-" d]]                                       (N102, DTM01.2, NAD05.2-4)
/// ```
struct SegmentPath: Sendable, Hashable {
    /// A reference to a data element (and optionally components) of a segment: `PO107`, `DTM01.2`, `NAD05.2-4`.
    struct ElementRef: Sendable, Hashable, CustomStringConvertible {
        let tag: String
        /// 1-based data element position.
        let position: Int
        /// 1-based component positions; `nil` for every component of the element.
        let components: ClosedRange<Int>?
        /// As written, e.g. `DTM01.2`: computed once, for source paths.
        let text: String

        init(tag: String, position: Int, components: ClosedRange<Int>?) {
            self.tag = tag
            self.position = position
            self.components = components
            self.text = Self.spelled(tag: tag, position: position, components: components)
        }

        var description: String { text }

        private static func spelled(tag: String, position: Int, components: ClosedRange<Int>?) -> String {
            var text = tag + (position < 10 ? "0" : "") + String(position)
            if let components {
                text += "." + String(components.lowerBound)
                if components.count > 1 { text += "-" + String(components.upperBound) }
            }
            return text
        }
    }

    enum Predicate: Sendable, Hashable {
        /// `[*]`: every segment (the default; written to make a repeating group obvious).
        case all
        /// `[n]`: the n-th (1-based) of the segments matched so far.
        case index(Int)
        /// `[N101=ST|BT]`, `[LIN03.2!=EN]`.
        case test(ElementRef, codes: [String], negated: Bool)
    }

    struct Step: Sendable, Hashable {
        let tag: String
        let predicates: [Predicate]
        /// ``SegmentTag/number(_:)`` of ``tag``.
        let tagNumber: Int

        init(tag: String, predicates: [Predicate]) {
            self.tag = tag
            self.predicates = predicates
            self.tagNumber = SegmentTag.number(tag)
        }
    }

    enum Terminal: Sendable, Hashable {
        /// The selector ends at segments (for `each:`, `orders:` and `exists` tests).
        case segment
        case element(ElementRef)
        /// X12 ID pairs: the element after the first qualifier element (from `firstQualifier` on, every second one)
        /// whose value is one of `codes` and whose id is not empty.
        case after(codes: [String], firstQualifier: Int)
        /// EDIFACT `id:qualifier` composites: component 1 of the first element whose component 2 is one of `codes`.
        case qualified(codes: [String])
    }

    /// Where the first step searches.
    enum Anchor: Sendable, Hashable {
        /// The segments of the context (the transaction, or the segment group of the current line).
        case context
        /// `/` at the start: the segments of the transaction or message itself, even inside `lines:`.
        case root
        /// `//` at the start: every segment of the transaction or message, at any depth, in document order.
        case anywhere
    }

    let anchor: Anchor
    let steps: [Step]
    let terminal: Terminal
}

/// Segment tags as numbers, so that selectors and documents compare tags without hashing or comparing strings.
enum SegmentTag {
    /// The tag's bytes (up to seven) and its length in one number: equal numbers mean equal tags for tags of up to
    /// seven bytes, which covers every tag a selector can name (two or three characters).
    static func number(_ tag: String) -> Int {
        var number = min(tag.utf8.count, 127) << 56
        for (offset, byte) in tag.utf8.prefix(7).enumerated() { number |= Int(byte) << (offset * 8) }
        return number
    }
}

/// Why a segment selector does not parse.
struct SegmentSelectorError: Error {
    let message: String
}

/// Parses segment selectors at load time.
enum SegmentSelectorParser {
    /// The first qualifier element of X12 segments made of qualifier/id pairs, for `after(...)` without a position.
    static let idPairStarts: [String: Int] = [
        "PO1": 6, "IT1": 6, "ACK": 7, "LIN": 2, "SLN": 9, "PO3": 4, "CTP": 6,
    ]

    static func parse(_ text: String) throws(SegmentSelectorError) -> SegmentPath {
        var scanner = Scanner(Array(text.utf8))
        scanner.skipSpaces()
        let anchor: SegmentPath.Anchor =
            scanner.take("//") ? .anywhere : scanner.take("/") ? .root : .context
        var steps: [SegmentPath.Step] = []
        var terminal = SegmentPath.Terminal.segment
        while true {
            let token = scanner.word()
            guard !token.isEmpty else {
                throw SegmentSelectorError(message: "expected a segment tag at offset \(scanner.offset)")
            }
            if let element = elementRef(token), scanner.peek != UInt8(ascii: "[") {
                // `BEG03` is short for `BEG.BEG03`.
                let components = try componentRange(&scanner)
                steps.append(SegmentPath.Step(tag: element.tag, predicates: []))
                terminal = .element(
                    SegmentPath.ElementRef(tag: element.tag, position: element.position, components: components)
                )
                break
            }
            guard isTag(token) else {
                throw SegmentSelectorError(
                    message: "'\(token)' is neither a segment tag (like N1, PO1, DTM) nor an element (like BEG03)"
                )
            }
            var predicates: [SegmentPath.Predicate] = []
            while scanner.take("[") {
                predicates.append(try predicate(&scanner, tag: token))
            }
            steps.append(SegmentPath.Step(tag: token, predicates: predicates))
            if scanner.take("/") { continue }
            if scanner.take(".") { terminal = try parseTerminal(&scanner, tag: token) }
            break
        }
        scanner.skipSpaces()
        guard scanner.atEnd else {
            throw SegmentSelectorError(message: "unexpected '\(scanner.rest)' at offset \(scanner.offset)")
        }
        return SegmentPath(anchor: anchor, steps: steps, terminal: terminal)
    }

    private static func parseTerminal(_ scanner: inout Scanner, tag: String) throws(SegmentSelectorError)
        -> SegmentPath.Terminal
    {
        let word = scanner.word()
        if word == "after" || word == "qualified" {
            guard scanner.take("(") else { throw SegmentSelectorError(message: "expected '(' after \(word)") }
            let codes = scanner.codes()
            guard !codes.isEmpty else { throw SegmentSelectorError(message: "\(word)(...) needs at least one code") }
            if word == "qualified" {
                guard scanner.take(")") else { throw SegmentSelectorError(message: "expected ')' after the codes") }
                return .qualified(codes: codes)
            }
            var start = idPairStarts[tag]
            if scanner.take(",") {
                scanner.skipSpaces()
                let element = scanner.word()
                guard let reference = elementRef(element), reference.tag == tag else {
                    throw SegmentSelectorError(
                        message: "after(...) takes the first qualifier element of \(tag) as its second argument, "
                            + "like \(tag)06"
                    )
                }
                start = reference.position
            }
            guard scanner.take(")") else { throw SegmentSelectorError(message: "expected ')' after the codes") }
            guard let start else {
                throw SegmentSelectorError(
                    message: "\(tag) is not a known qualifier/id pair segment; name its first qualifier element, "
                        + "like \(tag).after(VP, \(tag)02)"
                )
            }
            return .after(codes: codes, firstQualifier: start)
        }
        guard let element = elementRef(word) else {
            throw SegmentSelectorError(
                message: "expected an element like \(tag)01, after(...) or qualified(...) after '.', found '\(word)'"
            )
        }
        guard element.tag == tag else {
            throw SegmentSelectorError(message: "element \(word) does not belong to segment \(tag)")
        }
        let components = try componentRange(&scanner)
        return .element(SegmentPath.ElementRef(tag: tag, position: element.position, components: components))
    }

    private static func predicate(_ scanner: inout Scanner, tag: String) throws(SegmentSelectorError)
        -> SegmentPath.Predicate
    {
        scanner.skipSpaces()
        if scanner.take("*") {
            guard scanner.take("]") else { throw SegmentSelectorError(message: "expected ']' after '[*'") }
            return .all
        }
        let word = scanner.word()
        if let number = Int(word) {
            guard number >= 1 else { throw SegmentSelectorError(message: "positions count from 1: [\(word)]") }
            guard scanner.take("]") else { throw SegmentSelectorError(message: "expected ']' after [\(word)") }
            return .index(number)
        }
        guard let element = elementRef(word) else {
            throw SegmentSelectorError(
                message: "expected [*], [n] or a test like [\(tag)01=CODE] in \(tag)[...], found '\(word)'"
            )
        }
        guard element.tag == tag else {
            throw SegmentSelectorError(message: "element \(word) in a predicate of \(tag) does not belong to \(tag)")
        }
        let components = try componentRange(&scanner)
        scanner.skipSpaces()
        let negated = scanner.take("!=")
        guard negated || scanner.take("=") else {
            throw SegmentSelectorError(message: "expected '=' or '!=' after \(word) in \(tag)[...]")
        }
        let codes = scanner.codes()
        guard !codes.isEmpty else { throw SegmentSelectorError(message: "expected a code after '=' in \(tag)[...]") }
        guard scanner.take("]") else { throw SegmentSelectorError(message: "expected ']' to close \(tag)[...]") }
        return .test(
            SegmentPath.ElementRef(tag: tag, position: element.position, components: components),
            codes: codes,
            negated: negated
        )
    }

    /// `.2` or `.2-4` after an element, when present.
    private static func componentRange(_ scanner: inout Scanner) throws(SegmentSelectorError) -> ClosedRange<Int>? {
        guard scanner.peek == UInt8(ascii: "."), let next = scanner.peek(1), next >= 0x30, next <= 0x39 else {
            return nil
        }
        _ = scanner.take(".")
        guard let first = Int(scanner.digits()), first >= 1 else {
            throw SegmentSelectorError(message: "components count from 1")
        }
        var last = first
        if scanner.take("-") {
            guard let end = Int(scanner.digits()), end >= first else {
                throw SegmentSelectorError(message: "a component range is written like .2-4")
            }
            last = end
        }
        return first...last
    }

    /// A tag: an uppercase letter, then one or two uppercase letters or digits.
    static func isTag(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard (2...3).contains(bytes.count), (0x41...0x5A).contains(bytes[0]) else { return false }
        return bytes.dropFirst().allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }

    /// `BEG03` → (`BEG`, 3): a tag followed by a two-digit position.
    static func elementRef(_ word: String) -> (tag: String, position: Int)? {
        guard word.utf8.count >= 4 else { return nil }
        let tag = String(word.dropLast(2))
        guard isTag(tag), let position = Int(word.suffix(2)), position >= 1,
            word.suffix(2).allSatisfy(\.isASCIIDigit)
        else { return nil }
        return (tag, position)
    }
}

/// A byte cursor over selector text.
private struct Scanner {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { offset >= bytes.count }
    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }
    func peek(_ ahead: Int) -> UInt8? { offset + ahead < bytes.count ? bytes[offset + ahead] : nil }
    var rest: String { String(decoding: bytes[offset...], as: UTF8.self) }

    mutating func skipSpaces() {
        while peek == UInt8(ascii: " ") { offset += 1 }
    }

    mutating func take(_ literal: String) -> Bool {
        let expected = Array(literal.utf8)
        guard bytes[offset...].starts(with: expected) else { return false }
        offset += expected.count
        return true
    }

    /// Letters and digits.
    mutating func word() -> String {
        let start = offset
        while let byte = peek, isAlphanumeric(byte) { offset += 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    mutating func digits() -> String {
        let start = offset
        while let byte = peek, (0x30...0x39).contains(byte) { offset += 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// `VN|VP|VC`: codes of letters, digits, `-` and `_`, separated by `|`; spaces around them are ignored.
    mutating func codes() -> [String] {
        var codes: [String] = []
        repeat {
            skipSpaces()
            let start = offset
            while let byte = peek, isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                offset += 1
            }
            guard offset > start else { return [] }
            codes.append(String(decoding: bytes[start..<offset], as: UTF8.self))
            skipSpaces()
        } while take("|")
        return codes
    }

    private func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
