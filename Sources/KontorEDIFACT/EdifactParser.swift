/// Why bytes could not be read as an EDIFACT interchange at all.
public struct EdifactSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var reason: Reason
    /// The byte offset where it went wrong.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The kinds of unreadable input.
    public enum Reason: String, Sendable, Hashable {
        /// No data, or only whitespace.
        case empty
        /// `UNA` is shorter than its six service characters, or repeats one.
        case invalidServiceStringAdvice
        /// The input ends inside a segment (no segment terminator, or a release character at the very end).
        case unterminatedSegment
        /// A segment has no tag.
        case missingSegmentTag
        /// The first segment (after `UNA`) is not `UNB`.
        case missingInterchangeHeader
    }

    /// A one-line explanation.
    public var description: String {
        switch reason {
        case .empty: "not an EDIFACT interchange: no data"
        case .invalidServiceStringAdvice: "invalid UNA service string advice at byte \(offset)"
        case .unterminatedSegment: "segment starting at byte \(offset) has no segment terminator"
        case .missingSegmentTag: "segment at byte \(offset) has no tag"
        case .missingInterchangeHeader: "not an EDIFACT interchange: the first segment (byte \(offset)) is not UNB"
        }
    }
}

/// Reads UN/EDIFACT interchanges from bytes.
///
/// ``tokenize(_:)`` splits bytes into ``EdifactSegment``s: it honours `UNA` (or the defaults `:+.? '`), removes
/// release characters, skips CR, LF, tabs and spaces between segments and a UTF-8 byte order mark, and decodes each
/// component as UTF-8 when it is valid UTF-8 and as ISO 8859-1 otherwise (the usual `UNOC` reality).
/// ``parse(_:)`` then groups the segments into an ``EdifactInterchange``. Envelope problems (missing trailers,
/// segments outside a message, ...) do not throw: they are recorded in ``EdifactInterchange/structureIssues`` so
/// that the other messages can still be read.
public enum EdifactParser {
    /// Splits an interchange into segments.
    public static func tokenize(
        _ bytes: [UInt8]
    ) throws(EdifactSyntaxError) -> (delimiters: EdifactDelimiters, segments: [EdifactSegment]) {
        var result: Result<(EdifactDelimiters, [EdifactSegment]), EdifactSyntaxError> = .success((.standard, []))
        bytes.withUnsafeBufferPointer { buffer in
            result = Result { () throws(EdifactSyntaxError) in try tokenize(buffer) }
        }
        return try result.get()
    }

    /// Splits an interchange given as a string into segments.
    public static func tokenize(
        _ text: String
    ) throws(EdifactSyntaxError) -> (delimiters: EdifactDelimiters, segments: [EdifactSegment]) {
        try tokenize(Array(text.utf8))
    }

    /// Parses an interchange.
    public static func parse(_ bytes: [UInt8]) throws(EdifactSyntaxError) -> EdifactInterchange {
        let (delimiters, segments) = try tokenize(bytes)
        guard let first = segments.first else { throw EdifactSyntaxError(.empty, offset: 0) }
        guard first.tag == "UNB" else { throw EdifactSyntaxError(.missingInterchangeHeader, offset: first.offset) }
        return EdifactInterchange(delimiters: delimiters, segments: segments)
    }

    /// Parses an interchange given as a string.
    public static func parse(_ text: String) throws(EdifactSyntaxError) -> EdifactInterchange {
        try parse(Array(text.utf8))
    }

    // MARK: Tokenizer

