/// The four delimiters of an interchange, read from its ISA segment.
public struct X12Delimiters: Sendable, Hashable {
    /// Separates data elements (ISA byte 3), usually `*`.
    public var element: UInt8
    /// Separates the components of a composite element (ISA16), usually `>` or `:`.
    public var subElement: UInt8
    /// Ends a segment (the byte after ISA16), usually `~`.
    public var segment: UInt8
    /// Separates repetitions of an element (ISA11 from version 00402 on), or `nil` when the interchange has none.
    public var repetition: UInt8?

    /// Creates a set of delimiters.
    public init(element: UInt8, subElement: UInt8, segment: UInt8, repetition: UInt8?) {
        self.element = element
        self.subElement = subElement
        self.segment = segment
        self.repetition = repetition
    }

    /// `*`, `>`, `~` and `^`: the most common choice.
    public static let standard = X12Delimiters(
        element: UInt8(ascii: "*"),
        subElement: UInt8(ascii: ">"),
        segment: UInt8(ascii: "~"),
        repetition: UInt8(ascii: "^")
    )

    /// `true` when `byte` is one of the delimiters.
    public func contains(_ byte: UInt8) -> Bool {
        byte == element || byte == subElement || byte == segment || byte == repetition
    }
}

/// One data element of a segment, with access to its repetitions and components.
///
/// The element keeps a reference to the interchange's bytes; text is only decoded when asked for.
public struct X12Element: Sendable, Hashable, CustomStringConvertible {
    let source: [UInt8]
    let range: Range<Int>
    /// The delimiters of the interchange the element comes from.
    public let delimiters: X12Delimiters

    init(source: [UInt8], range: Range<Int>, delimiters: X12Delimiters) {
        self.source = source
        self.range = range
        self.delimiters = delimiters
    }

    /// The element's text as written, including any repetition and component separators.
    public var value: String { String(decoding: source[range], as: UTF8.self) }

    /// The element's text as written.
    public var description: String { value }

    /// `true` when the element is empty.
    public var isEmpty: Bool { range.isEmpty }

    /// The repetitions of the element (one when the interchange has no repetition separator or none is used).
    public var repetitions: [X12Element] {
        guard let separator = delimiters.repetition else { return [self] }
        return split(by: separator).map { X12Element(source: source, range: $0, delimiters: delimiters) }
    }

    /// The components of the element (of its first repetition), split at the sub-element separator.
    public var components: [String] {
        let first = repetitions[0]
        return first.split(by: delimiters.subElement).map { String(decoding: source[$0], as: UTF8.self) }
    }

    /// The component at a 1-based position, or `""` when absent.
    public subscript(component position: Int) -> String {
        let all = components
        return position >= 1 && position <= all.count ? all[position - 1] : ""
    }

    private func split(by separator: UInt8) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where source[index] == separator {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<range.upperBound)
        return ranges
    }

    /// Elements are equal when their text is equal.
    public static func == (lhs: X12Element, rhs: X12Element) -> Bool {
        lhs.source[lhs.range].elementsEqual(rhs.source[rhs.range])
    }

    /// Hashes the element's text.
    public func hash(into hasher: inout Hasher) {
        for byte in source[range] { hasher.combine(byte) }
    }
}

/// One segment: its tag, its data elements and where it was found.
///
/// Data elements are numbered from 1 like in the X12 standard: `segment[3]` of a `BEG` segment is BEG03.
public struct X12Segment: Sendable, Hashable, CustomStringConvertible {
    let storage: X12Storage
    let firstField: Int
    let fieldCount: Int
    /// The delimiters of the interchange the segment comes from.
    public let delimiters: X12Delimiters
    /// The 0-based position of the segment in its interchange (ISA is 0).
    public let index: Int
    /// The byte offset of the segment's tag in the parsed input.
    public let offset: Int

