/// Why an input is not an X12 interchange at all.
public enum X12ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input does not start with an ISA segment (after an optional BOM and whitespace).
    case missingISA
    /// The ISA segment ends before its 16th element and the segment terminator.
    case truncatedISA
    /// The delimiters in the ISA segment are unusable (e.g. the same byte twice, or a letter).
    case invalidDelimiters(String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .missingISA: "the input does not start with an ISA segment"
        case .truncatedISA: "the ISA segment ends before ISA16 and the segment terminator"
        case .invalidDelimiters(let reason): "unusable delimiters in the ISA segment: \(reason)"
        }
    }
}

/// Reads X12 interchanges from bytes.
///
/// The delimiters come from the ISA segment: the element separator is its 4th byte, ISA16 is the sub-element
/// separator and the byte after ISA16 ends segments. The ISA is located by counting 16 element separators, so
/// non-fixed-width ISAs work. ISA11 is the repetition separator only from version 00402 on (before it is the
/// standards identifier `U`). A UTF-8 BOM, and CR, LF, spaces and tabs between segments are skipped.
///
/// The parser only builds the envelope structure; it never rejects content. Envelope problems (missing SE/GE/IEA,
/// wrong counts or control numbers) are reported by ``X12Validator``.
public struct X12Parser: Sendable {
    /// Creates a parser.
    public init() {}

    /// Parses an interchange from text.
    public func parse(_ text: String) throws(X12ParseError) -> X12Interchange {
        try parse(Array(text.utf8))
    }

    /// Parses an interchange from bytes.
    public func parse(_ bytes: [UInt8]) throws(X12ParseError) -> X12Interchange {
        let (delimiters, segments) = try tokenize(bytes)
        return assemble(segments, delimiters: delimiters)
    }

    /// Reads the delimiters from the ISA segment at the start of `bytes`; also returns the ISA's byte offset.
    public func delimiters(of bytes: [UInt8]) throws(X12ParseError) -> (delimiters: X12Delimiters, isaOffset: Int) {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        while start < bytes.count && Self.isWhitespace(bytes[start]) { start += 1 }
        guard bytes.count >= start + 4, bytes[start] == UInt8(ascii: "I"), bytes[start + 1] == UInt8(ascii: "S"),
            bytes[start + 2] == UInt8(ascii: "A")
        else { throw .missingISA }
        let element = bytes[start + 3]
        guard !Self.isAlphanumeric(element), !Self.isWhitespace(element) else {
            throw .invalidDelimiters("element separator \(Self.show(element)) is a letter, digit or whitespace")
        }
        var separators: [Int] = []
        separators.reserveCapacity(16)
        var index = start + 3
        while index < bytes.count && separators.count < 16 {
            if bytes[index] == element { separators.append(index) }
            index += 1
        }
        guard separators.count == 16, separators[15] + 2 < bytes.count else { throw .truncatedISA }
        let subElement = bytes[separators[15] + 1]
        let terminator = bytes[separators[15] + 2]
        guard subElement != element, terminator != element, terminator != subElement else {
            throw .invalidDelimiters("element, sub-element and segment separators must differ")
        }
        guard !Self.isAlphanumeric(subElement), !Self.isAlphanumeric(terminator) else {
            throw .invalidDelimiters("a separator is a letter or digit")
        }
        var repetition: UInt8?
        let isa11 = bytes[(separators[10] + 1)..<separators[11]]
        let isa12 = bytes[(separators[11] + 1)..<separators[12]]
        if isa11.count == 1, let candidate = isa11.first, Self.versionNumber(isa12) >= 402,
            !Self.isAlphanumeric(candidate), !Self.isWhitespace(candidate),
            candidate != element, candidate != subElement, candidate != terminator
        {
            repetition = candidate
        }
        return (
            X12Delimiters(element: element, subElement: subElement, segment: terminator, repetition: repetition), start
        )
    }

