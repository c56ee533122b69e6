import Foundation

/// The JSONPath subset mappings use to address JSON input.
///
/// - `$` is the document root, `@` (or no prefix) the current context: the order, or the line inside `lines:`.
/// - `.name` or `['name']` / `["name"]`: an object member; `[0]`: an array element (`[-1]` is the last one).
/// - `[*]` / `.*`: every element or member value; `..name` / `..*`: recursive descent.
/// - `[?(@.type == 'shipping')]`, `[?(@.qty != 0)]`, `[?(@.sku)]`: the elements for which a relative path equals, does
///   not equal, or exists. Literals are quoted strings, numbers (compared by value), `true`, `false` and `null`.
struct JSONPath: Sendable, Hashable {
    indirect enum Step: Sendable, Hashable {
        case member(String)
        case index(Int)
        case wildcard
        /// `..name` (a member at any depth) or `..*` (every descendant) when `nil`.
        case recursive(String?)
        case filter(Filter)
    }

    struct Filter: Sendable, Hashable {
        enum Comparison: Sendable, Hashable {
            case exists
            case equals(Literal)
            case notEquals(Literal)
        }

        var steps: [Step]
        var comparison: Comparison
    }

    enum Literal: Sendable, Hashable {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    struct SyntaxError: Error {
        let message: String
    }

    /// The selector as written.
    let text: String
    /// `true` when the path starts at the document root (`$`).
    let isAbsolute: Bool
    let steps: [Step]

    // MARK: Evaluation

    /// The nodes the path selects, with their concrete paths such as `$.line_items[0].price`.
    func evaluate(root: JSONNode, context: JSONNode, contextPath: String) -> [(node: JSONNode, path: String)] {
        var current: [(node: JSONNode, path: String)] = isAbsolute ? [(root, "$")] : [(context, contextPath)]
        for step in steps {
            var next: [(node: JSONNode, path: String)] = []
            for (node, path) in current {
                Self.apply(step, to: node, path: path, into: &next)
            }
            current = next
            if current.isEmpty { break }
        }
        return current
    }

    /// Where the path points from `contextPath`, for reporting a value that is not there.
    func describe(contextPath: String) -> String {
        if isAbsolute { return text }
        var relative = text
        if relative.hasPrefix("@") { relative.removeFirst() }
        if relative.isEmpty { return contextPath }
        if relative.hasPrefix(".") || relative.hasPrefix("[") { return contextPath + relative }
        return contextPath + "." + relative
    }

    private static func apply(
        _ step: Step,
        to node: JSONNode,
        path: String,
        into result: inout [(node: JSONNode, path: String)]
    ) {
        switch step {
        case .member(let name):
            if let value = node.member(name) { result.append((value, path + render(name))) }
        case .index(let index):
            guard case .array(let elements) = node else { return }
            let resolved = index < 0 ? elements.count + index : index
            if elements.indices.contains(resolved) { result.append((elements[resolved], path + "[\(resolved)]")) }
        case .wildcard:
            children(of: node, path: path, into: &result)
        case .recursive(let name):
            descend(node, path: path, name: name, includeSelf: true, into: &result)
        case .filter(let filter):
            var candidates: [(node: JSONNode, path: String)] = []
            children(of: node, path: path, into: &candidates)
            for candidate in candidates where filter.matches(candidate.node) {
                result.append(candidate)
            }
        }
    }

    private static func children(of node: JSONNode, path: String, into result: inout [(node: JSONNode, path: String)]) {
        switch node {
        case .array(let elements):
            for (offset, element) in elements.enumerated() { result.append((element, path + "[\(offset)]")) }
        case .object(let members):
            for member in members { result.append((member.value, path + render(member.key))) }
        default:
            break
        }
    }

    private static func descend(
        _ node: JSONNode,
        path: String,
        name: String?,
        includeSelf: Bool,
        into result: inout [(node: JSONNode, path: String)]
    ) {
        var children: [(node: JSONNode, path: String)] = []
        Self.children(of: node, path: path, into: &children)
        if let name {
            if case .object = node, let value = node.member(name) { result.append((value, path + render(name))) }
        } else if !includeSelf {
            result.append((node, path))
        }
        for child in children {
            descend(child.node, path: child.path, name: name, includeSelf: false, into: &result)
        }
    }