    init(storage: X12Storage, firstField: Int, fieldCount: Int, delimiters: X12Delimiters, index: Int, offset: Int) {
        self.storage = storage
        self.firstField = firstField
        self.fieldCount = fieldCount
        self.delimiters = delimiters
        self.index = index
        self.offset = offset
    }

    /// Builds a segment from text, e.g. for tests or for writing; the elements must not contain delimiters.
    public init(_ tag: String, _ elements: [String], delimiters: X12Delimiters = .standard) {
        var bytes = Array(tag.utf8)
        var fields = [0..<bytes.count]
        for element in elements {
            bytes.append(delimiters.element)
            let start = bytes.count
            bytes.append(contentsOf: element.utf8)
            fields.append(start..<bytes.count)
        }
        self.init(
            storage: X12Storage(bytes: bytes, fields: fields),
            firstField: 0,
            fieldCount: fields.count,
            delimiters: delimiters,
            index: 0,
            offset: 0
        )
    }

    var source: [UInt8] { storage.bytes }

    func field(_ number: Int) -> Range<Int> { storage.fields[firstField + number] }

    /// The segment's tag, like `ISA`, `BEG` or `PO1`.
    public var tag: String { String(decoding: storage.bytes[field(0)], as: UTF8.self) }

    /// `true` when the tag is `tag` (without building a string).
    public func hasTag(_ tag: StaticString) -> Bool {
        let range = field(0)
        guard range.count == tag.utf8CodeUnitCount else { return false }
        return tag.withUTF8Buffer { storage.bytes[range].elementsEqual($0) }
    }

    /// The number of data elements, counting empty ones up to the last separator.
    public var count: Int { fieldCount - 1 }

    /// The text of the data element at a 1-based position, or `""` when absent.
    public subscript(position: Int) -> String {
        guard position >= 1 && position < fieldCount else { return "" }
        return String(decoding: storage.bytes[field(position)], as: UTF8.self)
    }

    /// The data element at a 1-based position, or `nil` when absent.
    public func element(_ position: Int) -> X12Element? {
        guard position >= 1 && position < fieldCount else { return nil }
        return X12Element(source: storage.bytes, range: field(position), delimiters: delimiters)
    }

    /// The component at 1-based positions, or `""` when absent (e.g. `component(1, 2)` is C001-02 of element 1).
    public func component(_ position: Int, _ component: Int) -> String {
        element(position)?[component: component] ?? ""
    }

    /// The text of every data element.
    public var elements: [String] { (1..<fieldCount).map { self[$0] } }

    /// `true` when the element at a 1-based position is absent or empty.
    public func isEmpty(_ position: Int) -> Bool {
        position < 1 || position >= fieldCount || field(position).isEmpty
    }

    /// The segment as written, without terminator.
    public var description: String {
        let range = field(0).lowerBound..<field(fieldCount - 1).upperBound
        return String(decoding: storage.bytes[range], as: UTF8.self)
    }

    /// Segments are equal when their tag and elements are equal; position is ignored.
    public static func == (lhs: X12Segment, rhs: X12Segment) -> Bool {
        guard lhs.fieldCount == rhs.fieldCount else { return false }
        for number in 0..<lhs.fieldCount
        where !lhs.source[lhs.field(number)].elementsEqual(rhs.source[rhs.field(number)]) {
            return false
        }
        return true
    }

    /// Hashes the tag and elements.
    public func hash(into hasher: inout Hasher) {
        for number in 0..<fieldCount {
            let range = field(number)
            hasher.combine(range.count)
            for byte in source[range] { hasher.combine(byte) }
        }
    }
}

/// The bytes of a parsed interchange and the ranges of every segment's tag and elements, shared by its segments.
final class X12Storage: Sendable {
    let bytes: [UInt8]
    let fields: [Range<Int>]

    init(bytes: [UInt8], fields: [Range<Int>]) {
        self.bytes = bytes
        self.fields = fields
    }
}
