/// A position in a segment document: the whole transaction / message, or one segment group (an order line, a party).
struct SegmentContext {
    /// The segment that starts the group; `nil` for the whole transaction or message.
    let index: Int?
}

/// Evaluates segment selectors (``SegmentPath``) over one X12 transaction set or EDIFACT message.
struct SegmentAccess: SourceAccess {
    let document: SegmentDocument
    /// `ST..SE` or `UNH..UNT`, for paths.
    let rootName: String
    /// The segments directly in the transaction or message (computed once: every order-level field searches them).
    private let rootSegments: [Int]

    init(document: SegmentDocument, rootName: String) {
        self.document = document
        self.rootName = rootName
        self.rootSegments = document.children(in: 0..<document.count)
    }

    var rootContext: SegmentContext { SegmentContext(index: nil) }

    /// The segments a selector matches in `context`.
    func matches(_ path: SegmentPath, in context: SegmentContext) -> [Int] {
        var current: [Int]
        switch path.anchor {
        case .context: current = filter(segments(of: context), path.steps[0])
        case .root: current = filter(rootSegments, path.steps[0])
        case .anywhere: current = filter(Array(0..<document.count), path.steps[0])
        }
        for step in path.steps.dropFirst() {
            var next: [Int] = []
            for group in current { next += filter(document.groupMembers(group), step) }
            current = next
        }
        return current
    }

    private func segments(of context: SegmentContext) -> [Int] {
        guard let index = context.index else { return rootSegments }
        return document.groupMembers(index)
    }

    private func filter(_ candidates: [Int], _ step: SegmentPath.Step) -> [Int] {
        var result = candidates.filter { document.tags[$0] == step.tag }
        for predicate in step.predicates {
            switch predicate {
            case .all:
                continue
            case .index(let position):
                result = position <= result.count ? [result[position - 1]] : []
            case .test(let element, let codes, let negated):
                result = result.filter { index in
                    let found = document.values(at: index, element).contains { codes.contains($0) }
                    return found != negated
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
                items.append(SourceItem(value: .composite("a segment"), path: document.path(of: index, tag)))
            case .element(let element):
                let location = document.path(of: index, element.description)
                for value in document.values(at: index, element) {
                    items.append(SourceItem(value: .text(value), path: location))
                }
            case .after(let codes, let start):
                if let id = document.idAfter(at: index, codes: codes, start: start) {
                    let what = "\(tag).after(\(codes.joined(separator: "|")))"
                    items.append(SourceItem(value: .text(id), path: document.path(of: index, what)))
                }
            case .qualified(let codes):
                if let id = document.qualifiedID(at: index, codes: codes) {
                    let what = "\(tag).qualified(\(codes.joined(separator: "|")))"
                    items.append(SourceItem(value: .text(id), path: document.path(of: index, what)))
                }
            }
        }
        return items
    }

    func contexts(_ selector: Selector, in context: SegmentContext) throws(MappingError) -> [SegmentContext] {
        guard case .segment(let path) = selector.kind else { return [] }
        return matches(path, in: context).map { SegmentContext(index: $0) }
    }

    func groups(by column: String, in context: SegmentContext) throws(MappingError) -> [SegmentContext] {
        [context]
    }

    func lineContexts(in order: SegmentContext) -> [SegmentContext] {
        []
    }

    func describe(_ selector: Selector, in context: SegmentContext) -> String {
        guard let index = context.index else { return "\(selector.text) in \(rootName)" }
        return "\(selector.text) in " + document.path(of: index, document.tags[index])
    }

    func path(of context: SegmentContext) -> String {
        guard let index = context.index else { return rootName }
        return document.path(of: index, document.tags[index])
    }
}
