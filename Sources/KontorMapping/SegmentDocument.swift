import KontorEDIFACT
import KontorX12

/// One X12 transaction set (ST..SE) or one EDIFACT message (UNH..UNT) as a tree of segment groups, the document a
/// `format: x12` or `format: edifact` mapping reads.
///
/// Segment groups (X12 loops, EDIFACT segment groups) come from ``SegmentGroups``: a group starts at its trigger
/// segment and holds the segments up to where the group ends. Every other segment stands alone.
///
/// A class: every selector evaluation passes it along, and one reference is cheaper to retain than its arrays.
final class SegmentDocument {
    enum Segments {
        case x12([X12Segment], subElement: UInt8, repetition: UInt8?)
        case edifact([EdifactSegment])
    }

    let segments: Segments
    /// The tag of each segment.
    let tags: [String]
    /// The tag of each segment as a number (``SegmentTag/number(_:)``), for fast comparison.
    let tagIDs: [Int]
    /// The 1-based position of each segment counted from ST / UNH, for source paths.
    let positions: [Int]
    /// For each segment that starts a group, the index after its last segment; otherwise the index after itself.
    let ends: [Int]

    init(transaction: X12Transaction) {
        let list = transaction.segments
        let delimiters = list.first?.delimiters ?? .standard
        segments = .x12(list, subElement: delimiters.subElement, repetition: delimiters.repetition)
        tags = list.map(\.tag)
        tagIDs = tags.map(SegmentTag.number)
        positions = list.map { transaction.position(of: $0) }
        ends = Self.groupEnds(tags: tags, rules: SegmentGroups.x12)
    }

    init(message: EdifactMessage) {
        segments = .edifact(message.segments)
        tags = message.segments.map(\.tag)
        tagIDs = tags.map(SegmentTag.number)
        positions = (0..<message.segments.count).map { $0 + 1 }
        ends = Self.groupEnds(tags: tags, rules: SegmentGroups.edifact)
    }

    var count: Int { tags.count }