    private static func tokenize(
        _ p: UnsafeBufferPointer<UInt8>
    ) throws(EdifactSyntaxError) -> (EdifactDelimiters, [EdifactSegment]) {
        let count = p.count
        var i = 0
        if count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        i = skipFiller(p, i)
        guard i < count else { throw EdifactSyntaxError(.empty, offset: 0) }

        var delimiters = EdifactDelimiters.standard
        if count - i >= 3, p[i] == UInt8(ascii: "U"), p[i + 1] == UInt8(ascii: "N"), p[i + 2] == UInt8(ascii: "A") {
            guard count - i >= 9 else { throw EdifactSyntaxError(.invalidServiceStringAdvice, offset: i) }
            let space = UInt8(ascii: " ")
            let advice = Array(p[(i + 3)..<(i + 9)])
            delimiters = EdifactDelimiters(
                component: advice[0],
                element: advice[1],
                decimalMark: advice[2],
                release: advice[3] == space ? nil : advice[3],
                repetition: advice[4] == space ? nil : advice[4],
                segment: advice[5]
            )
            let structural =
                [advice[0], advice[1], advice[5]] + [delimiters.release, delimiters.repetition].compactMap { $0 }
            guard Set(structural).count == structural.count else {
                throw EdifactSyntaxError(.invalidServiceStringAdvice, offset: i)
            }
            i = skipFiller(p, i + 9)
        }

        let componentSeparator = delimiters.component
        let elementSeparator = delimiters.element
        let terminator = delimiters.segment
        // 0x100 never matches a byte: stands for "not used".
        let release = delimiters.release.map(Int.init) ?? 0x100
        let repetition = delimiters.repetition.map(Int.init) ?? 0x100

        var segments: [EdifactSegment] = []
        segments.reserveCapacity(count / 24)
        var scratch: [UInt8] = []
        var occurrenceStarts: [Int] = []
        let tracksRepetitions = repetition != 0x100

        while i < count {
            let segmentStart = i
            var components: [String] = []
            components.reserveCapacity(8)
            occurrenceStarts.removeAll(keepingCapacity: true)
            var elementOccurrences: [Int] = []
            var repeats = false
            var componentStart = i
            var escaped = false
            var high: UInt8 = 0
            var terminated = false
            var tag: String? = nil

            scan: while i < count {
                let byte = p[i]
                if byte != componentSeparator && byte != elementSeparator && byte != terminator
                    && Int(byte) != release && Int(byte) != repetition
                {
                    high |= byte
                    i += 1
                    continue
                }
                if Int(byte) == release {
                    guard i + 1 < count else { break scan }
                    escaped = true
                    high |= p[i + 1]
                    i += 2
                    continue
                }
                let value = makeString(p, componentStart, i, escaped: escaped, high: high, release: release, &scratch)
                if tag == nil { tag = value } else { components.append(value) }
                escaped = false
                high = 0
                if byte == elementSeparator {
                    occurrenceStarts.append(components.count)
                    if tracksRepetitions { elementOccurrences.append(occurrenceStarts.count - 1) }
                } else if Int(byte) == repetition {
                    occurrenceStarts.append(components.count)
                    repeats = true
                } else if byte == terminator {
                    terminated = true
                    i += 1
                    break scan
                }
                i += 1
                componentStart = i
            }
            guard terminated else { throw EdifactSyntaxError(.unterminatedSegment, offset: segmentStart) }
            guard let tag, !tag.isEmpty else { throw EdifactSyntaxError(.missingSegmentTag, offset: segmentStart) }
            if occurrenceStarts.isEmpty {
                // A tag with components but no elements (`UNS:x'`): keep them as element 1.
                if !components.isEmpty {
                    occurrenceStarts.append(0)
                    if tracksRepetitions { elementOccurrences.append(0) }
                }
            }
            occurrenceStarts.append(components.count)
            if tracksRepetitions { elementOccurrences.append(occurrenceStarts.count - 1) }
            segments.append(
                EdifactSegment(
                    tag: tag,
                    position: segments.count + 1,
                    offset: segmentStart,
                    components: components,
                    occurrenceStarts: occurrenceStarts,
                    elementOccurrences: repeats ? elementOccurrences : nil
                )
            )
            i = skipFiller(p, i)
        }
        return (delimiters, segments)
    }

    @inline(__always)
    private static func skipFiller(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < p.count {
            let byte = p[i]
            guard byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 || byte == 0x00 else { break }
            i += 1
        }
        return i
    }

    @inline(__always)
    private static func makeString(
        _ p: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        escaped: Bool,
        high: UInt8,
        release: Int,
        _ scratch: inout [UInt8]
    ) -> String {
        if start >= end { return "" }
        if !escaped {
            return decode(UnsafeBufferPointer(rebasing: p[start..<end]), high: high)
        }
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            if Int(p[i]) == release, i + 1 < end { i += 1 }
            scratch.append(p[i])
            i += 1
        }
        return scratch.withUnsafeBufferPointer { decode($0, high: high) }
    }

    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, high: UInt8) -> String {
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        // ISO 8859-1: every byte is the code point of the same value.
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