    /// `.name` for identifiers, `['odd name']` otherwise.
    static func render(_ name: String) -> String {
        var isIdentifier = !name.isEmpty
        for (offset, byte) in name.utf8.enumerated() {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(letter || byte == UInt8(ascii: "_") || (digit && offset > 0)) {
                isIdentifier = false
                break
            }
        }
        if isIdentifier { return "." + name }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return "['\(escaped)']"
    }

    // MARK: Parsing

    /// Parses a selector; throws a ``SyntaxError`` naming the problem.
    static func parse(_ text: String) throws(SyntaxError) -> JSONPath {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw SyntaxError(message: "empty JSONPath") }
        var parser = Parser(Array(trimmed.unicodeScalars))
        let (absolute, steps) = try parser.parsePath()
        return JSONPath(text: trimmed, isAbsolute: absolute, steps: steps)
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var atEnd: Bool { index >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func parsePath() throws(SyntaxError) -> (Bool, [Step]) {
            var absolute = false
            var steps: [Step] = []
            if current == "$" {
                absolute = true
                index += 1
            } else if current == "@" {
                index += 1
            } else if current != "[" && current != "." {
                steps.append(.member(try parseName()))
            }
            while !atEnd {
                steps.append(try parseStep())
            }
            return (absolute, steps)
        }

        mutating func parseStep() throws(SyntaxError) -> Step {
            switch current {
            case ".":
                index += 1
                if current == "." {
                    index += 1
                    if current == "*" {
                        index += 1
                        return .recursive(nil)
                    }
                    if current == "[" {
                        index += 1
                        skipSpaces()
                        if current == "*" {
                            index += 1
                            try expectClosingBracket()
                            return .recursive(nil)
                        }
                        let name = try parseQuoted()
                        try expectClosingBracket()
                        return .recursive(name)
                    }
                    return .recursive(try parseName())
                }
                if current == "*" {
                    index += 1
                    return .wildcard
                }
                return .member(try parseName())
            case "[":
                index += 1
                skipSpaces()
                let step: Step
                switch current {
                case "*":
                    index += 1
                    step = .wildcard
                case "'", "\"":
                    step = .member(try parseQuoted())
                case "?":
                    step = .filter(try parseFilter())
                case let scalar? where scalar == "-" || ("0"..."9").contains(scalar):
                    step = .index(try parseInteger())
                default:
                    throw error(
                        "expected an index, '*', a quoted name or a filter inside [...]"
                            + (current == ":" || scalars[index...].contains(":") ? " (slices are not supported)" : "")
                    )
                }
                try expectClosingBracket()
                return step
            default:
                throw error("expected '.' or '[' but found '\(current.map(String.init) ?? "")'")
            }
        }

        mutating func parseFilter() throws(SyntaxError) -> Filter {
            index += 1  // '?'
            skipSpaces()
            guard current == "(" else { throw error("expected '(' after '?' in a filter") }
            index += 1
            skipSpaces()
            guard current == "@" else { throw error("a filter must test the current element, like ?(@.type == 'x')") }
            index += 1
            var steps: [Step] = []
            while let scalar = current, scalar == "." || scalar == "[" {
                let step = try parseStep()
                switch step {
                case .member, .index: steps.append(step)
                default: throw error("a filter path may only use member names and indexes")
                }
            }
            skipSpaces()
            var comparison = Filter.Comparison.exists
            if current == "=" || current == "!" {
                let negated = current == "!"
                index += 1
                guard current == "=" else { throw error("expected '==' or '!=' in a filter") }
                index += 1
                skipSpaces()
                let literal = try parseLiteral()
                comparison = negated ? .notEquals(literal) : .equals(literal)
                skipSpaces()
            }
            guard current == ")" else { throw error("expected ')' to close the filter") }
            index += 1
            return Filter(steps: steps, comparison: comparison)
        }

        mutating func parseLiteral() throws(SyntaxError) -> Literal {
            switch current {
            case "'", "\"":
                return .string(try parseQuoted())
            case let scalar? where scalar == "-" || ("0"..."9").contains(scalar):
                let start = index
                while let scalar = current,
                    scalar == "-" || scalar == "+" || scalar == "." || scalar == "e"
                        || scalar == "E" || ("0"..."9").contains(scalar)
                {
                    index += 1
                }
                let text = String(String.UnicodeScalarView(scalars[start..<index]))
                guard DecimalText.normalize(text) != nil else { throw error("invalid number '\(text)' in a filter") }
                return .number(text)
            default:
                let start = index
                while let scalar = current, scalar.properties.isAlphabetic { index += 1 }
                switch String(String.UnicodeScalarView(scalars[start..<index])) {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "null": return .null
                default: throw error("expected a quoted string, a number, true, false or null in a filter")
                }
            }
        }

        mutating func parseName() throws(SyntaxError) -> String {
            let start = index
            while let scalar = current, !Self.nameTerminators.contains(scalar), !scalar.properties.isWhitespace {
                index += 1
            }
            guard index > start else {
                throw error(atEnd ? "expected a member name at the end" : "expected a member name")
            }
            return String(String.UnicodeScalarView(scalars[start..<index]))
        }

        static let nameTerminators: Set<Unicode.Scalar> = [
            ".", "[", "]", "(", ")", "'", "\"", "*", "?", "=", "!", ",", "$", "@",
        ]

        mutating func parseQuoted() throws(SyntaxError) -> String {
            guard let quote = current, quote == "'" || quote == "\"" else { throw error("expected a quoted name") }
            index += 1
            var text = String.UnicodeScalarView()
            while let scalar = current {
                index += 1
                if scalar == quote { return String(text) }
                if scalar == "\\" {
                    guard let escaped = current else { break }
                    index += 1
                    text.append(escaped)
                } else {
                    text.append(scalar)
                }
            }
            throw error("unterminated quoted name")
        }

        mutating func parseInteger() throws(SyntaxError) -> Int {
            let start = index
            if current == "-" { index += 1 }
            while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
            guard let value = Int(String(String.UnicodeScalarView(scalars[start..<index]))) else {
                throw error("expected an integer index")
            }
            return value
        }

        mutating func expectClosingBracket() throws(SyntaxError) {
            skipSpaces()
            guard current == "]" else {
                throw error(
                    current == ":"
                        ? "slices are not supported" : current == "," ? "unions are not supported" : "expected ']'"
                )
            }
            index += 1
        }

        mutating func skipSpaces() {
            while current == " " { index += 1 }
        }

        func error(_ message: String) -> SyntaxError {
            SyntaxError(message: "\(message) (at character \(index + 1))")
        }
    }
}

extension JSONPath.Filter {
    func matches(_ node: JSONNode) -> Bool {
        var current: [JSONNode] = [node]
        for step in steps {
            current = current.compactMap { candidate in
                switch step {
                case .member(let name):
                    return candidate.member(name)
                case .index(let index):
                    guard case .array(let elements) = candidate else { return nil }
                    let resolved = index < 0 ? elements.count + index : index
                    return elements.indices.contains(resolved) ? elements[resolved] : nil
                default:
                    return nil
                }
            }
        }
        guard let value = current.first else {
            if case .notEquals = comparison { return true }
            return false
        }
        switch comparison {
        case .exists:
            if case .null = value { return false }
            return true
        case .equals(let literal):
            return Self.equal(value, literal)
        case .notEquals(let literal):
            return !Self.equal(value, literal)
        }
    }

    private static func equal(_ node: JSONNode, _ literal: JSONPath.Literal) -> Bool {
        switch (node, literal) {
        case (.string(let lhs), .string(let rhs)): return lhs == rhs
        case (.number(let lhs), .number(let rhs)): return DecimalText.numericallyEqual(lhs, rhs)
        case (.bool(let lhs), .bool(let rhs)): return lhs == rhs
        case (.null, .null): return true
        default: return false
        }
    }
}