    /// The indices of the segments directly in `range`: a nested group counts as its first segment.
    func children(in range: Range<Int>) -> [Int] {
        var result: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            result.append(index)
            index = max(index + 1, ends[index])
        }
        return result
    }

    /// The segments of the group started by `index`: the segment itself and the segments directly in the group.
    func groupMembers(_ index: Int) -> [Int] {
        [index] + children(in: (index + 1)..<ends[index])
    }

    // MARK: Values

    /// The non-empty values of an element: each component in `components` (every component when `nil`), of the
    /// element's first repetition.
    func values(at index: Int, _ element: SegmentPath.ElementRef) -> [String] {
        switch segments {
        case .x12(let list, let subElement, let repetition):
            let text = list[index][element.position]
            guard !text.isEmpty else { return [] }
            if !text.utf8.contains(where: { $0 == subElement || $0 == repetition }) {
                // A simple element: its only component is the whole value.
                guard element.components.map({ $0.contains(1) }) ?? true else { return [] }
                return [text]
            }
            var components = list[index].element(element.position)?.components ?? []
            if let range = element.components {
                components = Array(components.dropFirst(range.lowerBound - 1).prefix(range.count))
            }
            return components.filter { !$0.isEmpty }
        case .edifact(let list):
            let segment = list[index]
            if let range = element.components, range.count == 1 {
                return segment.value(element.position, range.lowerBound).map { [$0] } ?? []
            }
            var components = segment.element(element.position)
            if let range = element.components {
                components = Array(components.dropFirst(range.lowerBound - 1).prefix(range.count))
            }
            return components.filter { !$0.isEmpty }
        }
    }

    /// `true` when one of the element's values is one of `codes` (what a predicate like `[DTM01.1=137]` tests),
    /// without collecting the values for the common single-value case.
    func hasValue(at index: Int, _ element: SegmentPath.ElementRef, in codes: [String]) -> Bool {
        switch segments {
        case .edifact(let list):
            if let range = element.components, range.count == 1 {
                guard let value = list[index].value(element.position, range.lowerBound) else { return false }
                return codes.contains(value)
            }
        case .x12(let list, let subElement, let repetition):
            if element.components == nil || element.components == 1...1 {
                let text = list[index][element.position]
                if !text.utf8.contains(where: { $0 == subElement || $0 == repetition }) {
                    return !text.isEmpty && codes.contains(text)
                }
            }
        }
        return values(at: index, element).contains { codes.contains($0) }
    }

    /// `after(...)`: the id following the first qualifier in `codes`, scanning qualifier/id pairs from `start`.
    func idAfter(at index: Int, codes: [String], start: Int) -> String? {
        guard case .x12(let list, _, _) = segments else {
            return nil
        }
        let segment = list[index]
        var position = start
        while position < segment.count {
            if codes.contains(segment[position]) {
                let id = segment[position + 1]
                if !id.isEmpty { return id }
            }
            position += 2
        }
        return nil
    }

    /// `qualified(...)`: component 1 of the first element whose component 2 is one of `codes`.
    func qualifiedID(at index: Int, codes: [String]) -> String? {
        switch segments {
        case .edifact(let list):
            let segment = list[index]
            for position in 1...max(1, segment.elementCount) {
                if let qualifier = segment.value(position, 2), codes.contains(qualifier),
                    let id = segment.value(position, 1)
                {
                    return id
                }
            }
            return nil
        case .x12(let list, _, _):
            let segment = list[index]
            for position in 1...max(1, segment.count) {
                let components = segment.element(position)?.components ?? []
                if components.count >= 2, codes.contains(components[1]), !components[0].isEmpty {
                    return components[0]
                }
            }
            return nil
        }
    }

    /// `PO104 at segment 14`.
    func path(of index: Int, _ what: String) -> String {
        location(of: index, what).text
    }

    /// `PO104 at segment 14`, spelled out when needed.
    func location(of index: Int, _ what: String) -> SourcePath {
        SourcePath(what, segment: positions[index])
    }

    // MARK: Groups

    private static func groupEnds(tags: [String], rules: [String: SegmentGroups.Rule]) -> [Int] {
        var ends = (0..<tags.count).map { $0 + 1 }
        func build(_ range: Range<Int>) {
            var index = range.lowerBound
            while index < range.upperBound {
                guard let rule = rules[tags[index]] else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < range.upperBound, tags[end] != tags[index], rule.contains(tags[end]) {
                    end += 1
                }
                ends[index] = end
                build((index + 1)..<end)
                index = end
            }
        }
        build(0..<tags.count)
        return ends
    }
}

/// Which segments start a group, and which segments a group holds, per syntax.
enum SegmentGroups {
    /// What a group holds after its trigger segment (it always ends at the next segment with the trigger's tag).
    enum Rule {
        /// Only these tags (nested groups included); the group ends at any other segment.
        case members(Set<String>)
        /// Every segment up to one of these tags.
        case until(Set<String>)

        func contains(_ tag: String) -> Bool {
            switch self {
            case .members(let tags): tags.contains(tag)
            case .until(let tags): !tags.contains(tag)
            }
        }
    }

    /// X12: the PO1 / IT1 line loops, the N1 party loop and the CTT summary loop.
    static let x12: [String: Rule] = [
        "PO1": .until(["CTT", "SE"]),
        "IT1": .until(["TDS", "CTT", "SE"]),
        "N1": .members(["N2", "N3", "N4", "NX2", "REF", "PER", "SI", "FOB", "TD1", "TD3", "TD4", "TD5", "PKG"]),
        "CTT": .members(["AMT"]),
    ]

    /// EDIFACT: the LIN line group and the NAD party group (with its RFF, DTM, LOC, CTA and COM segments).
    static let edifact: [String: Rule] = [
        "LIN": .until(["UNS", "UNT", "CNT"]),
        "NAD": .members(["LOC", "FII", "RFF", "DTM", "DOC", "CTA", "COM"]),
    ]
}
