/// A position in a segment document: the whole transaction / message, or one segment group (an order line, a party).
struct SegmentContext {
    /// The segment that starts the group; `nil` for the whole transaction or message.
    let index: Int?
    /// The segments directly in the context (for a group: its first segment and those directly in it).
    let members: [Int]
}

/// Evaluates segment selectors (``SegmentPath``) over one X12 transaction set or EDIFACT message.
struct SegmentAccess: SourceAccess {
    let document: SegmentDocument
    /// `ST..SE` or `UNH..UNT`, for paths.
    let rootName: String
    /// The segments directly in the transaction or message, by tag (computed once: every order-level field searches
    /// them, and a large order has many).
    private let rootByTag: [Int: [Int]]
    /// Every segment, by tag, for `//`.
    private let allByTag: [Int: [Int]]

    init(document: SegmentDocument, rootName: String) {
        self.document = document
        self.rootName = rootName
        var rootByTag: [Int: [Int]] = [:]
        for index in document.children(in: 0..<document.count) {
            rootByTag[document.tagIDs[index], default: []].append(index)
        }
        var allByTag: [Int: [Int]] = [:]
        for index in 0..<document.count { allByTag[document.tagIDs[index], default: []].append(index) }
        self.rootByTag = rootByTag
        self.allByTag = allByTag
    }

    var rootContext: SegmentContext { SegmentContext(index: nil, members: []) }

    /// The segments a selector matches in `context`.
    func matches(_ path: SegmentPath, in context: SegmentContext) -> [Int] {
        let first = path.steps[0].tagNumber
        var current: [Int]
        switch (path.anchor, context.index) {
        case (.context, nil), (.root, _): current = filter(rootByTag[first] ?? [], first, path.steps[0])
        case (.context, _): current = filter(context.members, first, path.steps[0])
        case (.anywhere, _): current = filter(allByTag[first] ?? [], first, path.steps[0])
        }
        for step in path.steps.dropFirst() {
            var next: [Int] = []
            for group in current { next += filter(document.groupMembers(group), step.tagNumber, step) }
            current = next
        }
        return current
    }

    private func filter(_ candidates: [Int], _ tag: Int, _ step: SegmentPath.Step) -> [Int] {
        var result = candidates.filter { document.tagIDs[$0] == tag }
        for predicate in step.predicates {
            switch predicate {
            case .all:
                continue
            case .index(let position):
                result = position <= result.count ? [result[position - 1]] : []
            case .test(let element, let codes, let negated):
                result = result.filter { index in
                    document.hasValue(at: index, element, in: codes) != negated
                }
            }
        }
        return result
    }

    func items(_ selector: Selector, in context: SegmentContext) throws(MappingError) -> [SourceItem] {
        guard case .segment(let path) = selector.kind else { return [] }
        var items: [SourceItem] = []
        for index in matches(path, in: context) {
            let tag = document.tags[index]
            switch path.terminal {
            case .segment:
                items.append(SourceItem(value: .composite("a segment"), location: document.location(of: index, tag)))
            case .element(let element):
                let location = document.location(of: index, element.text)
                for value in document.values(at: index, element) {
                    items.append(SourceItem(value: .text(value), location: location))
                }
            case .after(let codes, let start):
                if let id = document.idAfter(at: index, codes: codes, start: start) {
                    items.append(SourceItem(value: .text(id), location: document.location(of: index, selector.text)))
                }
            case .qualified(let codes):
                if let id = document.qualifiedID(at: index, codes: codes) {
                    items.append(SourceItem(value: .text(id), location: document.location(of: index, selector.text)))
                }
            }
        }
        return items
    }

    func contexts(_ selector: Selector, in context: SegmentContext) throws(MappingError) -> [SegmentContext] {
        guard case .segment(let path) = selector.kind else { return [] }
        return matches(path, in: context).map { SegmentContext(index: $0, members: document.groupMembers($0)) }
    }

    func groups(by column: String, in context: SegmentContext) throws(MappingError) -> [SegmentContext] {
        [context]
    }

    func lineContexts(in order: SegmentContext) -> [SegmentContext] {
        []
    }

    func describe(_ selector: Selector, in context: SegmentContext) -> String {
        location(of: selector, in: context).text
    }

    /// `BEG03 in ST..SE`, `PID05 in PO1 at segment 9`.
    func location(of selector: Selector, in context: SegmentContext) -> SourcePath {
        guard let index = context.index else { return SourcePath(selector.text, in: rootName, segment: -1) }
        return SourcePath(selector.text, in: document.tags[index], segment: document.positions[index])
    }

    func path(of context: SegmentContext) -> String {
        guard let index = context.index else { return rootName }
        return document.path(of: index, document.tags[index])
    }
}
