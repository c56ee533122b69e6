/// A position in a JSON document: a node and its concrete path.
struct JSONContext {
    let node: JSONNode
    let path: String
}

/// Evaluates JSONPath selectors over a parsed document.
struct JSONAccess: SourceAccess {
    let root: JSONNode

    var rootContext: JSONContext { JSONContext(node: root, path: "$") }

    func items(_ selector: Selector, in context: JSONContext) throws(MappingError) -> [SourceItem] {
        guard case .json(let path) = selector.kind else { return [] }
        return path.evaluate(root: root, context: context.node, contextPath: context.path).map { match in
            let value: SourceItem.Value
            switch match.node {
            case .null: value = .null
            case .bool(let flag): value = .text(flag ? "true" : "false")
            case .number(let text): value = .text(text)
            case .string(let text): value = .text(text)
            case .array: value = .composite("an array")
            case .object: value = .composite("an object")
            }
            return SourceItem(value: value, path: match.path)
        }
    }

    /// The nodes the selector yields; a single array stands for its elements, so `each: line_items` works like
    /// `each: line_items[*]`. Nulls are skipped.
    func contexts(_ selector: Selector, in context: JSONContext) throws(MappingError) -> [JSONContext] {
        guard case .json(let path) = selector.kind else { return [] }
        let matches = path.evaluate(root: root, context: context.node, contextPath: context.path)
        if matches.count == 1, case .array(let elements) = matches[0].node {
            return elements.enumerated().map { JSONContext(node: $1, path: matches[0].path + "[\($0)]") }
        }
        return matches.compactMap { match in
            if case .null = match.node { return nil }
            return JSONContext(node: match.node, path: match.path)
        }
    }

    func groups(by column: String, in context: JSONContext) throws(MappingError) -> [JSONContext] {
        [context]
    }

    func lineContexts(in order: JSONContext) -> [JSONContext] {
        []
    }

    func describe(_ selector: Selector, in context: JSONContext) -> String {
        guard case .json(let path) = selector.kind else { return selector.text }
        return path.describe(contextPath: context.path)
    }

    func path(of context: JSONContext) -> String {
        context.path
    }
}
