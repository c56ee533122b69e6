/// The service characters of an interchange, from its `UNA` service string advice or the syntax defaults `:+.? '`.
///
/// `release` and `repetition` are `nil` when the interchange does not use them (a space in `UNA`).
public struct EdifactDelimiters: Sendable, Hashable {
    /// Separates the components of a composite element (`:` by default).
    public var component: UInt8
    /// Separates the elements of a segment (`+` by default).
    public var element: UInt8
    /// The decimal mark the sender announced (`.` by default). Readers accept `,` and `.` either way.
    public var decimalMark: UInt8
    /// Makes the next character literal (`?` by default).
    public var release: UInt8?
    /// Separates repetitions of an element (syntax version 4, often `*`); `nil` when not used.
    public var repetition: UInt8?
    /// Ends a segment (`'` by default).
    public var segment: UInt8

    /// Creates a set of delimiters.
    public init(
        component: UInt8 = UInt8(ascii: ":"),
        element: UInt8 = UInt8(ascii: "+"),
        decimalMark: UInt8 = UInt8(ascii: "."),
        release: UInt8? = UInt8(ascii: "?"),
        repetition: UInt8? = nil,
        segment: UInt8 = UInt8(ascii: "'")
    ) {
        self.component = component
        self.element = element
        self.decimalMark = decimalMark
        self.release = release
        self.repetition = repetition
        self.segment = segment
    }

    /// The syntax defaults `:+.? '` (no repetition separator).
    public static let standard = EdifactDelimiters()

    /// The six characters after `UNA`, e.g. `:+.? '`.
    public var serviceStringAdvice: String {
        let space = UInt8(ascii: " ")
        let bytes = [component, element, decimalMark, release ?? space, repetition ?? space, segment]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `true` when `byte` is one of the characters that need a release character in data.
    @inline(__always)
    func isSpecial(_ byte: UInt8) -> Bool {
        byte == component || byte == element || byte == segment || byte == release
            || (repetition != nil && byte == repetition)
    }
}

/// One segment: a tag and its data elements, each made of components, all unescaped.
///
/// Positions follow EDIFACT notation and are 1-based: `value(2)` of `BGM+220+B10001'` is `"B10001"`, and
/// `value(1, 2)` of `DTM+137:20250301:102'` is `"20250301"`. The tag itself is not an element.
public struct EdifactSegment: Sendable, Hashable, CustomStringConvertible {
    /// The segment tag, e.g. `"BGM"`.
    public let tag: String

    /// The 1-based position of the segment in its interchange (`UNB` is 1; `UNA` is not counted).
    public let position: Int

    /// The byte offset of the tag in the parsed input (0 for segments built in code).
    public let offset: Int

    /// All components, flat.
    let components: [String]
    /// Bit k set: component k starts an element occurrence (used when `storedStarts` is empty).
    let startMask: UInt64
    /// The number of element occurrences.
    let occurrenceCount: Int
    /// Start index in `components` of each occurrence, for segments with 64 components or more.
    let storedStarts: [Int]
    /// For each element the index of its first occurrence, plus the end; `nil` when no element repeats.
    let elementOccurrences: [Int]?

    init(
        tag: String,
        position: Int,
        offset: Int,
        components: [String],
        occurrenceStarts: [Int],
        elementOccurrences: [Int]?
    ) {
        // `occurrenceStarts` ends with the end index.
        var mask: UInt64 = 0
        let fitsMask = components.count <= 64
        if fitsMask { for start in occurrenceStarts.dropLast() { mask |= 1 << UInt64(start) } }
        self.init(
            tag: tag,
            position: position,
            offset: offset,
            components: components,
            startMask: mask,
            occurrenceCount: occurrenceStarts.count - 1,
            storedStarts: fitsMask ? [] : occurrenceStarts,
            elementOccurrences: elementOccurrences
        )
    }

    init(
        tag: String,
        position: Int,
        offset: Int,
        components: [String],
        startMask: UInt64,
        occurrenceCount: Int,
        storedStarts: [Int],
        elementOccurrences: [Int]?
    ) {
        self.tag = tag
        self.position = position
        self.offset = offset
        self.components = components
        self.startMask = startMask
        self.occurrenceCount = occurrenceCount
        self.storedStarts = storedStarts
        self.elementOccurrences = elementOccurrences
    }

    /// The start index in `components` of occurrence `occurrence`; `components.count` for the end.
    private func start(_ occurrence: Int) -> Int {
        if occurrence >= occurrenceCount { return components.count }
        if !storedStarts.isEmpty { return storedStarts[occurrence] }
        var mask = startMask
        for _ in 0..<occurrence { mask &= mask - 1 }
        return mask.trailingZeroBitCount
    }

    /// Builds a segment from elements (each an array of components), e.g. for tests and writers.
    public init(_ tag: String, _ elements: [[String]], position: Int = 0, offset: Int = 0) {
        var components: [String] = []
        var starts: [Int] = []
        for element in elements {
            starts.append(components.count)
            components.append(contentsOf: element.isEmpty ? [""] : element)
        }
        starts.append(components.count)
        self.init(
            tag: tag,
            position: position,
            offset: offset,
            components: components,
            occurrenceStarts: starts,
            elementOccurrences: nil
        )
    }

    /// A copy with another position in the interchange.
    func moved(to position: Int) -> EdifactSegment {
        EdifactSegment(
            tag: tag,
            position: position,
            offset: offset,
            components: components,
            startMask: startMask,
            occurrenceCount: occurrenceCount,
            storedStarts: storedStarts,
            elementOccurrences: elementOccurrences
        )
    }

    /// The number of data elements (trailing empty ones included when they were written).
    public var elementCount: Int {
        if let elementOccurrences { return elementOccurrences.count - 1 }
        return occurrenceCount
    }

    private func occurrenceRange(_ element: Int) -> Range<Int>? {
        guard element >= 1, element <= elementCount else { return nil }
        if let elementOccurrences { return elementOccurrences[element - 1]..<elementOccurrences[element] }
        return (element - 1)..<element
    }

    /// The components of the first occurrence of data element `element` (1-based); empty when absent.
    public func element(_ element: Int) -> [String] {
        guard let range = occurrenceRange(element), !range.isEmpty else { return [] }
        let occurrence = range.lowerBound
        return Array(components[start(occurrence)..<start(occurrence + 1)])
    }

    /// Every occurrence of data element `element` (1-based), for repeating elements of syntax version 4.
    public func repetitions(_ element: Int) -> [[String]] {
        guard let range = occurrenceRange(element) else { return [] }
        return range.map { Array(components[start($0)..<start($0 + 1)]) }
    }

    /// All data elements with their components (first occurrence of each).
    public var elements: [[String]] {
        (0..<elementCount).map { element($0 + 1) }
    }

    /// Component `component` of data element `element` (both 1-based); `nil` when absent or empty.
    public func value(_ element: Int, _ component: Int = 1) -> String? {
        guard let range = occurrenceRange(element), !range.isEmpty else { return nil }
        let occurrence = range.lowerBound
        let index = start(occurrence) + component - 1
        guard component >= 1, index < start(occurrence + 1) else { return nil }
        let value = components[index]
        return value.isEmpty ? nil : value
    }

    /// The segment in the default syntax, e.g. `DTM+137:20250301:102'`.
    public var description: String {
        EdifactWriter().segment(tag, elements)
    }
}