    /// Splits `bytes` into segments without building the envelope structure.
    public func tokenize(_ bytes: [UInt8]) throws(X12ParseError) -> (X12Delimiters, [X12Segment]) {
        let (delimiters, start) = try delimiters(of: bytes)
        let element = delimiters.element
        let terminator = delimiters.segment
        var fields: [Range<Int>] = []
        fields.reserveCapacity(bytes.count / 4)
        var starts: [(field: Int, offset: Int)] = []
        starts.reserveCapacity(bytes.count / 24)
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            var position = start
            while position < count {
                while position < count {
                    let byte = buffer[position]
                    guard byte == terminator || (Self.isWhitespace(byte) && byte != element) else { break }
                    position += 1
                }
                guard position < count else { break }
                starts.append((fields.count, position))
                var fieldStart = position
                while position < count {
                    let byte = buffer[position]
                    if byte == terminator { break }
                    if byte == element {
                        fields.append(fieldStart..<position)
                        fieldStart = position + 1
                    }
                    position += 1
                }
                var end = position
                while end > fieldStart && (buffer[end - 1] == 0x0D || buffer[end - 1] == 0x0A) { end -= 1 }
                fields.append(fieldStart..<end)
                position += 1
            }
        }
        let storage = X12Storage(bytes: bytes, fields: fields)
        var segments: [X12Segment] = []
        segments.reserveCapacity(starts.count)
        for (number, segmentStart) in starts.enumerated() {
            let next = number + 1 < starts.count ? starts[number + 1].field : fields.count
            segments.append(
                X12Segment(
                    storage: storage,
                    firstField: segmentStart.field,
                    fieldCount: next - segmentStart.field,
                    delimiters: delimiters,
                    index: number,
                    offset: segmentStart.offset
                )
            )
        }
        return (delimiters, segments)
    }

    private func assemble(_ segments: [X12Segment], delimiters: X12Delimiters) -> X12Interchange {
        var interchange = X12Interchange(delimiters: delimiters, isa: segments[0])
        var group: X12FunctionalGroup?
        var transaction: [X12Segment]?
        var finished = false

        func closeTransaction(trailer: Bool) {
            guard let open = transaction else { return }
            group?.transactions.append(X12Transaction(segments: open, hasTrailer: trailer))
            transaction = nil
        }
        func closeGroup() {
            closeTransaction(trailer: false)
            if let open = group { interchange.groups.append(open) }
            group = nil
        }

        for segment in segments.dropFirst() {
            if finished {
                interchange.unexpectedSegments.append(segment)
                continue
            }
            let tag = segment.fieldCount > 0 && (2...3).contains(segment.field(0).count) ? segment.tag : ""
            switch tag {
            case "GS":
                closeGroup()
                group = X12FunctionalGroup(gs: segment)
            case "ST":
                if group == nil {
                    interchange.unexpectedSegments.append(segment)
                } else {
                    closeTransaction(trailer: false)
                    transaction = [segment]
                }
            case "SE":
                if transaction != nil {
                    transaction?.append(segment)
                    closeTransaction(trailer: true)
                } else {
                    interchange.unexpectedSegments.append(segment)
                }
            case "GE":
                if group != nil {
                    closeTransaction(trailer: false)
                    group?.ge = segment
                    closeGroup()
                } else {
                    interchange.unexpectedSegments.append(segment)
                }
            case "IEA":
                closeGroup()
                interchange.iea = segment
                finished = true
            default:
                if transaction != nil {
                    transaction?.append(segment)
                } else {
                    interchange.unexpectedSegments.append(segment)
                }
            }
        }
        closeGroup()
        return interchange
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func versionNumber(_ bytes: ArraySlice<UInt8>) -> Int {
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return 0 }
            value = value * 10 + Int(byte - 0x30)
            if value > 1_000_000 { return 0 }
        }
        return value
    }

    private static func show(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "0x\(String(byte, radix: 16))"
    }
}
